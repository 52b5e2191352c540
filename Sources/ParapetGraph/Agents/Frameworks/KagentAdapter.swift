import ParapetCore
import ParapetSyntax

/// kagent CRDs (`kagent.dev` Agent, SandboxAgent, ModelConfig, RemoteMCPServer, ToolServer,
/// MCPServer; API versions v1alpha1 to v1alpha3). kagent objects are Kubernetes objects: the
/// Kubernetes lowering puts every document of every file into the graph (`k8s:kagent.dev/<Kind>/
/// <namespace>/<name>`), so this adapter reads the graph, and an Agent finds its ModelConfig and
/// tool servers in any document of any file of the scan (or declared through Terraform).
///
/// One profile per Agent and SandboxAgent, named `<namespace>/<name>`:
/// - models: the ModelConfig the agent names (v1alpha2+ `spec.declarative.modelConfig`, v1alpha1
///   `spec.modelConfig`, which may be `<namespace>/<name>`, `spec.modelConfigName` in early
///   SandboxAgents; kagent's default `default-model-config` when a declarative agent names none),
///   resolved to its `spec.model` and `spec.provider`, linked `uses-model-config`. A ModelConfig
///   outside the scan leaves the model list empty and the token cap unknowable here (`tokens` is
///   then not in `budgetKinds`). BYO agents bring their own model in their image: not expressible;
///   their image is the agent version.
/// - caps: the ModelConfig's provider block `maxTokens` / `maxCompletionTokens` /
///   `maxOutputTokens` (`openAI`, `anthropic`, `azureOpenAI`, `gemini`, `geminiVertexAI`, …) and
///   Ollama's `options.num_predict`.
/// - tools: each `mcpServer.toolNames` entry is an `mcp` grant, `required` when also in
///   `requireApproval`, else `auto`; omitted `toolNames` is every tool of the server (`*`);
///   `agent` tools and v1alpha1 `builtin` tools run without asking. Servers (`uses-tool-server`)
///   are resolved from RemoteMCPServer (`url`), ToolServer (`config.stdio`, `config.sse`,
///   `config.streamableHttp`) and MCPServer (`deployment.image`, `cmd`, `args`).
/// - egress: a SandboxAgent runs in its sandbox: `spec.sandbox.network.allowedDomains` (`*` is
///   unrestricted; unset or empty is kagent's deny-by-default). An Agent (declarative or BYO)
///   runs as Deployment `<name>` in its namespace, which the kagent controller labels `app:
///   kagent`, `kagent: <name>` and `app.kubernetes.io/{name,managed-by,part-of}` (kagent's
///   translator golden files, `go/internal/controller/translator/agent/testdata/outputs`), plus
///   `deployment.labels`: those pods (`pods`) are what NetworkPolicies select, and ParapetFacts
///   judges them. Its sandbox, when written, covers only sandboxed execution. v1alpha1 has no
///   sandbox: not expressible.
/// - a ModelConfig or tool server named but not in the scan is `unresolved` (unknown, not none).
/// - telemetry is cluster-wide (Helm `otel.*`), not per agent: not expressible.
/// The agent is linked `defined-by` to its own Kubernetes object, `delegates-to` agents it uses as
/// tools.
struct KagentAdapter: GraphAgentAdapter {
    static func profiles(in graph: Graph) -> [AgentProfile] {
        graph.nodes(.kubernetesObject).filter { node in
            node.type.hasPrefix("kagent.dev/") && ["Agent", "SandboxAgent"].contains(kind(of: node))
        }.map { profile($0, in: graph) }
    }

    static func kind(of node: GraphNode) -> String {
        node.type.split(separator: "/").last.map(String.init) ?? ""
    }

    static func version(of node: GraphNode) -> String {
        let parts = node.type.split(separator: "/")
        return parts.count >= 3 ? String(parts[1]) : ""
    }

