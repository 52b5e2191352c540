import ParapetCore
import Testing
@testable import ParapetGraph
@testable import ParapetSyntax

/// Loads in-memory files as discovery would classify them and builds the graph.
private func graph(_ files: [(String, String)]) -> Graph {
    let loader = Loader()
    let parsed = files.compactMap { loader.load(SourceFile(path: $0.0, text: $0.1)) }
    return GraphBuilder.build(parsed)
}

private func profiles(_ files: [(String, String)]) -> [AgentProfile] {
    graph(files).agents.sorted { $0.key < $1.key }.map(\.value)
}

private func profile(_ name: String, _ files: [(String, String)]) -> AgentProfile? {
    profiles(files).first { $0.name == name }
}

@Suite struct FrameworkAdapterCodexTests {
    @Test func neverAndFullAccessAreBypassAndOpenNetwork() throws {
        let p = try #require(profile("codex", [(".codex/config.toml", """
            approval_policy = "never"
            sandbox_mode = "danger-full-access"
            [otel]
            exporter = "none"
            """)]))
        #expect(p.approvalMode.value?.mode == .bypass)
        #expect(p.egress.value?.network == .unrestricted)
        #expect(!p.telemetry.isExpressible, "a project's config cannot route telemetry")
        #expect(p.tools.value?.first { $0.pattern == "shell" }?.approval == .auto)
        #expect(p.caps(.turns) == nil, "Codex cannot cap turns")
        #expect(p.caps(.rate)?.isEmpty == true)
    }

    @Test func profilesOverrideTheBaseAndKeepTheirRanges() throws {
        // The user's config: Codex drops `[profiles.*]` from a project's `.codex/config.toml`.
        let all = profiles([("dotfiles/.codex/config.toml", """
            model = "gpt-5"
            approval_policy = "on-request"
            [sandbox_workspace_write]
            network_access = true
            [profiles.locked]
            sandbox_mode = "read-only"
            model = "o3"
            """)])
        #expect(all.map(\.name) == ["codex", "profiles.locked"])
        let base = all[0], locked = all[1]
        #expect(base.egress.value?.network == .unrestricted)
        #expect(locked.egress.value?.network == .denied)
        #expect(locked.models.value?.map(\.id) == ["o3"])
        #expect(locked.models.value?.first?.range.start.line == 7)
        #expect(locked.approvalMode.value?.range.start.line == 2, "inherited from the base table")
        // The same file in a repository: the profiles are not read, and said to be ignored.
        let project = profiles([(".codex/config.toml", "model = \"gpt-5\"\n[profiles.locked]\nsandbox_mode = \"read-only\"\n")])
        #expect(project.map(\.name) == ["codex"])
        #expect(project.first?.ignoredSettings.map(\.key) == ["profiles"])
    }

    @Test func mcpApprovalModes() throws {
        let p = try #require(profile("codex", [(".codex/config.toml", """
            [mcp_servers.gh]
            command = "npx"
            args = ["-y", "@modelcontextprotocol/server-github"]
            default_tools_approval_mode = "approve"
            tools.delete_repo.approval_mode = "prompt"
            [mcp_servers.off]
            url = "https://x.example.com/mcp"
            enabled = false
            """)]))
        let tools = try #require(p.tools.value)
        #expect(tools.first { $0.pattern == "mcp__gh" }?.approval == .auto)
        #expect(tools.first { $0.pattern == "mcp__gh__delete_repo" }?.approval == .required)
        #expect(!tools.contains { $0.pattern.hasPrefix("mcp__off") }, "a disabled server grants nothing")
        let servers = try #require(p.servers.value)
        #expect(servers.first { $0.name == "gh" }?.arguments == ["-y", "@modelcontextprotocol/server-github"])
        #expect(servers.first { $0.name == "gh" }?.argumentRanges.count == 2)
        #expect(servers.first { $0.name == "off" }?.disabled == true)
    }

    @Test func otelExportersAreSinks() throws {
        // The user's config: a project's `[otel]` is ignored by Codex (`projectCannotSayTelemetry`).
        let p = try #require(profile("codex", [("dotfiles/.codex/config.toml", """
            [otel]
            exporter = { otlp-grpc = { endpoint = "http://collector:4317" } }
            metrics_exporter = "statsig"
            """)]))
        let kinds = p.telemetry.value?.map(\.kind) ?? []
        #expect(kinds.contains(.logs) && kinds.contains(.toolAudit) && kinds.contains(.metrics))
        #expect(p.telemetry.value?.first?.destination == "http://collector:4317")
    }

    @Test func appsDestructiveToolsFollowTheirApprovalMode() throws {
        let p = try #require(profile("codex", [(".codex/config.toml", """
            approval_policy = "on-request"
            [apps._default]
            destructive_enabled = true
            default_tools_approval_mode = "approve"
            [apps.linear]
            default_tools_approval_mode = "prompt"
            [apps.drive]
            enabled = false
            """)]))
        let apps = (p.tools.value ?? []).filter { $0.pattern.hasPrefix("app_destructive_tools") }
        #expect(apps.map(\.pattern) == ["app_destructive_tools(every app)", "app_destructive_tools(linear)"])
        #expect(apps.map(\.approval) == [.auto, .required])
    }

    @Test func projectCannotSayTelemetry() throws {
        let p = try #require(profile("codex", [(".codex/config.toml", "[otel]\nexporter = \"none\"\n")]))
        #expect(!p.telemetry.isExpressible)
        #expect(p.ignoredSettings.map(\.key) == ["otel"])
    }
}

@Suite struct FrameworkAdapterCrewAITests {
    @Test func defaultMaxIterIsNotACapAndUnsafeCodeRunsUnasked() throws {
        let p = try #require(profile("coder", [("config/agents.yaml", """
            coder:
              role: Coder
              goal: Write code
              backstory: Fast.
              llm: openai/gpt-4o
              allow_code_execution: true
              code_execution_mode: unsafe
            """)]))
        #expect(p.caps(.turns)?.isEmpty == true, "max_iter defaults to 25 but only a written one counts")
        #expect(p.models.value?.first?.provider == "openai")
        #expect(p.models.value?.first?.id == "gpt-4o")
        let exec = try #require(p.tools.value?.first { $0.pattern == "code_execution:unsafe" })
        #expect(exec.approval == .auto)
    }

    @Test func tasksLinkToTheirAgentNextToThem() throws {
        let g = graph([
            ("crew/config/agents.yaml", "writer:\n  role: W\n  goal: G\n  backstory: B\n"),
            ("crew/config/tasks.yaml", "publish:\n  description: D\n  expected_output: O\n  agent: writer\n  human_input: true\n  tools: [FileWriterTool]\n"),
        ])
        let task = try #require(g.agents.first { $0.value.name == "publish" })
        #expect(task.value.tools.value?.first?.approval == .required)
        let edges = g.edges(from: task.key, label: .assignedTo)
        #expect(edges.map { "\(g[$0.to].address)" } == ["agent:crew/config/agents.yaml#writer"])
    }
}

@Suite struct FrameworkAdapterCagentTests {
    @Test func namedModelsCapsAndPermissions() throws {
        let all = profiles([("team.yaml", """
            agents:
              root:
                model: main
                max_iterations: 0
                toolsets:
                  - type: shell
                  - type: fetch
            models:
              main:
                provider: anthropic
                model: claude-sonnet-4-5-20250929
                max_tokens: 8000
            permissions:
              allow: ["shell:cmd=*"]
            """)])
        let p = try #require(all.first)
        #expect(p.models.value?.first?.provider == "anthropic")
        #expect(p.models.value?.first?.range.start.line == 11, "the id's range, in models:")
        #expect(p.caps(.tokens)?.first?.value == "8000")
        #expect(p.caps(.turns)?.first?.isUnlimited == true)
        #expect(p.tools.value?.contains { $0.pattern == "shell:cmd=*" && $0.approval == .auto } == true)
        #expect(p.egress.value?.network == .unrestricted)
    }

    @Test func oddShapesDoNotCrash() {
        for text in ["agents: [1, 2]\n", "agents:\n  root: 3\n", "agents:\n  root:\n    model: [a]\n    toolsets: oops\n", "- a\n- b\n"] {
            _ = profiles([("a.yaml", text)])
            _ = CagentAdapter.profiles(in: Loader().parse(SourceFile(path: "a.yaml", text: text), syntax: .yaml, kind: .cagent))
        }
    }
}

@Suite struct FrameworkAdapterKagentTests {
    static let agent = """
        apiVersion: kagent.dev/v1alpha2
        kind: Agent
        metadata: {name: ops-agent, namespace: ops}
        spec:
          type: Declarative
          declarative:
            modelConfig: gpt
            tools:
              - type: McpServer
                mcpServer:
                  kind: RemoteMCPServer
                  name: k8s-tools
                  toolNames: [k8s_get_resources, k8s_delete_resource]
                  requireApproval: [k8s_delete_resource]
              - type: McpServer
                mcpServer: {kind: RemoteMCPServer, name: k8s-tools}
          sandbox:
            network:
              allowedDomains: ["*"]
        """

    static let platform = """
        apiVersion: v1
        kind: Secret
        metadata: {name: key, namespace: ops}
        stringData: {key: x}
        ---
        apiVersion: kagent.dev/v1alpha3
        kind: ModelConfig
        metadata: {name: gpt, namespace: ops}
        spec:
          provider: OpenAI
          model: gpt-4o-2024-08-06
          openAI: {maxTokens: 1024}
        ---
        apiVersion: kagent.dev/v1alpha2
        kind: RemoteMCPServer
        metadata: {name: k8s-tools, namespace: ops}
        spec: {url: "http://tools.ops:8084/mcp"}
        """

    @Test func modelConfigInAnotherFileResolves() throws {
        let g = graph([("agents/ops.yaml", Self.agent), ("platform/models.yaml", Self.platform)])
        #expect(g.agents.count == 1, "the Secret, ModelConfig and server are not agents")
        let (id, p) = try #require(g.agents.first)
        #expect(p.name == "ops/ops-agent")
        #expect(p.models.value?.first?.id == "gpt-4o-2024-08-06")
        #expect(p.models.value?.first?.range.path == "platform/models.yaml")
        #expect(p.caps(.tokens)?.first?.value == "1024")
        #expect(g.edges(from: id, label: .usesModelConfig).map { "\(g[$0.to].address)" } == ["k8s:kagent.dev/ModelConfig/ops/gpt"])
        #expect(g.edges(from: id, label: .usesToolServer).map { "\(g[$0.to].address)" } == ["k8s:kagent.dev/RemoteMCPServer/ops/k8s-tools"])
        #expect(p.servers.value?.first?.url == "http://tools.ops:8084/mcp")
    }

    @Test func approvalsAndOmittedToolNames() throws {
        let p = try #require(profiles([("agent.yaml", Self.agent)]).first)
        let tools = try #require(p.tools.value)
        #expect(tools.first { $0.pattern == "k8s_delete_resource" }?.approval == .required)
        #expect(tools.first { $0.pattern == "k8s_get_resources" }?.approval == .auto)
        #expect(tools.contains { $0.pattern == "*" && $0.kind == .toolset && $0.approval == .auto })
        #expect(p.egress.value?.network == .unrestricted)
        #expect(p.models.value?.isEmpty == true, "ModelConfig not in the scan")
        #expect(p.caps(.tokens) == nil, "its cap cannot be known here")
    }

    @Test func modelConfigOfAnotherNamespaceDoesNotResolve() throws {
        let moved = Self.platform.replacingOccurrences(of: "name: gpt, namespace: ops", with: "name: gpt, namespace: staging")
        let p = try #require(profiles([("agent.yaml", Self.agent), ("models.yaml", moved)]).first)
        #expect(p.models.value?.isEmpty == true)
    }
}

@Suite struct FrameworkAdapterPromptTests {
    @Test func promptyDialects() throws {
        let legacy = try #require(profiles([("a.prompty", """
            ---
            name: a
            model:
              api: chat
              configuration:
                azure_deployment: gpt-4o
              parameters:
                max_tokens: 100
            ---
            hi
            """)]).first)
        #expect(legacy.models.value?.first?.id == "gpt-4o")
        #expect(legacy.caps(.tokens)?.first?.setting == "model.parameters.max_tokens")
        #expect(!legacy.tools.isExpressible)

        let v2 = try #require(profiles([("b.prompty", """
            ---
            name: b
            model:
              id: gpt-4o-mini
              provider: openai
              options:
                maxOutputTokens: 50
            tools:
              - name: run
                kind: function
            ---
            hi
            """)]).first)
        #expect(v2.models.value?.first?.provider == "openai")
        #expect(v2.caps(.tokens)?.first?.value == "50")
        #expect(v2.tools.value?.first?.approval == .auto)
    }

    @Test func githubPromptNeedsMessages() {
        #expect(profiles([("x.prompt.yml", "categories: []\n")]).isEmpty)
        let p = profiles([("x.prompt.yml", "model: openai/gpt-4o\nmessages:\n  - role: user\n    content: hi\n")]).first
        #expect(p?.name == "x")
        #expect(p?.caps(.tokens)?.isEmpty == true)
        #expect(p?.tools.isExpressible == false)
    }
}

@Suite struct FrameworkAdapterCardAndLangGraphTests {
    @Test func cardWithoutSecurityIsUnauthenticated() throws {
        let p = try #require(profiles([(".well-known/agent-card.json", """
            {"name": "A", "url": "http://a.example.com/", "skills": [], "capabilities": {}}
            """)]).first)
        #expect(p.endpoint.value?.authenticated == false)
        #expect(p.endpoint.value?.url == "http://a.example.com/")
        #expect(p.agentVersion.isAbsent)
    }

    @Test func langGraphTracing() throws {
        let path = try #require(profiles([("langgraph.json", #"{"dependencies": ["."], "graphs": {"g": "a.py:g"}, "env": ".env"}"#)]).first)
        #expect(!path.telemetry.isExpressible, "a .env path cannot be read from here")
        let on = try #require(profiles([("langgraph.json", #"{"dependencies": ["."], "graphs": {"g": "a.py:g"}, "env": {"LANGCHAIN_TRACING_V2": "true"}}"#)]).first)
        #expect(on.telemetry.value?.first?.kind == .traces)
        let off = try #require(profiles([("langgraph.json", #"{"dependencies": ["."], "graphs": {"g": "a.py:g"}}"#)]).first)
        #expect(off.telemetry.isAbsent)
    }
}

@Suite struct FrameworkAdapterTerraformTests {
    @Test func bedrockActionGroups() throws {
        let p = try #require(profiles([("main.tf", """
            resource "aws_bedrockagent_agent" "a" {
              agent_name       = "a"
              foundation_model = "anthropic.claude-sonnet-4-6"
            }
            resource "aws_bedrockagent_agent_action_group" "gated" {
              agent_id          = aws_bedrockagent_agent.a.agent_id
              action_group_name = "gated"
              action_group_executor {
                custom_control = "RETURN_CONTROL"
              }
            }
            resource "aws_bedrockagent_agent_action_group" "free" {
              agent_id          = aws_bedrockagent_agent.a.agent_id
              action_group_name = "free"
              action_group_executor {
                lambda = "arn:aws:lambda:us-east-1:1:function:f"
              }
            }
            resource "aws_bedrockagent_agent_action_group" "other" {
              agent_id          = "SOMEOTHERAGENT"
              action_group_name = "other"
            }
            """)]).first)
        let tools = try #require(p.tools.value)
        #expect(tools.first { $0.pattern == "gated" }?.approval == .required)
        #expect(tools.first { $0.pattern == "free" }?.approval == .auto)
        #expect(!tools.contains { $0.pattern == "other" })
        #expect(p.models.value?.first?.id == "anthropic.claude-sonnet-4-6")
        #expect(p.caps(.tokens)?.isEmpty == true)
        #expect(p.telemetry.isAbsent)
    }

    @Test func azureDeploymentVersionsAndCapacity() throws {
        let all = profiles([("ai.tf", """
            resource "azurerm_cognitive_deployment" "pinned" {
              name = "p"
              model {
                format  = "OpenAI"
                name    = "gpt-4o"
                version = "2024-11-20"
              }
              sku {
                name     = "Standard"
                capacity = 20
              }
            }
            variable "v" { type = string }
            resource "azurerm_cognitive_deployment" "varied" {
              name = "v"
              model {
                format  = "OpenAI"
                name    = "gpt-4o"
                version = var.v
              }
            }
            """)])
        let pinned = try #require(all.first { $0.name == "azurerm_cognitive_deployment.pinned" })
        #expect(pinned.models.value?.first?.id == "gpt-4o-2024-11-20")
        #expect(pinned.caps(.rate)?.first?.value == "20")
        let varied = try #require(all.first { $0.name == "azurerm_cognitive_deployment.varied" })
        #expect(varied.models.value?.first?.isInterpolated == true)
        #expect(varied.caps(.rate)?.isEmpty == true)
    }
}

@Suite struct FrameworkAdapterManifestLinkTests {
    static let team = "agents:\n  root:\n    model: openai/gpt-5\n  helper:\n    model: openai/gpt-5\n"

    @Test func workloadsRunManifestsTheyName() throws {
        var g = graph([
            ("agents/team.yaml", Self.team),
            ("deploy/run.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: runner, namespace: ai}
                spec:
                  template:
                    spec:
                      containers:
                        - name: a
                          image: docker/docker-agent:1.0
                          command: ["sh", "-c", "docker agent run /config/team.yaml --yolo"]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: annotated
                  namespace: ai
                  annotations: {parapet.dev/agent: agents/team.yaml}
                spec:
                  template:
                    spec:
                      containers: [{name: a, image: x:1}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: unrelated, namespace: ai}
                spec:
                  template:
                    spec:
                      containers: [{name: a, image: x:1, args: ["--config", "/etc/other.yaml"]}]
                """),
        ])
        AgentManifestLinks.apply(to: &g)
        let root = try #require(g.agents.first { $0.value.name == "root" }?.key)
        let helper = try #require(g.agents.first { $0.value.name == "helper" }?.key)
        let targets = { (id: NodeID) in g.edges(from: id, label: .runsIn).map { "\(g[$0.to].address)" }.sorted() }
        #expect(targets(root) == ["k8s:apps/Deployment/ai/annotated", "k8s:apps/Deployment/ai/runner"])
        #expect(targets(helper) == targets(root), "every agent of the manifest runs there")
        AgentManifestLinks.apply(to: &g)
        #expect(targets(root).count == 2, "applying twice adds nothing")
    }

    @Test func ambiguousFileNamesLinkNothing() {
        var g = graph([
            ("a/agent.yaml", Self.team),
            ("b/agent.yaml", Self.team),
            ("run.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers: [{name: a, image: x:1, args: ["run", "/config/agent.yaml"]}]
                """),
        ])
        AgentManifestLinks.apply(to: &g)
        #expect(g.edges.allSatisfy { $0.label != .runsIn })
        #expect(AgentManifestLinks.manifest(named: "/srv/b/agent.yaml", byName: ["agent.yaml": ["a/agent.yaml", "b/agent.yaml"]]) == "b/agent.yaml")
    }

    @Test func tasksFindTheirAgentElsewhere() throws {
        var g = graph([
            ("x/agents.yaml", "triager:\n  role: R\n  goal: G\n  backstory: B\n"),
            ("y/tasks.yaml", "triage:\n  description: D\n  expected_output: O\n  agent: triager\n"),
        ])
        AgentManifestLinks.apply(to: &g)
        let task = try #require(g.agents.first { $0.value.name == "triage" }?.key)
        #expect(g.edges(from: task, label: .assignedTo).map { "\(g[$0.to].address)" } == ["agent:x/agents.yaml#triager"])
    }
}

@Suite struct FrameworkAdapterOddInputTests {
    /// Shapes no adapter expects, read as every framework kind: no crash, no profile from nonsense.
    @Test func oddDocumentsAreSurvived() {
        let yaml = ["", "- 1\n- 2\n", "a: b\n", "agents: 3\nmodels: [1]\npermissions: x\n", "x:\n  y: [1, {z: 2}]\n",
                    "name: n\nmodel: [1]\ntools: 5\nmessages: {a: 1}\nmodelParameters: 3\n",
                    "name: n\nmodels: {a: b}\nmcpServers: 1\ndata: [1, {uses: 2}]\n",
                    "r:\n  role: 1\n  goal: 2\n  tools: {a: 1}\n  llm: {x: 1}\n  mcps: 3\n"]
        let json = ["[]", "{}", #"{"name": 1, "url": [], "skills": 3, "securitySchemes": []}"#, #"{"graphs": [], "env": 3}"#,
                    #"{"graphs": {"g": 1}, "env": {"LANGSMITH_TRACING": {"a": 1}}}"#]
        let toml = ["", "mcp_servers = 3", "[profiles]\nx = 1", "otel = \"none\"\n[agents]\nmax_threads = \"many\"",
                    "[mcp_servers.a]\ntools = 1\nenabled_tools = 3\n[permissions.p]\nnetwork = 1"]
        let loader = Loader()
        for adapter in frameworkAdapters {
            for kind in adapter.kinds {
                let texts = kind.syntax == .json ? json : kind.syntax == .toml ? toml : yaml
                for text in texts {
                    let path = kind.syntax == .frontMatter ? "x.prompty" : "x"
                    let source = SourceFile(path: path, text: kind.syntax == .frontMatter ? "---\n\(text)---\n" : text)
                    _ = adapter.profiles(in: loader.parse(source, syntax: kind.syntax, kind: kind))
                }
            }
        }
    }

    @Test func oddKagentAndTerraformShapes() {
        _ = profiles([("k.yaml", """
            apiVersion: kagent.dev/v1alpha2
            kind: Agent
            metadata: {name: a}
            spec: 5
            ---
            apiVersion: kagent.dev/v1alpha2
            kind: Agent
            metadata: {name: b}
            spec:
              declarative: {modelConfig: [1], tools: "x"}
              sandbox: {network: {allowedDomains: 3}}
            ---
            apiVersion: kagent.dev/v1alpha2
            kind: SandboxAgent
            metadata: {name: c}
            spec:
              tools: [{mcpServer: 3}, {agent: {}}, {builtin: 1}, 7]
            """)])
        _ = profiles([("m.tf", """
            resource "aws_bedrockagent_agent" "a" {
              foundation_model = ["x"]
              prompt_override_configuration = 3
            }
            resource "azurerm_cognitive_deployment" "d" {
              model = "x"
              sku = 1
            }
            resource "google_vertex_ai_endpoint_with_model_garden_deployment" "v" {
              publisher_model_name = 3
            }
            """)])
    }
}

@Suite struct FrameworkAdapterGenericNameTests {
    @Test func genericFileNamesNeedTheirDirectory() {
        let byName: [Substring: [String]] = ["config.yaml": [".continue/config.yaml"], "config.toml": [".codex/config.toml"]]
        #expect(AgentManifestLinks.manifest(named: "/etc/app/config.yaml", byName: byName) == nil)
        #expect(AgentManifestLinks.manifest(named: "/home/u/.continue/config.yaml", byName: byName) == ".continue/config.yaml")
        #expect(AgentManifestLinks.manifest(named: "/root/.codex/config.toml", byName: byName) == ".codex/config.toml")
    }
}
