/// A failure of Parapet itself, not of the scanned input, while lowering or checking one file.
/// The scan reports it as a `PAR007` finding at `range`, keeps the other files' findings and
/// exits 3 once the report is written.
public struct InternalError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Where Parapet was working when it failed: the file (and node) it could not finish.
    public var range: SourceRange

    public init(_ message: String, at range: SourceRange) {
        self.message = message
        self.range = range
    }

    public var description: String { "\(range.path):\(range.start.line):\(range.start.column): \(message)" }
}
