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
        for (node, profile) in context.agents {
            if let egress = profile.egress.value {
                guard egress.network == .unrestricted, canReachNetwork(profile, capabilities) else { continue }
                findings.append(finding("Agent `\(profile.name)` has unrestricted network access: \(egress.evidence)",
                                        at: egress.range, node: node, path: "egress"))
                continue
            }
            // No sandbox in the manifest: the workload it runs in decides.
            for workload in context.workloads(of: node) {
                guard let egress = context.facts.workload(workload.id)?.egress, egress.isOpen else { continue }
                let what = egress.state == .notIsolated ? "which has no egress policy" : "whose egress policy allows everything"
                findings.append(finding("Agent `\(profile.name)` runs in \(workload.kubernetesDisplay), \(what)",
                                        at: profile.range, node: node, path: "egress",
                                        related: [RelatedLocation(range: workload.nameRange, message: "\(workload.kubernetesDisplay): \(egress.reason)")]))
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
        return tools.contains { grant in
            guard grant.approval != .denied else { return false }
            let capability = capabilities.classify(grant).capability
            return capability == .network || capability == .exec || capability == .destructive
        }
    }
}
