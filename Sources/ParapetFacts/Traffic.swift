/// The one definition of "all traffic" every egress rule uses, whatever resource wrote it: AWS
/// security groups, Google firewalls, Azure NSG rules, Kubernetes NetworkPolicies.
public enum TrafficScope: Sendable, Equatable {
    /// Every protocol (`-1`, `all`, `*`): every port of every protocol, ICMP included.
    case allTraffic
    /// Every port of one port-bearing protocol (TCP, UDP, SCTP).
    case allPorts(protocol: String)
    /// Fewer ports, or a protocol without ports (ICMP, ESP): not "all traffic".
    case narrower
    /// The protocol or the ports are not known, with why.
    case unknown(String)

    /// Whether the rule opens everything a workload could use to send data out.
    public var isAll: Bool {
        switch self {
        case .allTraffic, .allPorts: true
        case .narrower, .unknown: false
        }
    }

    /// `all traffic`, `all `tcp` ports`: what messages say.
    public var display: String {
        switch self {
        case .allTraffic: "all traffic"
        case .allPorts(let name): "all `\(name)` ports"
        case .narrower: "some traffic"
        case .unknown: "traffic"
        }
    }

    /// Protocols that have ports, by name and IANA number.
    static let portProtocols: [String: String] = ["tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp", "sctp": "sctp", "132": "sctp"]

    /// Decides the scope of a protocol and the ports it opens. `ports` is nil when the rule names
    /// no ports (which means every port for a port-bearing protocol).
    public static func of(protocol raw: String?, ports: PortSpan?) -> TrafficScope {
        guard let raw else { return .unknown("protocol is not known") }
        let name = raw.lowercased().filter { $0 != " " }
        if name == "-1" || name == "all" || name == "*" { return .allTraffic }
        guard let canonical = portProtocols[name] else { return .narrower }
        switch ports {
        case nil: return .allPorts(protocol: canonical)
        case .all?: return .allPorts(protocol: canonical)
        case .some(.span(let low, let high)): return low <= 1 && high >= 65535 ? .allPorts(protocol: canonical) : .narrower
        case .some(.unknown(let reason)): return .unknown(reason)
        }
    }
}

/// A span of ports as written.
public enum PortSpan: Sendable, Equatable {
    case all
    case span(low: Double, high: Double)
    case unknown(String)

    /// `*`, `0-65535`, `443`, `8000-8080`.
    public static func parse(_ text: String) -> PortSpan? {
        let trimmed = text.filter { $0 != " " }
        if trimmed == "*" { return .all }
        let bounds = trimmed.split(separator: "-", omittingEmptySubsequences: false).map { Double($0) }
        if bounds.count == 1, let port = bounds[0] { return .span(low: port, high: port) }
        guard bounds.count == 2, let low = bounds[0], let high = bounds[1] else { return nil }
        return .span(low: low, high: high)
    }

    /// Whether the spans together cover every usable port (port 0 is not usable).
    public static func coversAll(_ spans: [PortSpan]) -> Bool {
        spans.contains { span in
            switch span {
            case .all: true
            case .span(let low, let high): low <= 1 && high >= 65535
            case .unknown: false
            }
        }
    }
}

/// Addresses that mean "anywhere".
public enum NetworkRange {
    /// `0.0.0.0/0`, `::/0` (any prefix length 0), and Azure's `*` and `Internet`.
    public static func isAnywhere(_ text: String) -> Bool {
        let trimmed = text.filter { $0 != " " }.lowercased()
        if trimmed == "*" || trimmed == "internet" { return true }
        guard let slash = trimmed.lastIndex(of: "/") else { return false }
        return trimmed[trimmed.index(after: slash)...] == "0"
    }
}