    static func profile(_ node: GraphNode, in graph: Graph) -> AgentProfile {
        let namespace = node.namespace ?? "default"
        var profile = AgentProfile(name: "\(namespace)/\(node.name)", format: .kagent, range: node.range)
        profile.links.append((label: .definedBy, address: "\(node.address)", range: node.range))
        let spec = node.attributes["spec"] ?? Value(.object([]), range: node.range)
        let declarative = spec["declarative"]
        let isBYO = spec["type"]?.string == "BYO"

        if isBYO {
            if let image = spec.at("byo.deployment.image"), let text = image.scalarString {
                profile.agentVersion = .present((value: text, range: image.range))
            }
        } else {
            resolveModel(spec: spec, declarative: declarative, namespace: namespace, scope: node.scope, graph: graph, into: &profile)
            let (tools, servers) = self.tools(declarative?["tools"] ?? spec["tools"], namespace: namespace, scope: node.scope, graph: graph, profile: &profile)
            profile.tools = Manifest.listed(tools)
            profile.servers = Manifest.listed(servers)
        }
        if kind(of: node) == "SandboxAgent" {
            profile.egress = .present(egress(spec))
        } else {
            profile.pods = pods(node, spec: spec, namespace: namespace)
            if let pods = profile.pods, graph.node(local: pods.workloadAddress, seenFrom: node.scope) != nil {
                profile.links.append((label: .runsIn, address: pods.workloadAddress, range: node.range))
            }
            // An Agent's own process is not sandboxed: its sandbox counts only when written.
            profile.egress = version(of: node) == "v1alpha1" ? .notExpressible
                : spec.at("sandbox.network.allowedDomains") == nil ? .absent : .present(egress(spec))
        }
        return profile
    }

    /// The pods the kagent controller runs an Agent in.
    static func pods(_ node: GraphNode, spec: Value, namespace: String) -> AgentPods {
        var labels = [
            "app": "kagent", "kagent": node.name, "app.kubernetes.io/name": node.name,
            "app.kubernetes.io/managed-by": "kagent", "app.kubernetes.io/part-of": "kagent",
        ]
        let deployment = spec.at("declarative.deployment") ?? spec.at("byo.deployment")
        for label in deployment?["labels"]?.members ?? [] {
            if let value = label.value.scalarString, labels[label.key] == nil { labels[label.key] = value }
        }
        return AgentPods(namespace: namespace, labels: labels, scope: node.scope,
                         workload: "Deployment `\(namespace)/\(node.name)` (created by the kagent controller)",
                         workloadAddress: "k8s:apps/Deployment/\(namespace)/\(node.name)", range: node.range)
    }

    // MARK: - Model

    static func resolveModel(spec: Value, declarative: Value?, namespace: String, scope: String, graph: Graph, into profile: inout AgentProfile) {
        let written = declarative?["modelConfig"] ?? spec["modelConfig"] ?? spec["modelConfigName"]
        let reference: (name: String, range: SourceRange)
        if let written, let name = written.scalarString, !name.isEmpty {
            reference = (name, written.range)
        } else {
            // kagent fills in `default-model-config` for a declarative agent that names none.
            reference = ("default-model-config", declarative?.range ?? spec.range)
        }
        let (configNamespace, configName) = split(reference.name, defaultNamespace: namespace)
        let address = "k8s:kagent.dev/ModelConfig/\(configNamespace)/\(configName)"
        profile.links.append((label: .usesModelConfig, address: address, range: reference.range))
        guard let config = graph.node(local: address, seenFrom: scope), let configSpec = config.attributes["spec"] else {
            profile.models = .present([])
            profile.budgetKinds = []
            profile.unresolved["models"] = "ModelConfig `\(configNamespace)/\(configName)` is not in the scanned files"
            return
        }
        var models: [ModelReference] = []
        if let model = configSpec["model"], let id = model.scalarString {
            models.append(ModelReference(provider: configSpec["provider"]?.scalarString, id: id, range: model.range,
                                         isInterpolated: Manifest.isInterpolated(id)))
        }
        profile.models = Manifest.listed(models)
        profile.budgetKinds = [.tokens]
        for block in configSpec.members ?? [] where block.value.members != nil {
            for key in ["maxTokens", "maxCompletionTokens", "maxOutputTokens"] {
                if let cap = block.value[key] {
                    profile.budgets.append(BudgetCap(kind: .tokens, value: cap.display, setting: "ModelConfig \(configName) spec.\(block.key).\(key)", range: cap.range))
                }
            }
            if let predict = block.value.at("options.num_predict") {
                profile.budgets.append(BudgetCap(kind: .tokens, value: predict.display, setting: "ModelConfig \(configName) spec.\(block.key).options.num_predict",
                                                 range: predict.range, isUnlimited: predict.number.map { $0 < 0 } ?? false))
            }
        }
    }

