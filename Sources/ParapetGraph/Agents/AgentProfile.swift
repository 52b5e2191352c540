import ParapetCore
import ParapetSyntax

/// A facet of an agent: what the manifest says about it. `notExpressible` means the format has
/// no way to say it (no rule fires on it); `absent` means the format could say it and does not.
public enum Facet<T: Sendable>: Sendable {
    case notExpressible
    case absent
    case present(T)

    public var value: T? { if case .present(let v) = self { v } else { nil } }
    public var isAbsent: Bool { if case .absent = self { true } else { false } }
    public var isExpressible: Bool { if case .notExpressible = self { false } else { true } }
}

/// A model an agent uses, as written. Whether it is pinned is decided by the rule layer's model
/// registry, not here.
public struct ModelReference: Sendable {
    /// Provider when the manifest says it (`anthropic`, `openai`, `bedrock`, `ollama`); nil when not.
    public var provider: String?
    public var id: String
    /// What the reference is for: `main`, `fallback`, `subagent`, `small-fast`, `review`.
    public var role: String
    public var range: SourceRange
    /// True when the id is an interpolation (`${MODEL}`, `${{ secrets.X }}`): never a literal.
    public var isInterpolated: Bool

    public init(provider: String?, id: String, role: String = "main", range: SourceRange, isInterpolated: Bool = false) {
        self.provider = provider
        self.id = id
        self.role = role
        self.range = range
        self.isInterpolated = isInterpolated
    }
}

/// How a tool call gets permission.
public enum Approval: String, Sendable, Comparable {
    /// Denied outright.
    case denied
    /// A human must approve each call (`requireApproval`, `ask`).
    case required
    /// The client asks, unless something else allows it (the default mode of most clients).
    case ask
    /// Runs without asking (`allow`, `autoApprove`, `trust: true`).
    case auto
    case unknown

    private var rank: Int { [.denied: 0, .required: 1, .ask: 2, .unknown: 3, .auto: 4][self] ?? 3 }
    public static func < (lhs: Approval, rhs: Approval) -> Bool { lhs.rank < rhs.rank }
}

/// A tool, tool pattern or command an agent may run, with its approval.
public struct ToolGrant: Sendable {
    public enum Kind: String, Sendable {
        /// A built-in tool or its pattern (`Bash`, `Bash(rm:*)`, `Write`, `run_shell_command(git)`).
        case builtin
        /// A tool of an MCP server (`mcp__github__delete_repo`, kagent `k8s_delete_resource`).
        case mcp
        /// A whole toolset or server (`mcp__github`, cagent `type: shell`, Gemini `trust: true`).
        case toolset
        /// Another agent called as a tool (kagent `type: Agent`): what it can do is its own
        /// profile's business, judged there.
        case agent
    }

    /// As written: `Bash(rm -rf:*)`, `mcp__github`, `k8s_delete_resource`, `shell`.
    public var pattern: String
    public var kind: Kind
    public var approval: Approval
    public var range: SourceRange
    /// Where the grant comes from, for messages: `permissions.allow`, `autoApprove`, `toolNames`.
    public var source: String
    /// The rule language the pattern is written in; the rule layer's permission evaluator parses it.
    public var grammar: PermissionGrammar = .generic
    /// Gemini CLI policy rules: the rule's `priority` (0 when not written); the highest
    /// priority among matching rules decides. `nil` where the format has no priorities.
    public var priority: Int?
    /// Not written: the client's default where the file says nothing (OpenCode allows a tool
    /// its `permission` leaves out, and a command no pattern of a tool's map matches).
    public var byDefault = false

    public init(pattern: String, kind: Kind, approval: Approval, range: SourceRange, source: String, grammar: PermissionGrammar = .generic) {
        self.pattern = pattern
        self.kind = kind
        self.approval = approval
        self.range = range
        self.source = source
        self.grammar = grammar
    }
}

