import ParapetCore

/// A stable text dump of agent profiles, for adapter snapshot tests and debugging.
public enum AgentProfileDump {
    public static func render(_ profiles: [AgentProfile]) -> String {
        profiles.map(render).joined()
    }

    public static func render(_ p: AgentProfile) -> String {
        var out = "agent \(p.name) (\(p.format.rawValue)) \(at(p.range))\n"
        func facet<T>(_ name: String, _ facet: Facet<T>, _ lines: (T) -> [String]) {
            switch facet {
            case .notExpressible: out += "  \(name): not-expressible\n"
            case .absent: out += "  \(name): absent\n"
            case .present(let value):
                let rendered = lines(value)
                out += "  \(name):\(rendered.isEmpty ? " none" : "")\n"
                for line in rendered { out += "    \(line)\n" }
            }
        }
        facet("models", p.models) { $0.map { "\($0.role) \($0.provider.map { "\($0)/" } ?? "")\($0.id)\($0.isInterpolated ? " (interpolated)" : "") \(at($0.range))" } }
        facet("tools", p.tools) { $0.map { "\($0.approval.rawValue) \($0.kind.rawValue) \($0.pattern) [\($0.source)\($0.priority.map { ", priority \($0)" } ?? "")] \(at($0.range))" } }
        facet("servers", p.servers) { servers in
            servers.map { s in
                var line = "\(s.name) \(s.transport.rawValue)"
                if let command = s.command { line += " command=\(([command] + s.arguments).joined(separator: " "))" }
                if let image = s.image { line += " image=\(image)" }
                if let url = s.url { line += " url=\(url)" }
                if s.disabled { line += " disabled" }
                if let startup = s.startup { line += " (\(startup))" }
                return line + " \(at(s.range))"
            }
        }
        facet("egress", p.egress) { e in
            let network: String = switch e.network {
            case .unrestricted: "unrestricted"
            case .allowList(let domains): "allow-list [\(domains.joined(separator: ", "))]"
            case .denied: "denied"
            case .unknown: "unknown"
            }
            return ["\(network)\(e.isDefault ? " default" : "") (\(e.evidence)) \(at(e.range))"]
        }
        if p.budgetKinds.isEmpty {
            out += "  budgets: not-expressible\n"
        } else {
            out += "  budgets (\(p.budgetKinds.map(\.rawValue).sorted().joined(separator: ", "))):\(p.budgets.isEmpty ? " none" : "")\n"
            for cap in p.budgets {
                out += "    \(cap.kind.rawValue) \(cap.setting)=\(cap.value)\(cap.isUnlimited ? " (unlimited)" : "") \(at(cap.range))\n"
            }
        }
        facet("telemetry", p.telemetry) { $0.map { "\($0.kind.rawValue) \($0.destination) \(at($0.range))" } }
        facet("approval-mode", p.approvalMode) { ["\($0.mode.rawValue) (\($0.setting))\($0.inheritedFrom.map { " inherited from \($0)" } ?? "") \(at($0.range))"] }
        for bypass in p.approvalBypasses { out += "  approval-bypass \(bypass.mode.rawValue) (\(bypass.setting)) \(at(bypass.range))\n" }
        facet("endpoint", p.endpoint) { ["\($0.url ?? "(no url)") \($0.authenticated ? "authenticated" : "unauthenticated") (\($0.evidence)) \(at($0.range))"] }
        facet("agent-version", p.agentVersion) { ["\($0.value) \(at($0.range))"] }
        for link in p.links { out += "  link \(link.label) \(link.address) \(at(link.range))\n" }
        for source in p.fetchedSources {
            let pins = [source.ref.map { "ref=\($0)" }, source.sha.map { "sha=\($0)" }, source.version.map { "version=\($0)" }].compactMap { $0 }
            out += "  fetches \(source.kind.rawValue) \(source.name) \(source.location)\(pins.isEmpty ? "" : " " + pins.joined(separator: " ")) \(at(source.range))\n"
        }
        for hook in p.hookEndpoints { out += "  hook-endpoint \(hook.event) \(hook.url) \(at(hook.range))\n" }
        for ignored in p.ignoredSettings { out += "  ignored \(ignored.key) (\(ignored.reason)) \(at(ignored.range))\n" }
        for (facet, reason) in p.unresolved.sorted(by: { $0.key < $1.key }) { out += "  unresolved \(facet): \(reason)\n" }
        if let pods = p.pods {
            let labels = pods.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            out += "  pods \(pods.namespace) {\(labels)} \(pods.workload) \(at(pods.range))\n"
        }
        return out
    }

    static func at(_ range: SourceRange) -> String {
        "\(range.path):\(range.start.line):\(range.start.column)"
    }
}
