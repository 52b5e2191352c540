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
        let evidence = evaluator.budget.evidence(args.map(\.evidence))
        if name == "coalesce" {
            for arg in args where !arg.isNull && arg.string != "" {
                return arg.isUnknown ? Value(.unknown("`coalesce` argument is not known"), range: range) : evaluator.relocated(arg, to: range)
            }
            return Value(.unknown(Evaluator.invalid + "no `coalesce` argument is non-null and non-empty"), range: range)
        }
        // An argument that is an error makes the call one (so `try` still falls past it); one
        // that a bound cut off keeps saying which bound.
        if let reason = args.lazy.compactMap(EvaluationBudget.decisiveReason).first {
            return Value(.unknown(reason), range: range, evidence: evidence)
        }
        if args.contains(where: \.isUnknown) { return Value(.unknown("a function argument is not known"), range: range, evidence: evidence) }
        guard let content = apply(name, args, range: range, budget: evaluator.budget) else {
            return Value(.unknown("a function Parapet does not evaluate"), range: range, evidence: evidence)
        }
        return Value(evaluator.budget.bounded(content), range: range, evidence: evidence)
    }

    /// The error Terraform reports for a call (`try` falls past it).
    static func error(_ message: String) -> Value.Content {
        .unknown(Evaluator.invalid + message)
    }

    /// A whole number that fits `Int` (`Int(exactly:)` never traps: fractions, infinities, NaN
    /// and numbers too large are nil).
    static func integer(_ value: Value) -> Int? {
        value.number.flatMap { Int(exactly: $0) }
    }

    /// Result content; nil for a function or argument form Parapet does not evaluate, an
    /// `error(…)` for what Terraform rejects.
    private static func apply(_ name: String, _ args: [Value], range: SourceRange, budget: EvaluationBudget) -> Value.Content? {
        func string(_ i: Int) -> String? { i < args.count ? args[i].scalarString : nil }
        func list(_ i: Int) -> [Value]? {
            guard i < args.count else { return nil }
            return args[i].list ?? (args[i].members.map { $0.map(\.value) })
        }
        func text(_ result: String) -> Value.Content {
            budget.allows(bytes: result.utf8.count) ? .string(result) : .unknown(budget.reason(.stringBytes))
        }
        switch name {
        case "lower": return string(0).map { .string($0.lowercased()) }
        case "upper": return string(0).map { .string($0.uppercased()) }
        case "trimspace": return string(0).map { .string($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        case "strrev": return string(0).map { .string(String($0.reversed())) }
        case "tostring": return string(0).map { .string($0) }
        case "tonumber":
            if args.first?.isNull == true { return .null }
            if case .number(let number)? = args.first?.content { return .number(number) }
            guard let text = string(0) else { return nil }
            if case .notANumber = HCLNumber.read(text) { return error("cannot convert `\(text)` to a number") }
            return Evaluator.number(text)
        case "tobool":
            if args.first?.isNull == true { return .null }
            guard let first = args.first else { return nil }
            return first.bool.map { .bool($0) } ?? error("cannot convert `\(first.display)` to a bool")
        case "format": return format(args, budget: budget)
        case "join":
            guard let separator = string(0) else { return nil }
            var parts: [String] = []
            for item in args.dropFirst().flatMap({ $0.list ?? [$0] }) {
                if item.isUnknown { return .unknown("a `join` element is not known") }
                guard let part = item.scalarString else { return error("`join` elements must be strings") }
                parts.append(part)
            }
            let bytes = parts.reduce(separator.utf8.count * Swift.max(0, parts.count - 1)) { $0 + $1.utf8.count }
            guard budget.allows(bytes: bytes) else { return .unknown(budget.reason(.stringBytes)) }
            return .string(parts.joined(separator: separator))
        case "split":
            guard let separator = string(0), let text = string(1) else { return nil }
            // An empty separator splits between characters (Go's `strings.Split`).
            let pieces = separator.isEmpty ? text.unicodeScalars.map { String($0) } : text.components(separatedBy: separator)
            return .list(pieces.map { Value(.string($0), range: range) })
        case "replace":
            guard let text = string(0), let old = string(1), let new = string(2), !old.hasPrefix("/"), !old.isEmpty else { return nil }
            let occurrences = text.components(separatedBy: old).count - 1
            guard budget.allows(bytes: text.utf8.count + occurrences * Swift.max(0, new.utf8.count - old.utf8.count)) else {
                return .unknown(budget.reason(.stringBytes))
            }
            return .string(text.replacingOccurrences(of: old, with: new))
        case "startswith": return string(0).flatMap { s in string(1).map { .bool(s.hasPrefix($0)) } }
        case "endswith": return string(0).flatMap { s in string(1).map { .bool(s.hasSuffix($0)) } }
        case "concat":
            var items: [Value] = []
            for arg in args {
                guard let list = arg.list else { return error("`concat` arguments must be lists") }
                items += list
            }
            return .list(items)
        case "tolist": return list(0).map { .list($0) }
        case "toset": return list(0).map { .list(set($0)) }
        case "tomap": return args.first?.members.map { .object($0) }
        case "flatten": return list(0).map { .list(flatten($0)) }
        case "distinct": return list(0).map { .list(distinct($0)) }
        case "compact": return list(0).map { .list($0.filter { !$0.isNull && $0.string != "" }) }
        case "length":
            if let text = args.first?.string { return .number(Double(text.count)) }
            return list(0).map { .number(Double($0.count)) }
        case "element":
            guard let items = list(0), args.count > 1 else { return nil }
            if items.isEmpty { return error("cannot use `element` on an empty list") }
            guard let index = integer(args[1]) else { return error("`element` index must be a whole number") }
            // Wraps around in both directions: `-1` is the last element (Terraform 1.8 and later).
            let wrapped = index % items.count
            return items[wrapped < 0 ? wrapped + items.count : wrapped].content
        case "contains":
            guard let items = list(0), args.count > 1 else { return nil }
            return .bool(items.contains { $0.display == args[1].display })
        case "keys": return args.first?.members.map { .list(Evaluator.lexical($0).map { Value(.string($0.key), range: $0.keyRange) }) }
        case "values": return args.first?.members.map { .list(Evaluator.lexical($0).map(\.value)) }
        case "merge":
            var merged: [Value.Member] = []
            for arg in args where !arg.isNull {
                guard let members = arg.members else { return error("`merge` arguments must be maps or objects") }
                for member in members {
                    merged.removeAll { $0.key == member.key }
                    merged.append(member)
                }
            }
            return .object(Evaluator.lexical(merged))
        case "lookup":
            guard args.count >= 2, let key = string(1), args[0].members != nil else { return nil }
            if let found = args[0][key] { return found.content }
            return args.count > 2 ? args[2].content : error("no key `\(key)` in the `lookup` map and no default")
        case "min", "max":
            let numbers = args.flatMap { $0.list ?? [$0] }.compactMap(\.number)
            guard let result = name == "min" ? numbers.min() : numbers.max() else { return nil }
            return .number(result)
        case "abs": return args.first?.number.map { .number(abs($0)) }
        case "pow":
            guard args.count == 2, let base = args[0].number, let exponent = args[1].number else { return nil }
            let result = Foundation.pow(base, exponent)
            return result.isFinite ? .number(result) : nil
        case "range": return sequence(args.compactMap(\.number), count: args.count, at: range)
        case "cidrsubnet":
            guard let prefix = string(0), args.count > 2, let bits = integer(args[1]), let net = integer(args[2]) else { return nil }
            return CIDR.subnet(prefix, newBits: bits, number: net).map { .string($0) }
        default: return nil
        }
    }

    /// `range(limit)`, `range(start, limit)`, `range(start, limit, step)`, with Terraform's own
    /// cap of 1024 numbers.
    private static func sequence(_ numbers: [Double], count: Int, at range: SourceRange) -> Value.Content? {
        guard numbers.count == count, (1...3).contains(count) else { return nil }
        let start = count == 1 ? 0 : numbers[0], limit = count == 1 ? numbers[0] : numbers[1]
        let step = count == 3 ? numbers[2] : (limit >= start ? 1 : -1)
        var items: [Value] = []
        var number = start
        while step >= 0 ? number < limit : number > limit {
            guard items.count < 1024 else { return error("`range` would produce more than 1024 numbers") }
            items.append(Value(.number(number), range: range))
            number += step
        }
        return .list(items)
    }

    /// A decimal number as `tonumber` reads it: no hexadecimal, `inf` or `nan`, which Swift's
    /// `Double(_:)` would accept.
    private static func flatten(_ items: [Value]) -> [Value] {
        items.flatMap { $0.list.map(flatten) ?? [$0] }
    }

    private static func distinct(_ items: [Value]) -> [Value] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0.display).inserted }
    }

    /// A set's elements in Terraform's order: strings lexically, numbers by value; other
    /// elements in first-seen order.
    private static func set(_ items: [Value]) -> [Value] {
        let unique = distinct(items)
        if unique.allSatisfy({ $0.string != nil }) {
            return unique.sorted { ($0.string ?? "").utf8.lexicographicallyPrecedes(($1.string ?? "").utf8) }
        }
        if unique.allSatisfy({ if case .number = $0.content { true } else { false } }) {
            return unique.sorted { ($0.number ?? 0) < ($1.number ?? 0) }
        }
        return unique
    }

    /// `format` with `%s`, `%d`, `%v` and `%%`; other verbs, flags and widths leave the result
    /// unknown.
    private static func format(_ args: [Value], budget: EvaluationBudget) -> Value.Content? {
        guard let pattern = args.first?.scalarString else { return nil }
        var out = "", index = 1
        var characters = pattern.makeIterator()
        while let c = characters.next() {
            guard c == "%" else { out.append(c); continue }
            guard let verb = characters.next() else { return nil }
            if verb == "%" { out.append("%"); continue }
            guard "sdv".contains(verb), index < args.count, let text = args[index].scalarString else { return nil }
            guard budget.allows(bytes: out.utf8.count + text.utf8.count) else { return .unknown(budget.reason(.stringBytes)) }
            out += text
            index += 1
        }
        return .string(out)
    }
}

/// IPv4 CIDR arithmetic for `cidrsubnet`.
enum CIDR {
    static func subnet(_ prefix: String, newBits: Int, number: Int) -> String? {
        let parts = prefix.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let length = Int(parts[1]), (0...32).contains(length), (0...32).contains(newBits),
              length + newBits <= 32, number >= 0, number < (1 << newBits) else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false).map { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0.map { $0 < 256 } ?? false }) else { return nil }
        let base = octets.reduce(UInt32(0)) { $0 << 8 | ($1 ?? 0) }
        let newLength = length + newBits
        let mask: UInt32 = length == 0 ? 0 : ~UInt32(0) << (32 - length)
        let address = (base & mask) | (UInt32(number) << (32 - newLength))
        let text = (0..<4).map { String((address >> (24 - 8 * $0)) & 0xFF) }.joined(separator: ".")
        return "\(text)/\(newLength)"
    }
}
