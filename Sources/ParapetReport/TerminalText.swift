/// Makes scanned content safe to print on a terminal. A hostile repository can put escape
/// sequences in a file name, a YAML value or a comment; printed raw they could rewrite the
/// screen, hide a finding or reorder text (Trojan Source bidi overrides). Every character that
/// could do that is shown as a visible stand-in instead.
enum TerminalText {
    /// `text` with every control character replaced by its visible form. Tabs are kept: they
    /// move the cursor but cannot hide or rewrite anything.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) }) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if let replacement = replacement(for: scalar) { result += replacement } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// The visible stand-in for a control character, or nil for a character printed as is.
    /// C0 controls and DEL become their Control Pictures (`␛`, one column wide, so carets still
    /// line up); characters without a picture become `<U+202E>`.
    static func replacement(for scalar: Unicode.Scalar) -> String? {
        guard isUnsafe(scalar) else { return nil }
        switch scalar.value {
        // U+2400…U+241F are valid scalars, so the initializer cannot fail.
        case 0x00...0x1F: return String(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F: return "\u{2421}"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>"
        }
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        // Bidi embeddings, overrides and isolates, plus the invisible directional marks.
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// Terminal columns a printable scalar takes: 0 for combining marks and zero-width
    /// formatting characters, 2 for East Asian wide characters and emoji, else 1. An
    /// approximation of `wcwidth`, enough to keep carets under the right character.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
