/// A secondary location that explains a finding: the variable default that opened a CIDR, the
/// policy in the namespace that does not select the workload.
public struct RelatedLocation: Hashable, Sendable, Codable {
    public var range: SourceRange
    public var message: String

    public init(range: SourceRange, message: String) {
        self.range = range
        self.message = message
    }
}

/// One problem found in the scanned files.
public struct Finding: Hashable, Sendable {
    public var code: String
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    public var related: [RelatedLocation]
    /// The graph address of the node the finding is about (`aws_s3_bucket.logs`), if any.
    public var address: String?
    /// What inside the node the finding is about (`egress[0].cidr_blocks`); part of the fingerprint.
    public var attributePath: String?

    public init(code: String, severity: Severity, message: String, range: SourceRange,
                related: [RelatedLocation] = [], address: String? = nil, attributePath: String? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.range = range
        self.related = related
        self.address = address
        self.attributePath = attributePath
    }

    /// A fingerprint that survives edits that move lines: rule, file, node address and attribute
    /// path, or, for findings about no node, the message.
    public var fingerprint: String {
        let subject = address.map { "\($0)#\(attributePath ?? "")" } ?? message
        return StableHash.hex("\(code)\u{1F}\(range.path)\u{1F}\(subject)")
    }

    /// The order reports use: file, position, code, message.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.range != rhs.range { return lhs.range < rhs.range }
        if lhs.code != rhs.code { return lhs.code < rhs.code }
        return lhs.message < rhs.message
    }
}

/// FNV-1a, 64 bit: stable across runs and platforms, unlike `Hasher`.
public enum StableHash {
    public static func value(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    public static func hex(_ text: String) -> String {
        let digits = String(value(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
