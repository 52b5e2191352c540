import ParapetGraph
import ParapetSyntax

/// How the agents view describes a model reference's pinning, from the model registry.
public enum ModelPinningDescription {
    public static func describe(_ model: ModelReference, format: FileKind) -> String {
        switch ModelRegistry.builtIn.classify(model.id, provider: AgentModelReferences.provider(of: model, in: format)) {
        case .pinned: "pinned"
        case .floating(let reason): "floating: \(reason)"
        case .unknown: "not in the model registry"
        }
    }
}
