import ParapetGraph

/// How the agents view describes a model reference's pinning.
public enum ModelPinningDescription {
    public static func describe(_ model: ModelReference) -> String {
        "pinning not checked"
    }
}