/// Code an agent fetches and runs that is not an MCP server: a marketplace's plugins, an
/// extension. Whether it is pinned is the rules' call.
public struct FetchedSource: Sendable {
    public enum Kind: String, Sendable {
        /// A git repository (`github`, `url`, `git-subdir` sources): `ref` and `sha` as written.
        case git
        /// A registry package with its `version`.
        case package
        /// A folder of the same repository: reviewed with it.
        case path
    }

    /// What it is called (`plugin \`formatter\``), for messages.
    public var name: String
    public var kind: Kind
    /// Repository, URL or package as written.
    public var location: String
    public var ref: String?
    public var sha: String?
    public var version: String?
    public var range: SourceRange

    public init(name: String, kind: Kind, location: String, ref: String? = nil, sha: String? = nil, version: String? = nil,
                range: SourceRange) {
        self.name = name
        self.kind = kind
        self.location = location
        self.ref = ref
        self.sha = sha
        self.version = version
        self.range = range
    }
}

/// The language of a client's permission entries: the same text means different things to
/// different clients (`Shell(git)` admits every git command in Cursor; `Bash(git)` only `git`
/// itself in Claude Code; `/src/**` is under the project in Claude Code, absolute elsewhere).
public enum PermissionGrammar: String, Sendable, CaseIterable {
    /// Claude Code: `Tool`, `Tool(specifier)`; a command is exact unless it ends in `:*`, ` *` or
    /// `*`; paths `//abs`, `~/home`, `/project-relative`, `./` or bare relative.
    case claudeCode
    /// Cursor CLI: `Shell(base)` admits the command with any arguments, `Read(glob)`,
    /// `Write(glob)`, `WebFetch(domain)`, `Mcp(server:tool)`.
    case cursorCLI
    /// Gemini CLI `tools.allowed` / `tools.exclude`: `run_shell_command(git)` is a prefix.
    case geminiCLI
    /// OpenCode `permission` maps: `bash: {"git *": "allow"}` read as `bash(git *)`, globs over
    /// the whole command; of several matching patterns the last written wins.
    case openCode
    /// A bare command line matched as a prefix (Cursor `terminalAllowlist`).
    case commandPrefix
    /// `Tool(specifier)` read like Claude Code's, with `/` an absolute path: tool names of
    /// frameworks and MCP clients.
    case generic
}

/// An MCP server (or other tool server) an agent uses.
public struct ToolServer: Sendable {
    public enum Transport: String, Sendable { case stdio, http, sse, unknown }

    public var name: String
    public var transport: Transport
    /// stdio: the launcher and its arguments, as written.
    public var command: String?
    public var arguments: [String]
    /// The value ranges of `command` and each argument, for positions of findings.
    public var commandRange: SourceRange?
    public var argumentRanges: [SourceRange]
    /// Container image when the server runs in one (kagent MCPServer, ToolServer).
    public var image: String?
    public var imageRange: SourceRange?
    /// Remote servers.
    public var url: String?
    public var urlRange: SourceRange?
    public var range: SourceRange
    public var disabled: Bool
    /// Environment variables and HTTP headers written in the server's config (`env`, `headers`),
    /// as written: whether a value is a secret is the rules' call.
    public var settings: [(name: String, value: String, range: SourceRange)] = []
    /// Whether the client starts it, when a file other than the server's own says (Claude Code
    /// settings over `.mcp.json`): `approved by enabledMcpjsonServers`, `asks before starting`.
    public var startup: String?

    public init(name: String, transport: Transport, command: String? = nil, arguments: [String] = [],
                commandRange: SourceRange? = nil, argumentRanges: [SourceRange] = [], image: String? = nil,
                imageRange: SourceRange? = nil, url: String? = nil, urlRange: SourceRange? = nil,
                range: SourceRange, disabled: Bool = false) {
        self.name = name
        self.transport = transport
        self.command = command
        self.arguments = arguments
        self.commandRange = commandRange
        self.argumentRanges = argumentRanges
        self.image = image
        self.imageRange = imageRange
        self.url = url
        self.urlRange = urlRange
        self.range = range
        self.disabled = disabled
    }
}

