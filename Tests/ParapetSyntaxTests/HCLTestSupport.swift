import ParapetCore
import ParapetSyntax

/// Parses HCL text with a fresh parser.
func parseHCL(_ text: String, path: String = "main.tf", limits: ScanLimits = ScanLimits()) -> HCLParseResult {
    HCLParser(limits: limits).parse(SourceFile(path: path, text: text))
}

/// `line:col-line:col`, as the dump prints it.
func hclSpan(_ range: SourceRange) -> String {
    "\(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column)"
}

extension HCLParseResult {
    var parseErrors: [SyntaxDiagnostic] { diagnostics.filter { $0.kind == .parseError } }
}
