/// Classifies TOML's bare value tokens: booleans, integers (decimal, `0x`, `0o`, `0b`, with
/// underscores between digits), floats (fraction, exponent, `inf`, `nan`), offset and local
/// date-times, local dates and local times.
enum TOMLLiteral {
    enum Kind: Equatable {
        case bool
        /// A number; `canonical` is set when `Scalar.value` could not type the text as written.
        case number(canonical: String?)
        case datetime
        case outOfRange, invalidNumber, invalidDateTime
        /// Not a value at all (an unquoted word).
        case unknown
    }

    static func classify(_ token: [UInt8]) -> Kind {
        if token.elementsEqual("true".utf8) || token.elementsEqual("false".utf8) { return .bool }
        // A date starts with four digits and `-`, a time with two digits and `:`.
        if token.count >= 5, token[0..<4].allSatisfy(isDigit), token[4] == UInt8(ascii: "-") {
            return isDateTime(token) ? .datetime : .invalidDateTime
        }
        if token.count >= 3, isDigit(token[0]), isDigit(token[1]), token[2] == UInt8(ascii: ":") {
            return isDateTime(token) ? .datetime : .invalidDateTime
        }
        return number(token)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    // MARK: Numbers

    static func number(_ token: [UInt8]) -> Kind {
        var body = token[...]
        var signed = false
        if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            signed = true
            body = body.dropFirst()
        }
        if body.elementsEqual("inf".utf8) { return .number(canonical: nil) }
        if body.elementsEqual("nan".utf8) { return .number(canonical: signed ? "nan" : nil) }
        guard let lead = body.first, isDigit(lead) else { return signed ? .invalidNumber : .unknown }
        let start = body.startIndex
        if body.count >= 2, lead == UInt8(ascii: "0"), let radix = prefixRadix(body[start + 1]) {
            let digits = body.dropFirst(2)
            guard !signed, validDigits(digits, radix: radix) else { return .invalidNumber }
            guard let value = Int(String(decoding: digits.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self), radix: radix) else {
                return .outOfRange
            }
            // `Scalar.value` reads `0x` and `0o` but not `0b`.
            return .number(canonical: radix == 2 ? String(value) : nil)
        }
        let split = body.firstIndex { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") } ?? body.endIndex
        let integer = body[..<split]
        // No leading zeros: `0` alone, or a non-zero first digit.
        guard validDigits(integer, radix: 10), integer.count == 1 || lead != UInt8(ascii: "0") else { return .invalidNumber }
        if split == body.endIndex {
            let cleaned = String(decoding: token.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            return Int(cleaned) == nil ? .outOfRange : .number(canonical: nil)
        }
        var rest = body[split...]
        if rest.first == UInt8(ascii: ".") {
            let fractionEnd = rest.firstIndex { $0 | 0x20 == UInt8(ascii: "e") } ?? rest.endIndex
            guard validDigits(rest[(rest.startIndex + 1)..<fractionEnd], radix: 10) else { return .invalidNumber }
            rest = rest[fractionEnd...]
        }
        if let e = rest.first, e | 0x20 == UInt8(ascii: "e") {
            var exponent = rest.dropFirst()
            if let sign = exponent.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { exponent = exponent.dropFirst() }
            guard validDigits(exponent, radix: 10) else { return .invalidNumber }
            rest = rest[rest.endIndex...]
        }
        return rest.isEmpty ? .number(canonical: nil) : .invalidNumber
    }

    private static func prefixRadix(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    /// Digits of `radix`, with single underscores only between two digits.
    private static func validDigits(_ digits: ArraySlice<UInt8>, radix: Int) -> Bool {
        func isDigit(_ byte: UInt8) -> Bool { ByteText.hexValue(byte).map { Int($0) < radix } ?? false }
        guard let first = digits.first, let last = digits.last, isDigit(first), isDigit(last) else { return false }
        var previousUnderscore = false
        for byte in digits {
            if byte == UInt8(ascii: "_") {
                if previousUnderscore { return false }
                previousUnderscore = true
            } else if isDigit(byte) {
                previousUnderscore = false
            } else {
                return false
            }
        }
        return true
    }

    // MARK: Dates and times

    /// `1979-05-27`, `07:32:00.999`, `1979-05-27T07:32:00`, `1979-05-27 07:32:00-08:00`, `…Z`.
    static func isDateTime(_ t: [UInt8]) -> Bool {
        var k = 0
        var hasDate = false
        if t.count >= 10, t[4] == UInt8(ascii: "-") {
            guard isDate(t) else { return false }
            hasDate = true
            k = 10
            if k == t.count { return true }
            guard t[k] == UInt8(ascii: "T") || t[k] == UInt8(ascii: "t") || t[k] == 0x20 else { return false }
            k += 1
        }
        guard time(t, &k) else { return false }
        if k == t.count { return true }
        guard hasDate else { return false }
        if t[k] == UInt8(ascii: "Z") || t[k] == UInt8(ascii: "z") { return k + 1 == t.count }
        guard t[k] == UInt8(ascii: "+") || t[k] == UInt8(ascii: "-"), k + 6 == t.count,
              let hour = twoDigits(t, k + 1), hour <= 23, t[k + 3] == UInt8(ascii: ":"),
              let minute = twoDigits(t, k + 4), minute <= 59 else { return false }
        return true
    }

    private static func isDate(_ t: [UInt8]) -> Bool {
        guard t.count >= 10, t[0..<4].allSatisfy(isDigit), t[7] == UInt8(ascii: "-"),
              let month = twoDigits(t, 5), let day = twoDigits(t, 8), (1...12).contains(month), day >= 1 else { return false }
        let year = t[0..<4].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    /// `HH:MM[:SS[.fraction]]` at `k` (seconds optional, as TOML 1.1 allows); advances `k`.
    private static func time(_ t: [UInt8], _ k: inout Int) -> Bool {
        guard let hour = twoDigits(t, k), hour <= 23, k + 2 < t.count, t[k + 2] == UInt8(ascii: ":"),
              let minute = twoDigits(t, k + 3), minute <= 59 else { return false }
        k += 5
        guard k < t.count, t[k] == UInt8(ascii: ":") else { return true }
        guard let second = twoDigits(t, k + 1), second <= 60 else { return false }
        k += 3
        guard k < t.count, t[k] == UInt8(ascii: ".") else { return true }
        k += 1
        let fractionStart = k
        while k < t.count, isDigit(t[k]) { k += 1 }
        return k > fractionStart
    }

    private static func twoDigits(_ t: [UInt8], _ k: Int) -> Int? {
        guard k >= 0, k + 1 < t.count, isDigit(t[k]), isDigit(t[k + 1]) else { return nil }
        return Int(t[k] - 0x30) * 10 + Int(t[k + 1] - 0x30)
    }
}
