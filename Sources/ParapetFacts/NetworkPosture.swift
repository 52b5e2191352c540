import ParapetCore
import ParapetGraph

/// What a workload's pods may send (egress) or receive (ingress), as the NetworkPolicies that
/// select them decide.
public struct NetworkPosture: Sendable {
    public enum State: String, Sendable {
        /// No policy with this direction selects the pods: everything is allowed.
        case notIsolated = "not-isolated"
        /// Selected, but a rule allows every destination (`- {}`, `0.0.0.0/0` without `except`).
        case allowsAll = "allows-all"
        /// Selected, and the rules allow a list of peers or ports.
        case restricted
        /// Selected, and no rule allows anything.
        case denied
        /// A policy that might apply cannot be read (its selector or policy types are unknown).
        case unknown
    }

    public var state: State
    /// Why, in words: `namespace `agents` has no NetworkPolicy`, the unknown selector.
    public var reason: String
    /// The policies in the workload's namespace (and deployment unit) that decide or might
    /// decide (they select the pods, or cannot be read), each with what it does; then, up to
    /// `listedBystanders`, the others, in graph order. A namespace of hundreds of policies would
    /// otherwise make every workload carry every policy (memory quadratic in the namespace).
    public var policies: [PolicyVerdict]
    /// How many policies of the namespace and unit were considered, listed or not.
    public var policyCount: Int = 0
    /// The most policies that neither select the pods nor are unknown that `policies` lists.
    public static let listedBystanders = 16

    /// Open to everything: nothing isolates the pods, or a rule allows all.
    public var isOpen: Bool { state == .notIsolated || state == .allowsAll }
}

/// One NetworkPolicy seen from one workload.
public struct PolicyVerdict: Sendable {
    /// What the policy does in one direction, whoever it selects: made once per policy and
    /// shared by the verdicts of every workload of its namespace (a namespace of hundreds of
    /// policies and pods made each verdict's copy of it most of the scan's memory).
    public final class Judgement: Sendable {
        public let policy: NodeID
        public let name: String
        public let range: SourceRange
        /// Whether it restricts this direction (its `policyTypes`, or the section's presence).
        public let appliesToDirection: Bool
        /// A rule that allows everything, with where it is and why.
        public let allowsAll: (range: SourceRange, reason: String)?
        /// Why the policy cannot be judged for any workload, when it cannot (an unreadable selector).
        public let unknown: String?
        /// Its section for this direction has no rule: the pods it selects may send (or receive) nothing.
        public let allowsNothing: Bool

        init(policy: NodeID, name: String, range: SourceRange, appliesToDirection: Bool, allowsAll: (range: SourceRange, reason: String)?,
             unknown: String?, allowsNothing: Bool) {
            self.policy = policy
            self.name = name
            self.range = range
            self.appliesToDirection = appliesToDirection
            self.allowsAll = allowsAll
            self.unknown = unknown
            self.allowsNothing = allowsNothing
        }
    }

    public let judgement: Judgement
    /// Whether it selects the workload's pods.
    public var selects: Bool
    /// Why the policy cannot be judged for this workload, when it cannot.
    public var unknown: String?

    public var policy: NodeID { judgement.policy }
    public var name: String { judgement.name }
    public var range: SourceRange { judgement.range }
    public var appliesToDirection: Bool { judgement.appliesToDirection }
    public var allowsAll: (range: SourceRange, reason: String)? { judgement.allowsAll }
}

/// The NetworkPolicy facts every egress rule shares.
public enum NetworkPolicyFacts {
    public enum Direction: String, Sendable {
        case egress = "Egress", ingress = "Ingress"
        var section: String { self == .egress ? "spec.egress" : "spec.ingress" }
        var peers: String { self == .egress ? "to" : "from" }
    }

    /// `policyTypes` decides; without it, Ingress always applies and Egress applies when the
    /// policy has an `egress` section. Nil (with the reason) when `policyTypes` is unknown.
    public static func applies(_ policy: GraphNode, to direction: Direction) -> Result<Bool, UnknownFact> {
        if let types = policy.attributes.at("spec.policyTypes") {
            if let reason = types.unknownReason { return .failure(UnknownFact("`policyTypes` of NetworkPolicy `\(policy.name)`: \(reason)")) }
            return .success(types.strings.contains(direction.rawValue))
        }
        return .success(direction == .ingress || policy.attributes.at(direction.section) != nil)
    }

    /// The rules of a policy in a direction that allow everything: no peers and no ports, or a
    /// peer `0.0.0.0/0` / `::/0` with no `except`. Each with the range to report and a reason.
    public static func openRules(_ policy: GraphNode, direction: Direction) -> [(index: Int, range: SourceRange, reason: String)] {
        var open: [(Int, SourceRange, String)] = []
        for (index, rule) in (policy.attributes.at(direction.section)?.elements ?? []).enumerated() {
            if rule.isUnknown { continue }
            let peers = rule[direction.peers]?.elements ?? []
            let ports = rule["ports"]?.elements ?? []
            if peers.isEmpty && ports.isEmpty {
                open.append((index, rule.range, "allows all destinations on all ports"))
                continue
            }
            for peer in peers {
                guard let block = peer["ipBlock"], let cidr = block["cidr"]?.string else { continue }
                if NetworkRange.isAnywhere(cidr) && (block["except"]?.elements ?? []).isEmpty {
                    open.append((index, block["cidr"]?.range ?? rule.range, "allows traffic to `\(cidr)`" + (ports.isEmpty ? " on all ports" : "")))
                    break
                }
            }
        }
        return open
    }
}