    /// `name` or `namespace/name` (v1alpha1 references across namespaces).
    static func split(_ reference: String, defaultNamespace: String) -> (String, String) {
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : (defaultNamespace, reference)
    }

    // MARK: - Tools

    static func tools(_ list: Value?, namespace: String, scope: String, graph: Graph, profile: inout AgentProfile) -> ([ToolGrant], [ToolServer]) {
        var grants: [ToolGrant] = []
        var servers: [ToolServer] = []
        for tool in list?.list ?? [] {
            if let mcp = tool["mcpServer"] {
                let (address, name, range) = serverAddress(mcp, namespace: namespace, scope: scope, graph: graph)
                profile.links.append((label: .usesToolServer, address: address, range: range))
                if let object = graph.node(local: address, seenFrom: scope) {
                    if let server = server(object), !servers.contains(where: { $0.name == server.name && $0.range == server.range }) {
                        servers.append(server)
                    }
                } else {
                    let missing = "`\(address.dropFirst("k8s:".count))` is not in the scanned files"
                    let known = profile.unresolved["servers"].map { $0 + "; " } ?? ""
                    if !known.contains(missing) { profile.unresolved["servers"] = known + missing }
                }
                let approvals = Set(mcp["requireApproval"]?.strings ?? [])
                let names = mcp["toolNames"]?.list ?? []
                if names.isEmpty {
                    grants.append(ToolGrant(pattern: "*", kind: .toolset, approval: .auto, range: mcp["toolNames"]?.range ?? range,
                                            source: "mcpServer \(name): toolNames omitted (every tool)"))
                }
                for toolName in names {
                    guard let pattern = toolName.scalarString else { continue }
                    let gated = approvals.contains(pattern)
                    grants.append(ToolGrant(pattern: pattern, kind: .mcp, approval: gated ? .required : .auto, range: toolName.range,
                                            source: gated ? "mcpServer \(name) toolNames, requireApproval" : "mcpServer \(name) toolNames"))
                }
            } else if let agent = tool["agent"] {
                guard let reference = agent["name"] ?? agent["ref"], let text = reference.scalarString else { continue }
                let (agentNamespace, agentName) = split(text, defaultNamespace: agent["namespace"]?.scalarString ?? namespace)
                grants.append(ToolGrant(pattern: "agent:\(agentName)", kind: .agent, approval: .auto, range: reference.range, source: "tools (type: Agent)"))
                profile.links.append((label: .delegatesTo, address: "k8s:kagent.dev/Agent/\(agentNamespace)/\(agentName)", range: reference.range))
            } else if let builtin = tool.at("builtin.name"), let text = builtin.scalarString {
                grants.append(ToolGrant(pattern: text, kind: .builtin, approval: .auto, range: builtin.range, source: "tools (type: Builtin)"))
            }
        }
        return (grants, servers)
    }

