import ParapetCore
import ParapetSyntax

/// LangGraph deployment config (`langgraph.json`): one profile per graph of `graphs`.
///
/// Models, tools, servers and caps live in the graph's code: not expressible. The file can only
/// say whether traces go to LangSmith, through `env`: `LANGSMITH_TRACING` or
/// `LANGCHAIN_TRACING_V2` set to true is a trace sink (to `LANGSMITH_ENDPOINT` when set), an
/// `env` object without them is absent tracing. When `env` is a path to a `.env` file, what it
/// sets cannot be known from here, so telemetry is left not expressible rather than absent.
struct LangGraphAdapter: AgentAdapter {
    static let kinds: Set<FileKind> = [.langgraph]

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = Manifest.root(file), let graphs = root["graphs"]?.entries else { return [] }
        let telemetry = telemetry(root)
        return graphs.map { entry in
            var profile = AgentProfile(name: entry.name, format: .langgraph, range: Manifest.span(entry))
            profile.telemetry = telemetry
            return profile
        }
    }

    static func telemetry(_ root: DataNode) -> Facet<[TelemetrySink]> {
        guard let env = root["env"] else { return .absent }
        guard env.isMapping else { return .notExpressible }
        for key in ["LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2", "LANGSMITH_TRACING_V2"] {
            guard let flag = env[key], Manifest.bool(flag) == true else { continue }
            let endpoint = Manifest.text(env["LANGSMITH_ENDPOINT"] ?? env["LANGCHAIN_ENDPOINT"])?.value ?? "LangSmith"
            return .present([TelemetrySink(kind: .traces, destination: endpoint, range: flag.range)])
        }
        return .absent
    }
}
