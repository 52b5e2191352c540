/// Number literals as Parapet can compute with them. Terraform keeps numbers as 512-bit
/// floats, so `1e400` and `9007199254740993` are exact there; Parapet computes with `Double`,
/// and says so rather than round them to `inf`, `0` or a neighbouring integer.
public enum HCLNumber {
    public enum Reading: Equatable, Sendable {
        /// The value, held exactly when it is an integer.
        case value(Double)
        /// Not a decimal number: digits with an optional sign, fraction and exponent.
        case notANumber
        /// Beyond what a `Double` holds: its magnitude overflows, or it underflows to zero.
        case outOfRange
        /// An integer that a `Double` would round (past 2^53 with too many significant digits).
        case inexact
    }

    /// Reads `[+-]digits[.digits][(e|E)[+-]digits]`, the literals HCL and `tonumber` accept.
    public static func read(_ text: some StringProtocol) -> Reading {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> ArraySlice<UInt8> {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return bytes[start..<index]
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        let whole = digits()
        var fraction: ArraySlice<UInt8> = []
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fraction = digits()
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return .notANumber }
        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var negative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                negative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let written = digits()
            guard !written.isEmpty else { return .notANumber }
            // Past a few thousand the value has over- or underflowed whatever the mantissa says.
            for digit in written { exponent = min(exponent * 10 + Int(digit - 0x30), 100_000) }
            if negative { exponent = -exponent }
        }
        guard index == bytes.count, let number = Double(String(decoding: bytes, as: UTF8.self)) else { return .notANumber }
        // The significant digits as an integer mantissa, times ten to `scale`.
        var mantissa = Array((whole + fraction).drop { $0 == 0x30 })
        guard !mantissa.isEmpty else { return .value(number) }
        var scale = exponent - fraction.count
        while mantissa.last == 0x30 {
            mantissa.removeLast()
            scale += 1
        }
        guard number.isFinite, number != 0 else { return .outOfRange }
        return scale >= 0 && !exactInteger(mantissa, scale: scale) ? .inexact : .value(number)
    }

    /// Whether mantissa × 10^scale is an integer that a `Double` holds exactly: its odd part
    /// (the mantissa's, times 5^scale) fits in the 53 bits of a `Double`'s significand.
    private static func exactInteger(_ mantissa: [UInt8], scale: Int) -> Bool {
        var odd: UInt64 = 0
        for digit in mantissa {
            let (times, overflow) = odd.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(UInt64(digit - 0x30))
            if overflow || carry { return false }
            odd = sum
        }
        while odd > 0, odd % 2 == 0 { odd /= 2 }
        for _ in 0..<scale {
            let (times, overflow) = odd.multipliedReportingOverflow(by: 5)
            if overflow || times > 1 << 53 { return false }
            odd = times
        }
        return odd <= 1 << 53
    }

    /// The exponent markers (`e`, `E` and a sign) of number literals written without a fraction,
    /// `1e400` or `5E-3`. HCL reads them as one number; the tree-sitter grammar only takes an
    /// exponent after a fraction, and reads `1e400` as `1` then a name `e400`, which derails the
    /// rest of the block. The parser gives tree-sitter a copy with these bytes made digits (the
    /// same length, so every range holds) and reads the literal's text from the file itself.
    static func exponentMarkers(in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var markers: [Int] = []
        var index = 1
        while index + 1 < bytes.count {
            defer { index += 1 }
            guard bytes[index] | 0x20 == UInt8(ascii: "e"), isDigit(bytes[index - 1]) else { continue }
            // The name-like run holding the digits: numbers and minus signs when it starts with
            // either, an identifier such as `a1e5` or `foo-1e5` otherwise.
            var start = index - 1
            while start > 0, HCLResync.isNameByte(bytes[start - 1]) { start -= 1 }
            guard start == 0 || (bytes[start - 1] != UInt8(ascii: ".") && bytes[start - 1] < 0x80) else { continue }
            while bytes[start] == UInt8(ascii: "-") { start += 1 }
            guard isDigit(bytes[start]) else { continue }
            var digitsStart = index - 1
            while digitsStart > start, isDigit(bytes[digitsStart - 1]) { digitsStart -= 1 }
            guard digitsStart == start || bytes[digitsStart - 1] == UInt8(ascii: "-") else { continue }
            var end = index + 1
            if bytes[end] == UInt8(ascii: "+") || bytes[end] == UInt8(ascii: "-") { end += 1 }
            let exponentStart = end
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            guard end > exponentStart, end == bytes.count || !(HCLResync.isNameByte(bytes[end]) || bytes[end] >= 0x80 || bytes[end] == UInt8(ascii: ".")) else { continue }
            markers.append(index)
            if exponentStart > index + 1 { markers.append(index + 1) }
            index = end - 1
        }
        return markers
    }
}
