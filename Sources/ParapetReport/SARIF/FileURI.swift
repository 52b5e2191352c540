/// Paths as SARIF URIs. Relative paths become relative references resolved against
/// `%SRCROOT%`; absolute paths become `file://` URIs. Every byte outside RFC 3986's path
/// characters is percent-encoded as UTF-8, so spaces, `#`, `?`, `%` and non-ASCII names survive.
enum FileURI {
    /// The URI reference for a path as findings carry it (relative to the working directory,
    /// or absolute), and whether it is relative to `%SRCROOT%`.
    static func reference(for path: String) -> (uri: String, isRelative: Bool) {
        path.hasPrefix("/") ? (fileURI(absolutePath: path), false) : (encodePath(path), true)
    }

    /// `file:///abs/path`; with `directory` the URI ends in `/`, which SARIF needs for a base
    /// (without it, `base/` + `main.tf` would resolve to a sibling of the directory).
    static func fileURI(absolutePath: String, directory: Bool = false) -> String {
        var uri = "file://" + encodePath(absolutePath)
        if directory, !uri.hasSuffix("/") { uri += "/" }
        return uri
    }

    static func encodePath(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            if isAllowed(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return encoded
    }

    /// Unreserved characters, sub-delimiters, `@` and `/`. `:` is encoded although RFC 3986
    /// allows it in paths: in the first segment of a relative reference (`a:b.yaml`) it would
    /// be read as a scheme.
    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~!$&'()*+,;=@/".utf8.contains(byte)
        }
    }
}
