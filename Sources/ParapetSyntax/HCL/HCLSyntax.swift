import ParapetCore

/// Placeholder until the HCL front-end lands.
public struct HCLFile: Sendable {
    public init() {}
}
