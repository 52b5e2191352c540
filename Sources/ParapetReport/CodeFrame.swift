/// One source line as the text report prints it, and where the `^~~~` marker goes under it.
/// Positions are counted in code points (as `SourcePosition.column` is) and converted to
/// terminal columns here: tabs expand to spaces, control characters become visible stand-ins,
/// wide characters take two columns, so that the marker sits under the right character.
struct CodeFrame: Equatable {
    static let tabWidth = 4
    /// Minified JSON can put megabytes on one line; only a window around the range is shown.
    static let maxShownScalars = 160
    static let leadingContext = 40

    /// The printable line: no raw control characters, no tabs.
    let text: String
    /// Terminal columns before the marker.
    let markerStart: Int
    /// Terminal columns the marker spans; at least 1, so an empty range still gets a caret.
    let markerWidth: Int

    var marker: String { "^" + String(repeating: "~", count: markerWidth - 1) }

    /// - Parameters:
    ///   - startColumn: 1-based code-point column of the range start.
    ///   - endColumn: exclusive end column on the same line, or nil when the range goes on to
    ///     later lines (then the rest of this line is marked).
    init(line: String, startColumn: Int, endColumn: Int?) {
        let scalars = Array(line.unicodeScalars)
        let start = min(max(0, startColumn - 1), scalars.count)
        let end = min(max(start, (endColumn ?? Int.max) - 1), scalars.count)

        var from = 0, to = scalars.count
        if scalars.count > Self.maxShownScalars {
            from = max(0, start - Self.leadingContext)
            to = min(scalars.count, from + Self.maxShownScalars)
        }

        var text = from > 0 ? "…" : ""
        var column = text.isEmpty ? 0 : 1
        var markerStart: Int?
        var markerWidth = 0
        for index in from..<to {
            if index == start { markerStart = column }
            let piece = Self.piece(for: scalars[index], atColumn: column)
            text += piece.text
            column += piece.width
            if index >= start && index < end { markerWidth += piece.width }
        }
        if to < scalars.count { text += "…" }

        self.text = text
        self.markerStart = markerStart ?? column
        self.markerWidth = max(1, markerWidth)
    }

    private static func piece(for scalar: Unicode.Scalar, atColumn column: Int) -> (text: String, width: Int) {
        if scalar == "\t" {
            let width = tabWidth - column % tabWidth
            return (String(repeating: " ", count: width), width)
        }
        if let replacement = TerminalText.replacement(for: scalar) {
            return (replacement, replacement.unicodeScalars.count)
        }
        return (String(scalar), TerminalText.width(of: scalar))
    }
}
