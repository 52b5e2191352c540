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