/// Network reach of the agent's sandbox.
public struct EgressPosture: Sendable {
    public enum Network: Sendable, Equatable {
        /// No sandbox, or a sandbox with open network.
        case unrestricted
        case allowList([String])
        case denied
        case unknown
    }

    public var network: Network
    /// What decided it (`sandbox_mode = "danger-full-access"`, `network_access = true`).
    public var evidence: String
    public var range: SourceRange
    /// Nothing was written: this is the client's default (Claude Code runs Bash without a
    /// network sandbox unless `sandbox.enabled` is set). Rules report it only where a tool that
    /// runs unasked can use the network.
    public var isDefault: Bool

    public init(network: Network, evidence: String, range: SourceRange, isDefault: Bool = false) {
        self.network = network
        self.evidence = evidence
        self.range = range
        self.isDefault = isDefault
    }
}

/// A cap on what one run of the agent may consume.
public struct BudgetCap: Sendable {
    public enum Kind: String, Sendable { case turns, tokens, rate, time, spend }

    public var kind: Kind
    /// As written (`25`, `4096`, `-1`).
    public var value: String
    public var setting: String
    public var range: SourceRange
    /// A setting that is present but means "no cap" (`maxSessionTurns: -1`).
    public var isUnlimited: Bool

    public init(kind: Kind, value: String, setting: String, range: SourceRange, isUnlimited: Bool = false) {
        self.kind = kind
        self.value = value
        self.setting = setting
        self.range = range
        self.isUnlimited = isUnlimited
    }
}

/// Where the agent's traces, metrics, logs or tool-call audit go.
public struct TelemetrySink: Sendable {
    public enum Kind: String, Sendable {
        case traces, metrics, logs
        /// Records each tool call (post-tool hooks, OTEL tool details, invocation logs).
        case toolAudit = "tool-audit"
    }

    public var kind: Kind
    public var destination: String
    public var range: SourceRange
    /// The command a hook runs, as written: whether it records anything (or only formats the
    /// edited file) is the rules' call, from `rules/agents/tool-capabilities.yaml`.
    public var hookCommand: String?

    public init(kind: Kind, destination: String, range: SourceRange, hookCommand: String? = nil) {
        self.kind = kind
        self.destination = destination
        self.range = range
        self.hookCommand = hookCommand
    }
}

/// The agent's approval mode, when it switches approval off.
public struct ApprovalMode: Sendable {
    public enum Mode: String, Sendable {
        case normal
        /// Every tool call runs without asking (`bypassPermissions`, `approval_policy = "never"`, YOLO).
        case bypass
        /// Edits auto-approved, others asked (`acceptEdits`, `auto_edit`).
        case acceptEdits = "accept-edits"
    }

    public var mode: Mode
    public var setting: String
    public var range: SourceRange
    /// The file of the agent this mode is inherited from (a subagent under its project's
    /// `bypassPermissions`); nil when the agent's own file sets it.
    public var inheritedFrom: String?
    /// A classifier, not a person, approves each call (Claude Code `defaultMode: auto`): the
    /// step exists but no human takes it.
    public var byClassifier = false
    /// Nothing is written and the client's own default approves every call (OpenCode without
    /// `permission`): what the file leaves out, not what it says.
    public var byDefault = false

    public init(mode: Mode, setting: String, range: SourceRange, inheritedFrom: String? = nil) {
        self.mode = mode
        self.setting = setting
        self.range = range
        self.inheritedFrom = inheritedFrom
    }
}

/// An agent endpoint others call (A2A card, an agent workflow's trigger).
public struct AgentEndpoint: Sendable {
    public var url: String?
    public var authenticated: Bool
    /// What makes it open (`no securitySchemes`, `allowed_bots: "*"`).
    public var evidence: String
    public var range: SourceRange

    public init(url: String?, authenticated: Bool, evidence: String, range: SourceRange) {
        self.url = url
        self.authenticated = authenticated
        self.evidence = evidence
        self.range = range
    }
}

