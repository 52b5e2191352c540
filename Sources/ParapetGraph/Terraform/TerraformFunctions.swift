import Foundation
import ParapetCore
import ParapetSyntax

/// The Terraform functions the evaluator knows. An unknown argument makes the result unknown
/// (except `try`, `can` and `coalesce`, which look past failures); an unlisted function is unknown.
enum TerraformFunctions {
    static func call(_ call: HCLFunctionCall, evaluator: Evaluator, range: SourceRange) -> Value {
        let name = String(call.baseName)
        if call.provider != nil { return Value(.unknown("provider function `\(call.name)`"), range: range) }
        switch name {
        case "try":
            // Falls past arguments that are errors; an argument known only after apply makes the
            // result unknown too (Terraform cannot tell yet whether it will fail).
            for argument in call.arguments {
                let value = evaluator.evaluate(argument)
                if case .unknown(let reason) = value.content, reason.hasPrefix(Evaluator.invalid) { continue }
                return evaluator.relocated(value, to: range)
            }
            return Value(.unknown(Evaluator.invalid + "every `try` argument fails"), range: range)
        case "can":
            guard let argument = call.arguments.first else { break }
            let value = evaluator.evaluate(argument)
            if case .unknown(let reason) = value.content {
                return reason.hasPrefix(Evaluator.invalid) ? Value(.bool(false), range: range) : Value(.unknown("`can` argument is not known"), range: range)
            }
            return Value(.bool(true), range: range)
        default: break
        }
        var args = call.arguments.map(evaluator.evaluate)
        if call.expandsFinalArgument, let last = args.popLast() {
            guard let items = last.list else { return Value(.unknown("expanded argument is not a known list"), range: range) }
            args += items
        }
        let evidence = args.flatMap(\.evidence)
        if name == "coalesce" {
            for arg in args where !arg.isNull && arg.string != "" {
                return arg.isUnknown ? Value(.unknown("`coalesce` argument is not known"), range: range) : evaluator.relocated(arg, to: range)
            }
            return Value(.unknown("no `coalesce` argument"), range: range)
        }
        if args.contains(where: \.isUnknown) { return Value(.unknown("a function argument is not known"), range: range, evidence: evidence) }
        guard let content = apply(name, args, range: range) else {
            return Value(.unknown("a function Parapet does not evaluate"), range: range, evidence: evidence)
        }
        return Value(content, range: range, evidence: evidence)
    }

