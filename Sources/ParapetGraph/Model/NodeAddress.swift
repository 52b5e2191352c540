/// The identity of a graph node: an address within a scope. The scope is a Terraform root module
/// directory or a Kubernetes deployment unit (`envs/prod`, a kustomization); the empty scope is the
/// scan itself. Two real objects never share an address: same-named objects of different scopes
/// differ by scope, and repeats inside one scope get an ordinal (`#2`) and a `PAR006` diagnostic.
public struct NodeAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `""` for the scan, else a directory (`examples/a`, `overlays/prod`).
    public var scope: String
    /// The address within the scope: `module.net.aws_vpc.main`, `k8s:apps/Deployment/agents/bot`.
    public var local: String

    public init(scope: String = "", _ local: String) {
        self.scope = scope == "." ? "" : scope
        self.local = local
    }

    /// `local` in the scan's own scope, `scope//local` in another.
    public var description: String { scope.isEmpty ? local : "\(scope)//\(local)" }

    public static func < (lhs: NodeAddress, rhs: NodeAddress) -> Bool { lhs.description < rhs.description }
}

/// Terraform addresses within a root: `module.a["k"].module.b.aws_s3_bucket.c[0]`.
public enum TerraformAddress {
    /// Where the first `module.NAME` or `module.NAME[KEY]` step of `local` ends (before its
    /// `.`), or nil when `local` does not start with one. A key may hold dots (`["a.b"]`).
    public static func endOfModuleStep(_ local: Substring) -> Substring.Index? {
        guard local.hasPrefix("module.") else { return nil }
        var index = local.index(local.startIndex, offsetBy: "module.".count)
        var inKey = false
        while index < local.endIndex {
            let character = local[index]
            if character == "[" { inKey = true } else if character == "]" { inKey = false } else if character == ".", !inKey { break }
            index = local.index(after: index)
        }
        return index
    }

    /// `module.a["k"]` of `module.a["k"].aws_s3_bucket.b`.
    public static func moduleCall(of local: String) -> String? {
        endOfModuleStep(Substring(local)).map { String(local[..<$0]) }
    }

    /// `aws_s3_bucket.b` of `module.a.module.b.aws_s3_bucket.b`: the address inside its module.
    public static func withinModule(_ local: String) -> String {
        var rest = Substring(local)
        while let end = endOfModuleStep(rest), end < rest.endIndex { rest = rest[rest.index(after: end)...] }
        return String(rest)
    }
}

/// What an edge says about its two ends.
public enum EdgeLabel: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// A NetworkPolicy or Service selects a workload's pods.
    case selects
    /// A ServiceMonitor or PodMonitor scrapes a Service or workload.
    case monitors
    /// A PodDisruptionBudget protects a workload.
    case protects
    /// A HorizontalPodAutoscaler scales a workload.
    case scales
    /// A Terraform expression names another node of the same module instance.
    case references
    /// A Terraform `kubernetes_*` resource declares a Kubernetes object.
    case declares
    /// A plan change changes a Terraform resource.
    case plans
    /// An agent is defined by a Terraform resource or a Kubernetes object.
    case definedBy = "defined-by"
    case runsIn = "runs-in"
    case assignedTo = "assigned-to"
    case delegatesTo = "delegates-to"
    case guardedBy = "guarded-by"
    case usesModelConfig = "uses-model-config"
    case usesServer = "uses-server"
    case usesToolServer = "uses-tool-server"
    /// An agent uses a model (`model:<provider>/<id>`).
    case usesModel = "uses-model"
    /// An agent may call a tool or tool pattern (`tool:…`), with the grant's approval on the node.
    case callsTool = "calls-tool"
    /// A tool belongs to an MCP server the agent uses.
    case providedBy = "provided-by"

    public static func < (lhs: EdgeLabel, rhs: EdgeLabel) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// How many real objects a Terraform block stands for, as far as configuration decides it.
public enum TerraformInstance: Sendable, Hashable {
    /// No `count` or `for_each`.
    case single
    /// One instance of a `count`: `count.index` is bound.
    case index(Int)
    /// One instance of a `for_each`: `each.key` and `each.value` are bound.
    case key(String)
    /// `count` or `for_each` whose value is not known before apply: one abstract instance whose
    /// `count.index` / `each.*` are unknown, with the reason.
    case abstract(reason: String)
    /// Known to make no instance (`count = 0`, `for_each = {}`, or a module call that makes none).
    case none(reason: String)

    /// The address suffix: `[0]`, `["logs"]`, or nothing.
    public var suffix: String {
        switch self {
        case .index(let index): "[\(index)]"
        case .key(let key): "[\"\(key)\"]"
        default: ""
        }
    }

    public var mayExist: Bool { if case .none = self { false } else { true } }
}