/// What a GitHub Actions step that runs an agent says about how it is started: the action it
/// uses, the text it feeds the agent, and the token permissions the job grants.
public struct WorkflowStepFacts: Sendable {
    /// `uses:` as written (`anthropics/claude-code-action@v1`).
    public var uses: (value: String, range: SourceRange)?
    /// Inputs that become the agent's prompt or instructions (`prompt`, `direct_prompt`,
    /// `custom_instructions`) and the step's `env` values, as written (expressions included).
    public var promptInputs: [(key: String, text: String, range: SourceRange)]
    /// `permissions:` of the job (or the workflow) that grant `write`, with where.
    public var writePermissions: [(scope: String, range: SourceRange)]
    /// The workflow's triggers (`issue_comment`, `pull_request_target`).
    public var triggers: [String]

    public init(uses: (value: String, range: SourceRange)?, promptInputs: [(key: String, text: String, range: SourceRange)],
                writePermissions: [(scope: String, range: SourceRange)], triggers: [String]) {
        self.uses = uses
        self.promptInputs = promptInputs
        self.writePermissions = writePermissions
        self.triggers = triggers
    }
}

/// Which servers of a project's shared MCP file the client starts, as its settings say: Claude
/// Code `enableAllProjectMcpServers` (all, unseen), `enabledMcpjsonServers` (these are approved)
/// and `disabledMcpjsonServers` (never started; wins over the others). Any other server of the
/// file is started only after a person approves it in the client.
public struct ProjectServerApprovals: Sendable {
    public var all: (setting: String, range: SourceRange)?
    /// Nil when no file writes the list.
    public var enabled: [(name: String, setting: String, range: SourceRange)]?
    public var disabled: [(name: String, setting: String, range: SourceRange)] = []

    public init() {}

    /// Settings files of one project add up: lists join, any `true` counts.
    public mutating func add(_ other: ProjectServerApprovals) {
        if all == nil { all = other.all }
        if let more = other.enabled { enabled = (enabled ?? []) + more }
        disabled += other.disabled
    }

    /// How the client treats a server of the shared file: nil when it starts it, else why not,
    /// and the note for the card.
    public func startup(of name: String) -> (disabled: Bool, note: String) {
        if let off = disabled.first(where: { $0.name == name }) { return (true, "never started: \(off.setting)") }
        if let all { return (false, "approved unseen: \(all.setting)") }
        if let on = enabled?.first(where: { $0.name == name }) { return (false, "approved: \(on.setting)") }
        return (false, enabled == nil ? "asks before starting (no settings approve it)" : "asks before starting (not in enabledMcpjsonServers)")
    }
}

/// The pods an operator runs an agent in, when the agent's manifest decides them rather than a
/// workload of the scan: a kagent Agent runs as Deployment `<name>` in its namespace, its pods
/// labelled by the kagent controller. The NetworkPolicies of that namespace that select these
/// labels decide the agent's network (ParapetFacts).
public struct AgentPods: Sendable {
    public var namespace: String
    /// The pods' labels.
    public var labels: [String: String]
    /// The deployment unit (scope) of the agent's object: policies of other units do not apply.
    public var scope: String
    /// What runs them, in words: `Deployment kagent/k8s-agent (created by the kagent controller)`.
    public var workload: String
    /// The address of that workload, when the scan also holds it (rendered manifests).
    public var workloadAddress: String
    public var range: SourceRange

    public init(namespace: String, labels: [String: String], scope: String, workload: String, workloadAddress: String, range: SourceRange) {
        self.namespace = namespace
        self.labels = labels
        self.scope = scope
        self.workload = workload
        self.workloadAddress = workloadAddress
        self.range = range
    }
}