    private static func apply(_ name: String, _ args: [Value], range: SourceRange) -> Value.Content? {
        func string(_ i: Int) -> String? { i < args.count ? args[i].scalarString : nil }
        func list(_ i: Int) -> [Value]? {
            guard i < args.count else { return nil }
            return args[i].list ?? (args[i].members.map { $0.map(\.value) })
        }
        switch name {
        case "lower": return string(0).map { .string($0.lowercased()) }
        case "upper": return string(0).map { .string($0.uppercased()) }
        case "trimspace": return string(0).map { .string($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        case "tostring": return string(0).map { .string($0) }
        case "tonumber": return string(0).flatMap(Double.init).map { .number($0) }
        case "tobool": return args.first?.bool.map { .bool($0) }
        case "format": return format(args)
        case "join":
            guard let separator = string(0) else { return nil }
            let parts = args.dropFirst().flatMap { $0.list ?? [] }.compactMap(\.scalarString)
            return .string(parts.joined(separator: separator))
        case "split":
            guard let separator = string(0), let text = string(1) else { return nil }
            return .list(text.components(separatedBy: separator).map { Value(.string($0), range: range) })
        case "replace":
            guard let text = string(0), let old = string(1), let new = string(2), !old.hasPrefix("/") else { return nil }
            return .string(text.replacingOccurrences(of: old, with: new))
        case "startswith": return string(0).flatMap { s in string(1).map { .bool(s.hasPrefix($0)) } }
        case "endswith": return string(0).flatMap { s in string(1).map { .bool(s.hasSuffix($0)) } }
        case "concat": return .list(args.flatMap { $0.list ?? [] })
        case "tolist", "toset": return list(0).map { .list(name == "toset" ? distinct($0) : $0) }
        case "tomap": return args.first?.members.map { .object($0) }
        case "flatten": return list(0).map { .list(flatten($0)) }
        case "distinct": return list(0).map { .list(distinct($0)) }
        case "compact": return list(0).map { .list($0.filter { !$0.isNull && $0.string != "" }) }
        case "length":
            if let text = args.first?.string { return .number(Double(text.count)) }
            return list(0).map { .number(Double($0.count)) }
        case "element":
            guard let items = list(0), !items.isEmpty, let index = args.count > 1 ? args[1].number : nil else { return nil }
            return items[Int(index) % items.count].content
        case "contains":
            guard let items = list(0), args.count > 1 else { return nil }
            return .bool(items.contains { $0.display == args[1].display })
        case "keys": return args.first?.members.map { .list($0.map { Value(.string($0.key), range: $0.keyRange) }) }
        case "values": return args.first?.members.map { .list($0.map(\.value)) }
        case "merge":
            var merged: [Value.Member] = []
            for arg in args where !arg.isNull {
                guard let members = arg.members else { return nil }
                for member in members {
                    merged.removeAll { $0.key == member.key }
                    merged.append(member)
                }
            }
            return .object(merged)
        case "lookup":
            guard args.count >= 2, let key = string(1) else { return nil }
            if let found = args[0][key] { return found.content }
            return args.count > 2 ? args[2].content : nil
        case "min", "max":
            let numbers = args.flatMap { $0.list ?? [$0] }.compactMap(\.number)
            guard !numbers.isEmpty else { return nil }
            return .number(name == "min" ? numbers.min()! : numbers.max()!)
        case "abs": return args.first?.number.map { .number(abs($0)) }
        case "cidrsubnet":
            guard let prefix = string(0), let bits = args.count > 1 ? args[1].number : nil,
                  let net = args.count > 2 ? args[2].number : nil else { return nil }
            return CIDR.subnet(prefix, newBits: Int(bits), number: Int(net)).map { .string($0) }
        case "jsonencode", "yamlencode", "file", "templatefile", "timestamp", "uuid", "base64encode", "sha256", "md5":
            return nil
        default: return nil
        }
    }

    private static func flatten(_ items: [Value]) -> [Value] {
        items.flatMap { $0.list.map(flatten) ?? [$0] }
    }

    private static func distinct(_ items: [Value]) -> [Value] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0.display).inserted }
    }

    /// `format` with `%s`, `%d`, `%v` and `%%`; other verbs leave the result unknown.
    private static func format(_ args: [Value]) -> Value.Content? {
        guard let pattern = args.first?.scalarString else { return nil }
        var out = "", index = 1
        var characters = pattern.makeIterator()
        while let c = characters.next() {
            guard c == "%" else { out.append(c); continue }
            guard let verb = characters.next() else { return nil }
            if verb == "%" { out.append("%"); continue }
            guard "sdv".contains(verb), index < args.count, let text = args[index].scalarString else { return nil }
            out += text
            index += 1
        }
        return .string(out)
    }
}

/// IPv4 CIDR arithmetic for `cidrsubnet`.
enum CIDR {
    static func subnet(_ prefix: String, newBits: Int, number: Int) -> String? {
        let parts = prefix.split(separator: "/")
        guard parts.count == 2, let length = Int(parts[1]) else { return nil }
        let octets = parts[0].split(separator: ".").compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 < 256 }), length + newBits <= 32, newBits >= 0, number >= 0,
              number < (1 << newBits) else { return nil }
        let base = octets.reduce(UInt32(0)) { $0 << 8 | $1 }
        let newLength = length + newBits
        let mask: UInt32 = length == 0 ? 0 : ~UInt32(0) << (32 - length)
        let address = (base & mask) | (UInt32(number) << (32 - newLength))
        let text = (0..<4).map { String((address >> (24 - 8 * $0)) & 0xFF) }.joined(separator: ".")
        return "\(text)/\(newLength)"
    }
}