    /// The address of the server an `mcpServer` tool names: v1alpha2+ `kind` / `apiGroup` /
    /// `name` / `namespace`, v1alpha1 `toolServer: [namespace/]name`. Without a kind, the kinds
    /// that can serve tools are tried in turn and the first in the scan wins.
    static func serverAddress(_ mcp: Value, namespace: String, scope: String, graph: Graph) -> (address: String, name: String, range: SourceRange) {
        let written = mcp["name"] ?? mcp["toolServer"]
        let text = written?.scalarString ?? "(unnamed)"
        let range = written?.range ?? mcp.range
        let (serverNamespace, name) = split(text, defaultNamespace: mcp["namespace"]?.scalarString ?? namespace)
        let candidates: [String]
        if let kind = mcp["kind"]?.scalarString, !kind.isEmpty {
            candidates = [kind]
        } else if mcp["toolServer"] != nil {
            candidates = ["ToolServer", "RemoteMCPServer", "MCPServer"]
        } else {
            candidates = ["RemoteMCPServer", "MCPServer", "ToolServer"]
        }
        let group = mcp["apiGroup"]?.scalarString.flatMap { $0.isEmpty ? nil : $0 }
        let addresses = candidates.map { kind in
            "k8s:\(group ?? (kind == "Service" ? "core" : "kagent.dev"))/\(kind)/\(serverNamespace)/\(name)"
        }
        return (addresses.first(where: { graph.node(local: $0, seenFrom: scope) != nil }) ?? addresses[0], name, range)
    }

    /// A tool server from its object: RemoteMCPServer, ToolServer, MCPServer or a Service.
    static func server(_ node: GraphNode) -> ToolServer? {
        let spec = node.attributes["spec"] ?? Value(.object([]), range: node.range)
        switch kind(of: node) {
        case "RemoteMCPServer":
            let url = spec["url"]
            let transport: ToolServer.Transport = spec["protocol"]?.scalarString == "SSE" ? .sse : .http
            return ToolServer(name: node.name, transport: transport, url: url?.scalarString, urlRange: url?.range, range: node.range)
        case "ToolServer":
            let config = spec["config"]
            if let stdio = config?["stdio"], let command = stdio["command"], let launcher = command.scalarString {
                let arguments = stdio["args"]?.list ?? []
                return ToolServer(name: node.name, transport: .stdio, command: launcher, arguments: arguments.compactMap(\.scalarString),
                                  commandRange: command.range, argumentRanges: arguments.filter { $0.scalarString != nil }.map(\.range), range: node.range)
            }
            for (key, transport) in [("sse", ToolServer.Transport.sse), ("streamableHttp", .http)] {
                if let url = config?.at("\(key).url") {
                    return ToolServer(name: node.name, transport: transport, url: url.scalarString, urlRange: url.range, range: node.range)
                }
            }
            return ToolServer(name: node.name, transport: .unknown, range: node.range)
        case "MCPServer":
            let deployment = spec["deployment"]
            let image = deployment?["image"]
            let command = deployment?["cmd"]
            let arguments = deployment?["args"]?.list ?? []
            let transport: ToolServer.Transport = spec["transportType"]?.scalarString == "http" ? .http : .stdio
            return ToolServer(name: node.name, transport: transport, command: command?.scalarString, arguments: arguments.compactMap(\.scalarString),
                              commandRange: command?.range, argumentRanges: arguments.filter { $0.scalarString != nil }.map(\.range),
                              image: image?.scalarString, imageRange: image?.range, range: node.range)
        case "Service":
            return ToolServer(name: node.name, transport: .http, range: node.range)
        default:
            return nil
        }
    }

    // MARK: - Egress

    static func egress(_ spec: Value) -> EgressPosture {
        guard let domains = spec.at("sandbox.network.allowedDomains") else {
            return EgressPosture(network: .denied, evidence: "sandbox.network.allowedDomains unset (sandboxed execution denies outbound by default)",
                                 range: spec["sandbox"]?.range ?? spec.range)
        }
        let written = domains.strings
        if written.contains("*") {
            return EgressPosture(network: .unrestricted, evidence: "sandbox.network.allowedDomains contains \"*\"", range: domains.range)
        }
        if written.isEmpty {
            return EgressPosture(network: .denied, evidence: "sandbox.network.allowedDomains is empty (denied by default)", range: domains.range)
        }
        return EgressPosture(network: .allowList(written), evidence: "sandbox.network.allowedDomains", range: domains.range)
    }
}
