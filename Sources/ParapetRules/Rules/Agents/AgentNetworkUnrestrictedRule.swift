import ParapetCore
import ParapetFacts
import ParapetGraph

struct AgentNetworkUnrestrictedRule: Rule {
    static let metadata = RuleMetadata(
        code: "EGR204", name: "agent-network-unrestricted", family: .egress, defaultSeverity: .warning,
        summary: "Finds agent runtimes whose sandbox lets tools reach any host on the network.",
        rationale: """
            An agent that reads untrusted input and can fetch any URL or run `curl` can be steered to \
            send code, secrets or customer data anywhere. A sandbox with an allow-list of domains \
            keeps a prompt injection from becoming exfiltration. An agent running in a Kubernetes \
            workload inherits that workload's egress.
            """,
        remediation: "Turn the sandbox on and list the domains the agent needs in its network allow-list.",
        examples: [
            .triggering("""
                model = "gpt-4o-2024-08-06"
                sandbox_mode = ↓"danger-full-access"
                """, fileName: ".codex/config.toml"),
            .passing("""
                model = "gpt-4o-2024-08-06"
                sandbox_mode = "workspace-write"

                [sandbox_workspace_write]
                network_access = false
                """, fileName: ".codex/config.toml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let capabilities = ToolCapabilities.builtIn
        for agent in context.agentFacts {
            let (node, profile) = (context.graph[agent.node], agent.profile)
            switch agent.egress {
            case .notDeclared: continue
            case .openWorkloads(let open):
                // No sandbox in the manifest: the workload it runs in decides.
                for (id, egress) in open {
                    let workload = context.graph[id]
                    let what = egress.state == .notIsolated ? "which has no egress policy" : "whose egress policy allows everything"
                    findings.append(agentFinding("Agent `\(profile.name)` runs in \(workload.kubernetesDisplay), \(what)",
                                            at: profile.range, node: node, path: "egress",
                                            related: [RelatedLocation(range: workload.nameRange, message: "\(workload.kubernetesDisplay): \(egress.reason)")]))
                }
                continue
            case .pods(let pods, let posture):
                // An operator's pods: their NetworkPolicies decide what the agent's tools reach.
                guard posture.isOpen, canReachNetwork(profile, capabilities) else { continue }
                let what = posture.state == .notIsolated ? "that no egress policy restricts" : "whose egress policy allows everything"
                findings.append(agentFinding("Agent `\(profile.name)` runs in pods \(what)", at: profile.range, node: node, path: "egress",
                                        related: [RelatedLocation(range: pods.range, message: "\(pods.workload): \(posture.reason)")]))
                continue
            case .sandbox:
                break
            }
            if let egress = profile.egress.value, egress.isDefault {
                // Nothing written: report only a tool that reaches the network without asking.
                guard egress.network == .unrestricted, let grant = unaskedNetworkGrant(profile, capabilities) else { continue }
                findings.append(agentFinding("Agent `\(profile.name)` runs `\(grant.pattern)` without asking and has no network sandbox: \(egress.evidence)",
                                        at: grant.range, node: node, path: "egress"))
                continue
            }
            if let egress = profile.egress.value {
                guard egress.network == .unrestricted, canReachNetwork(profile, capabilities) else { continue }
                findings.append(agentFinding("Agent `\(profile.name)` has unrestricted network access: \(egress.evidence)",
                                        at: egress.range, node: node, path: "egress"))
            }
        }
        return findings
    }
}

private extension AgentNetworkUnrestrictedRule {
    /// Open network matters when a tool can use it: a network or shell tool that is not denied,
    /// or a format whose tools the manifest does not list (a coding agent always has a shell).
    func canReachNetwork(_ profile: AgentProfile, _ capabilities: ToolCapabilities) -> Bool {
        guard let tools = profile.tools.value else { return true }
        if tools.isEmpty { return true }
        // Codex runs its shell inside the sandbox without a grant (the approval policy only
        // decides when to ask): the sandbox's network is the shell's network.
        if profile.format == .codexConfig, !tools.contains(where: { $0.pattern == "shell" && $0.approval == .denied }) { return true }
        return tools.contains { grant in
            guard grant.approval != .denied else { return false }
            let classified = capabilities.classify(grant, servers: profile.servers.value ?? [])
            // A whole server nothing here knows may reach the network: it counts.
            return [.network, .exec, .destructive].contains(classified.capability) || classified.isUnknownServer
        }
    }

    /// An allowed tool that reaches any host: a network tool (`WebFetch`, `Bash(curl *)`) or a
    /// shell that runs any command. `WebFetch(domain:x)` and a shell limited to one local command
    /// do not count.
    func unaskedNetworkGrant(_ profile: AgentProfile, _ capabilities: ToolCapabilities) -> ToolGrant? {
        let tools = profile.tools.value ?? []
        let gated = tools.filter { $0.approval == .required || $0.approval == .denied }.map(\.pattern)
        return tools.first { grant in
            guard grant.approval == .auto, !gated.contains(grant.pattern) else { return false }
            let classified = capabilities.classify(grant, servers: profile.servers.value ?? [])
            // A fetch held to one domain, or a shell held to one local command, reaches no host at will.
            return (classified.capability == .network || classified.capability == .exec) && !classified.isRestricted
        }
    }
}
