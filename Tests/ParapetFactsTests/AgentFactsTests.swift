import ParapetCore
import ParapetFacts
import ParapetGraph
import ParapetSyntax
import Testing

@Suite struct AgentFactsTests {
    func agent(_ facts: Facts, _ graph: Graph, named name: String) -> AgentFacts? {
        facts.agents.values.first { $0.profile.name == name }
    }

    @Test func aProjectIsOneAgentThatDelegatesToItsSubagents() throws {
        let (graph, facts) = facts([
            (".claude/settings.json", #"{"model": "sonnet", "permissions": {"defaultMode": "bypassPermissions", "allow": ["Read"]}}"#),
            (".mcp.json", #"{"mcpServers": {"docs": {"command": "npx", "args": ["-y", "@upstash/context7-mcp@1.0.14"]}}}"#),
            (".claude/agents/a.md", "---\nname: a\ndescription: A\ntools: Read, Bash\n---\nDo A.\n"),
            (".claude/agents/b.md", "---\nname: b\ndescription: B\ntools: Read\npermissionMode: default\n---\nDo B.\n"),
        ])
        #expect(graph.agents.values.filter { $0.name == "claude-code" }.count == 1)
        let parent = try #require(agent(facts, graph, named: "claude-code"))
        #expect(parent.children.count == 2)
        #expect(parent.servers.count == 1)
        #expect(parent.models.map { graph[$0].address.description } == ["model:anthropic/sonnet"])
        #expect(parent.tools.count == 1)
        for name in ["a", "b"] {
            let child = try #require(agent(facts, graph, named: name))
            #expect(child.parents == [parent.node])
            // bypassPermissions cannot be narrowed by a subagent.
            #expect(child.profile.approvalMode.value?.mode == .bypass)
            #expect(child.profile.approvalMode.value?.inheritedFrom == ".claude/settings.json")
            #expect(child.profile.tools.value?.allSatisfy { $0.approval == .auto } == true)
        }
    }

    /// A kagent Agent's network is its pods': the Deployment the controller makes, when the scan
    /// holds it (rendered manifests), else the labels the controller gives its pods.
    @Test func aKagentAgentsNetworkIsItsPods() throws {
        let manifest = { (name: String) in
            "apiVersion: kagent.dev/v1alpha2\nkind: Agent\nmetadata: {name: \(name), namespace: ai}\nspec:\n  type: Declarative\n  declarative: {modelConfig: m, systemMessage: hi}\n"
        }
        let (graph, facts) = facts([
            ("agents.yaml", manifest("a") + "---\n" + manifest("b")),
            ("rendered.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: b, namespace: ai}
                spec:
                  selector: {matchLabels: {app: other}}
                  template:
                    metadata: {labels: {app: other}}
                    spec: {containers: [{name: c, image: x:1}]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: agents, namespace: ai}
                spec:
                  podSelector: {matchLabels: {app: kagent}}
                  policyTypes: [Egress]
                  egress: []
                """),
        ])
        let a = try #require(agent(facts, graph, named: "ai/a"))
        #expect(a.pods?.egress.state == .denied)
        #expect(a.workloads.isEmpty)
        // `b` runs in the rendered Deployment, whose pods the policy does not select.
        let b = try #require(agent(facts, graph, named: "ai/b"))
        #expect(b.workloads.map { graph[$0].address.description } == ["k8s:apps/Deployment/ai/b"])
        #expect(b.pods?.egress.state == .notIsolated)
        guard case .pods(_, let posture) = b.egress else { Issue.record("no pods egress"); return }
        #expect(posture.isOpen)
    }

    @Test func budgetsAreDecidedOnce() throws {
        let (graph, facts) = facts([
            (".gemini/settings.json", #"{"model": {"name": "gemini-2.5-pro", "maxSessionTurns": -1}}"#),
            ("x/.gemini/settings.json", #"{"model": {"name": "gemini-2.5-pro", "maxSessionTurns": 20}}"#),
        ])
        let unlimited = try #require(facts.agents.values.first { $0.profile.range.path == ".gemini/settings.json" })
        let capped = try #require(facts.agents.values.first { $0.profile.range.path == "x/.gemini/settings.json" })
        guard case .unlimited = unlimited.budget([.turns]) else { Issue.record("-1 is no cap"); return }
        guard case .capped = capped.budget([.turns]) else { Issue.record("20 is a cap"); return }
        guard case .notExpressible = capped.budget([.spend]) else { Issue.record("Gemini settings have no spend cap"); return }
        _ = graph
    }

    @Test func anAgentInAWorkloadTakesItsEgressAndTracing() throws {
        let (graph, facts) = facts([
            ("agents/team.yaml", "agents:\n  root:\n    model: anthropic/claude-sonnet-4-5-20250929\n    toolsets:\n      - type: shell\n"),
            ("deploy.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: team
              namespace: agents
              annotations:
                parapet.dev/agent: agents/team.yaml
            spec:
              template:
                spec:
                  containers:
                    - name: agent
                      image: docker/docker-agent:1.9.0
                      args: ["run", "--otel", "/config/team.yaml"]
            """),
        ])
        let root = try #require(agent(facts, graph, named: "root"))
        #expect(root.workloads.count == 1)
        #expect(root.isTraced)
        guard case .openWorkloads(let open) = root.egress else { Issue.record("a namespace without policies is open"); return }
        #expect(open.count == 1)
    }
}
