/// A position in a source file. Lines and columns are 1-based; columns count Unicode code points
/// (SARIF `columnKind: unicodeCodePoints`); `offset` is the 0-based UTF-8 byte offset.
public struct SourcePosition: Hashable, Comparable, Sendable, Codable {
    // Stored in 32 bits: every node, value, member and finding carries two positions, and at 64
    // bits they were a third of the graph's memory. Files are far smaller than 2 GiB (tree-sitter
    // counts in 32 bits, and `ScanLimits.maxFileBytes` is 8 MiB); a larger number is clamped.
    private var storedLine: Int32
    private var storedColumn: Int32
    private var storedOffset: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }
    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int, offset: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
        storedOffset = Int32(clamping: offset)
    }

    private enum CodingKeys: String, CodingKey { case line, column, offset }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(line: try container.decode(Int.self, forKey: .line), column: try container.decode(Int.self, forKey: .column),
                  offset: try container.decode(Int.self, forKey: .offset))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(offset, forKey: .offset)
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        lhs.offset != rhs.offset ? lhs.offset < rhs.offset : (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A half-open range `[start, end)` in one file, named by its path relative to the scan root.
public struct SourceRange: Hashable, Comparable, Sendable, Codable {
    /// The file, interned: 4 bytes and no reference count, where a `String` was 16 and one.
    public var file: SourcePath
    public var start: SourcePosition
    public var end: SourcePosition

    public var path: String {
        get { file.path }
        set { file = SourcePath(newValue) }
    }

    public init(path: String, start: SourcePosition, end: SourcePosition) {
        self.init(file: SourcePath(path), start: start, end: end)
    }

    public init(file: SourcePath, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = end
    }

    private enum CodingKeys: String, CodingKey { case path, start, end }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(path: try container.decode(String.self, forKey: .path), start: try container.decode(SourcePosition.self, forKey: .start),
                  end: try container.decode(SourcePosition.self, forKey: .end))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }

    /// The first character of a file, for findings about a file as a whole.
    public static func fileStart(_ path: String) -> SourceRange {
        let origin = SourcePosition(line: 1, column: 1, offset: 0)
        return SourceRange(path: path, start: origin, end: origin)
    }

    /// Ordered by path text, then position: never by the interned number, which depends on the
    /// order files were read in.
    public static func < (lhs: SourceRange, rhs: SourceRange) -> Bool {
        if lhs.file != rhs.file { return lhs.path < rhs.path }
        return (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    /// The smallest range covering both (same file assumed).
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }
}

/// The bytes of one file, with the line index that turns byte offsets into positions.
public struct SourceFile: Sendable {
    /// Path relative to the scan root, with `/` separators; what findings and reports show.
    public let path: String
    /// `path`, interned: what this file's ranges hold.
    public let file: SourcePath
    public let bytes: [UInt8]
    private let lines: LineIndex

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.file = SourcePath(path)
        self.bytes = bytes
        self.lines = LineIndex(bytes)
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public var lineCount: Int { lines.starts.count }

    /// The position of a byte offset (clamped into the file).
    public func position(at offset: Int) -> SourcePosition {
        let offset = Swift.max(0, Swift.min(offset, bytes.count))
        let lineIndex = lines.line(containing: offset)
        let lineStart = lines.starts[lineIndex]
        let column = lines.isASCII ? offset - lineStart + 1 : lines.codePoints(bytes, from: lineStart, to: offset) + 1
        return SourcePosition(line: lineIndex + 1, column: column, offset: offset)
    }

    /// The position of a 0-based row and a byte column within that row (tree-sitter's points).
    public func position(row: Int, byteColumn: Int) -> SourcePosition {
        guard row < lines.starts.count else { return position(at: bytes.count) }
        return position(at: lines.starts[Swift.max(0, row)] + byteColumn)
    }

    public func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: file, start: position(at: start), end: position(at: Swift.max(start, end)))
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lines.starts.count else { return "" }
        let start = lines.starts[line - 1]
        var end = line < lines.starts.count ? lines.starts[line] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The text of a byte range.
    public func text(_ start: Int, _ end: Int) -> String {
        let s = Swift.max(0, Swift.min(start, bytes.count)), e = Swift.max(s, Swift.min(end, bytes.count))
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    public func text(of range: SourceRange) -> String { text(range.start.offset, range.end.offset) }
}

/// Line starts, plus sampled code-point counts so that columns on long non-ASCII lines (minified
/// JSON) cost a bounded scan instead of a walk from the start of the line.
struct LineIndex: Sendable {
    static let stride = 256
    let starts: [Int]
    let isASCII: Bool
    /// `samples[k]` = code points in `bytes[0 ..< k * stride]`; empty for ASCII files.
    let samples: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0]
        var ascii = true
        for (i, byte) in bytes.enumerated() {
            if byte == 0x0A { starts.append(i + 1) }
            if byte >= 0x80 { ascii = false }
        }
        self.starts = starts
        self.isASCII = ascii
        var samples: [Int] = []
        if !ascii {
            samples.reserveCapacity(bytes.count / Self.stride + 1)
            var count = 0
            for (i, byte) in bytes.enumerated() {
                if i % Self.stride == 0 { samples.append(count) }
                if byte & 0xC0 != 0x80 { count += 1 }
            }
            if bytes.count % Self.stride == 0 { samples.append(count) }
        }
        self.samples = samples
    }

    func line(containing offset: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    func codePoints(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        codePointsBefore(bytes, end) - codePointsBefore(bytes, start)
    }

    private func codePointsBefore(_ bytes: [UInt8], _ offset: Int) -> Int {
        let block = offset / Self.stride
        var count = samples[Swift.min(block, samples.count - 1)]
        var i = Swift.min(block, samples.count - 1) * Self.stride
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }
}