/// A fact Parapet cannot decide, and why.
public struct UnknownFact: Error, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// What one NetworkPolicy does in one direction, whoever it selects: decided once per policy,
/// then read by every workload of its namespace. A class: each workload walks its namespace's
/// shapes, and copying the policy's node per step was a tenth of a large scan.
final class PolicyShape {
    let node: GraphNode
    /// Its verdict before knowing whether it selects a given workload.
    let verdict: PolicyVerdict
    /// `policyTypes` cannot be read: it matters for the workloads the policy selects.
    private(set) var typesUnknown: String?
    let selectorIsUnknown: Bool
    let selector: LabelSelector

    init(_ policy: GraphNode, direction: NetworkPolicyFacts.Direction) {
        node = policy
        let selector = LabelSelector(policy.attributes.at("spec.podSelector") ?? Value(.object([]), range: policy.range))
        selectorIsUnknown = selector.isUnknown
        self.selector = selector
        var appliesToDirection = false
        var unknown: String?
        switch NetworkPolicyFacts.applies(policy, to: direction) {
        case .success(let applies):
            appliesToDirection = applies
            // A policy that might select the pods matters only if it restricts this direction.
            if applies, let reason = selector.unknownReason {
                unknown = "NetworkPolicy `\(policy.name)` has a pod selector Parapet cannot read (\(reason))"
            }
        case .failure(let failure):
            typesUnknown = failure.reason
        }
        let open = NetworkPolicyFacts.openRules(policy, direction: direction).first.map { (range: $0.range, reason: $0.reason) }
        let judgement = PolicyVerdict.Judgement(policy: policy.id, name: policy.name, range: policy.headerRange, appliesToDirection: appliesToDirection,
                                                allowsAll: open, unknown: unknown,
                                                allowsNothing: (policy.attributes.at(direction.section)?.elements ?? []).isEmpty)
        verdict = PolicyVerdict(judgement: judgement, selects: false, unknown: unknown)
    }
}

extension NetworkPosture {
    /// The posture of a workload in one direction, from the policies of its namespace whose
    /// deployment unit meets the workload's.
    static func of(_ workload: GraphNode, direction: NetworkPolicyFacts.Direction, policies: [PolicyShape], graph: Graph) -> NetworkPosture {
        let selecting = Set(graph.edges(to: workload.id, label: .selects).map(\.from))
        return of(namespace: workload.namespace ?? "default", scope: workload.scope, direction: direction, policies: policies) {
            selecting.contains($0.node.id)
        }
    }

    /// The posture of pods in a namespace and deployment unit, given which policies select them.
    static func of(namespace: String, scope: String, direction: NetworkPolicyFacts.Direction, policies: [PolicyShape],
                   selects: (PolicyShape) -> Bool) -> NetworkPosture {
        var verdicts: [PolicyVerdict] = []
        var considered = 0, bystanders = 0
        for shape in policies where Graph.scopesMeet(shape.node.scope, scope) {
            considered += 1
            let selected = selects(shape)
            let unknown = shape.typesUnknown.flatMap { selected || shape.selectorIsUnknown ? $0 : nil }
            if !selected && unknown == nil && shape.verdict.unknown == nil {
                bystanders += 1
                if bystanders > Self.listedBystanders { continue }
            }
            var verdict = shape.verdict
            verdict.selects = selected
            if let unknown { verdict.unknown = unknown }
            verdicts.append(verdict)
        }
        var posture = decide(namespace: namespace, direction: direction, verdicts: verdicts)
        posture.policyCount = considered
        return posture
    }

    private static func decide(namespace: String, direction: NetworkPolicyFacts.Direction, verdicts: [PolicyVerdict]) -> NetworkPosture {
        let isolating = verdicts.filter { $0.selects && $0.appliesToDirection && $0.unknown == nil }
        if let open = isolating.first(where: { $0.allowsAll != nil }), let rule = open.allowsAll {
            return NetworkPosture(state: .allowsAll, reason: "NetworkPolicy `\(open.name)` \(rule.reason)", policies: verdicts)
        }
        if !isolating.isEmpty {
            // Named up to a few, so that the reason stays short however many policies select.
            let shown = isolating.prefix(5).map { "`\($0.name)`" }.joined(separator: ", ")
            let names = isolating.count > 5 ? "\(shown) and \(isolating.count - 5) more" : shown
            return isolating.allSatisfy(\.judgement.allowsNothing)
                ? NetworkPosture(state: .denied, reason: "NetworkPolicy \(names) allows no \(direction.rawValue.lowercased()) traffic", policies: verdicts)
                : NetworkPosture(state: .restricted, reason: "NetworkPolicy \(names) restricts \(direction.rawValue.lowercased())", policies: verdicts)
        }
        if let unknown = verdicts.first(where: { $0.unknown != nil })?.unknown {
            return NetworkPosture(state: .unknown, reason: unknown, policies: verdicts)
        }
        let reason = verdicts.isEmpty
            ? "namespace `\(namespace)` has no NetworkPolicy"
            : "selected by no NetworkPolicy that restricts \(direction.rawValue.lowercased())"
        return NetworkPosture(state: .notIsolated, reason: reason, policies: verdicts)
    }
}
