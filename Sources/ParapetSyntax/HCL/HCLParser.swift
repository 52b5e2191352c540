import ParapetCore

/// Placeholder until the HCL front-end lands.
public struct HCLParseResult: Sendable {
    public var file: HCLFile
    public var comments: [Comment]
    public var diagnostics: [SyntaxDiagnostic]
}

public final class HCLParser {
    public init(limits: ScanLimits = ScanLimits()) {}
    public func parse(_ source: SourceFile) -> HCLParseResult {
        HCLParseResult(file: HCLFile(), comments: [], diagnostics: [])
    }
}