/// Everything one manifest says about one agent, in one shape for every format. Adapters fill
/// it; rules read it.
public struct AgentProfile: Sendable {
    public var name: String
    public var format: FileKind
    /// The agent's definition (the file, document or resource).
    public var range: SourceRange
    public var models: Facet<[ModelReference]>
    public var tools: Facet<[ToolGrant]>
    public var servers: Facet<[ToolServer]>
    public var egress: Facet<EgressPosture>
    /// The caps the manifest sets; `budgetKinds` are the kinds its format can express at all.
    public var budgets: [BudgetCap]
    public var budgetKinds: Set<BudgetCap.Kind>
    public var telemetry: Facet<[TelemetrySink]>
    public var approvalMode: Facet<ApprovalMode>
    /// Settings besides the mode that switch an approval step off: Claude Code
    /// `enableAllProjectMcpServers: true` approves every MCP server a repository adds.
    public var approvalBypasses: [ApprovalMode]
    public var endpoint: Facet<AgentEndpoint>
    /// Pinning of the agent binary itself (`gemini_cli_version: latest`), as written.
    public var agentVersion: Facet<(value: String, range: SourceRange)>
    /// Addresses of graph nodes the agent runs in or uses, with the edge label
    /// (`runs-in` a Kubernetes workload, `uses-model-config` a kagent ModelConfig).
    public var links: [(label: EdgeLabel, address: String, range: SourceRange)]
    /// For an agent step of a GitHub Actions workflow: how it is started.
    public var workflowStep: WorkflowStepFacts?
    /// Folders outside the project the agent may work in (Claude Code
    /// `permissions.additionalDirectories`, Codex `sandbox_workspace_write.writable_roots`), as written.
    public var directories: [(path: String, setting: String, range: SourceRange)] = []
    /// The pods it runs in, when an operator creates them from the manifest (kagent).
    public var pods: AgentPods?
    /// Which servers of the project's shared MCP file its settings approve (Claude Code).
    public var projectServers: ProjectServerApprovals?
    /// Whether the telemetry its files can declare includes traces, metrics or logs; false when
    /// they can only record tool calls (hooks files), so that a missing exporter is not judged.
    public var canDeclareTracing = true
    /// Plugins and extensions it fetches from elsewhere (Claude Code marketplaces).
    public var fetchedSources: [FetchedSource] = []
    /// Hooks that send what the agent does to a URL (Claude Code `type: http`), by event.
    public var hookEndpoints: [(event: String, url: String, range: SourceRange)] = []
    /// Keys its client ignores in this file's scope (Claude Code's managed-only keys outside
    /// managed settings, the keys Codex drops from a project's `.codex/config.toml`): reported
    /// as such, never judged.
    public var ignoredSettings: [IgnoredSetting] = []
    /// Facets the manifest points elsewhere for, and why that could not be read: `models` →
    /// "ModelConfig `kagent/x` is not in the scanned files". An empty list with a reason here is
    /// unknown, not none.
    public var unresolved: [String: String] = [:]

    public init(name: String, format: FileKind, range: SourceRange) {
        self.name = name
        self.format = format
        self.range = range
        models = .notExpressible
        tools = .notExpressible
        servers = .notExpressible
        egress = .notExpressible
        budgets = []
        budgetKinds = []
        telemetry = .notExpressible
        approvalMode = .notExpressible
        approvalBypasses = []
        endpoint = .notExpressible
        agentVersion = .notExpressible
        links = []
    }

    /// Whom the file that defines it affects.
    public var scope: ConfigScope { ConfigScope.of(path: range.path) }

    /// Budget caps of a kind; nil when the format cannot express that kind of cap.
    public func caps(_ kind: BudgetCap.Kind) -> [BudgetCap]? {
        guard budgetKinds.contains(kind) else { return nil }
        return budgets.filter { $0.kind == kind }
    }
}

/// A key as written in a file whose scope its client does not read it from.
public struct IgnoredSetting: Sendable {
    /// As written (`strictKnownMarketplaces`, `sandbox.network.allowManagedDomainsOnly`).
    public var key: String
    /// Why, for messages: "Claude Code reads it from managed settings only".
    public var reason: String
    public var range: SourceRange

    public init(key: String, reason: String, range: SourceRange) {
        self.key = key
        self.reason = reason
        self.range = range
    }
}
