import ParapetCore
import ParapetSyntax

/// `google_vertex_ai_endpoint_with_model_garden_deployment` resources: one profile per
/// resource, named by its address.
///
/// What it fills: the model, `publisher_model_name` (`publishers/<publisher>/models/<model>@<version>`;
/// the publisher is the provider, and the pinning rule judges the `@version`) or
/// `hugging_face_model_id` (provider `huggingface`; the resource has no revision field). The
/// endpoint's replicas are capacity, not a cap on what a run consumes, and the rest is not
/// expressible.
struct VertexModelGardenAdapter: GraphAgentAdapter {
    static func profiles(in graph: Graph) -> [AgentProfile] {
        TerraformAI.resources("google_vertex_ai_endpoint_with_model_garden_deployment", in: graph).map { node in
            var profile = AgentProfile(name: node.displayAddress, format: node.origin, range: node.range)
            profile.links.append((label: .definedBy, address: "\(node.address)", range: node.range))
            let body = node.attributes
            if let publisher = body["publisher_model_name"], !publisher.isNull {
                let text = publisher.scalarString ?? ""
                let parts = text.split(separator: "/")
                let provider = parts.count >= 2 && parts[0] == "publishers" ? String(parts[1]) : "vertex-model-garden"
                profile.models = TerraformAI.model(publisher, provider: provider).map { .present([$0]) } ?? .absent
            } else if let hub = body["hugging_face_model_id"], !hub.isNull {
                profile.models = TerraformAI.model(hub, provider: "huggingface").map { .present([$0]) } ?? .absent
            } else {
                profile.models = .absent
            }
            return profile
        }
    }
}
