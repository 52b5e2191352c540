import ParapetCore
import ParapetGraph

struct UnauthenticatedAgentEndpointRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE412", name: "unauthenticated-agent-endpoint", family: .gate, defaultSeverity: .error,
        summary: "Finds agent endpoints and agent workflows that anyone can trigger.",
        rationale: """
            An A2A agent card without a security scheme, or an agent GitHub Action that lets any bot \
            or user start it, hands the agent's tools and credentials to whoever calls it.
            """,
        remediation: "Declare a security scheme on the agent card, or list the users and bots that may trigger the agent.",
        examples: [
            .triggering("""
                {
                  "name": "Currency Agent",
                  "description": "Converts currencies",
                  "url": ↓"https://fx.example.com/a2a",
                  "version": "1.0.0",
                  "protocolVersion": "0.3.0",
                  "capabilities": {"streaming": true},
                  "defaultInputModes": ["text/plain"],
                  "defaultOutputModes": ["text/plain"],
                  "skills": [{"id": "convert", "name": "Convert", "description": "Convert", "tags": ["fx"]}]
                }
                """, fileName: ".well-known/agent-card.json"),
            .passing("""
                {
                  "name": "Currency Agent",
                  "description": "Converts currencies",
                  "url": "https://fx.example.com/a2a",
                  "version": "1.0.0",
                  "protocolVersion": "0.3.0",
                  "capabilities": {"streaming": true},
                  "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
                  "security": [{"bearer": []}],
                  "defaultInputModes": ["text/plain"],
                  "defaultOutputModes": ["text/plain"],
                  "skills": [{"id": "convert", "name": "Convert", "description": "Convert", "tags": ["fx"]}]
                }
                """, fileName: ".well-known/agent-card.json"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.agents.compactMap { node, profile in
            guard let endpoint = profile.endpoint.value, !endpoint.authenticated else { return nil }
            return agentFinding("Agent `\(profile.name)` accepts unauthenticated callers: \(endpoint.evidence)",
                           at: endpoint.range, node: node, path: "endpoint")
        }
    }
}
