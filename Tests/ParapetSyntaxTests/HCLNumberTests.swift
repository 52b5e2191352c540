import ParapetCore
import Testing
@testable import ParapetSyntax

/// Number literals: the grammar's gap (an exponent without a fraction) and what a `Double` holds.
@Suite struct HCLNumberTests {
    /// Found by fuzzing: tree-sitter read `1e400` as `1` and a name `e400`, which swallowed the
    /// next line into a bogus attribute.
    @Test func anExponentWithoutAFractionIsOneNumberAndTheNextLineIsIntact() {
        let result = parseHCL("a = 1e400\nb = 2\nc = 5E-3\nd = 3-1e5\ne = -2e+2\n")
        #expect(result.parseErrors.isEmpty)
        guard case .number(let a)? = result.file.body["a"]?.kind else { Issue.record("a is not a number"); return }
        #expect(a == "1e400")
        #expect(result.file.body["b"]?.numberValue == 2)
        #expect(result.file.body["c"]?.numberValue == 0.005)
        guard case .binary(.subtract, _, let right)? = result.file.body["d"]?.kind else { Issue.record("d is not a subtraction"); return }
        #expect(right.numberValue == 100_000)
        guard case .unary(.negate, let operand)? = result.file.body["e"]?.kind else { Issue.record("e is not a negation"); return }
        #expect(operand.numberValue == 200)
    }

    @Test func namesAndStringsWithExponentShapesAreLeftAlone() {
        let result = parseHCL("a = foo-1e5\nb = \"1e5 x1e5\"\nc = x1e5\nd = 1.5e3\n")
        #expect(result.parseErrors.isEmpty)
        #expect(result.file.body["a"]?.kind == .variable("foo-1e5"))
        #expect(result.file.body["b"]?.literalString == "1e5 x1e5")
        #expect(result.file.body["c"]?.kind == .variable("x1e5"))
        #expect(result.file.body["d"]?.numberValue == 1500)
    }

    @Test(arguments: [
        ("1", HCLNumber.Reading.value(1)), ("-2.5", .value(-2.5)), ("+3", .value(3)), ("1.5e3", .value(1500)), ("0e400", .value(0)),
        ("9007199254740992", .value(9_007_199_254_740_992)), ("1e22", .value(1e22)), ("2e22", .value(2e22)),
        ("1e400", .outOfRange), ("1e-400", .outOfRange), ("-1e400", .outOfRange),
        ("9007199254740993", .inexact), ("1e23", .inexact), ("123456789012345678901234567890", .inexact),
        ("0x10", .notANumber), ("inf", .notANumber), ("nan", .notANumber), ("1e", .notANumber), ("", .notANumber),
        ("1_000", .notANumber), (" 1", .notANumber), ("1e99999999999999999999", .outOfRange),
    ])
    func readsWhatADoubleHoldsExactly(_ text: String, _ expected: HCLNumber.Reading) {
        #expect(HCLNumber.read(text) == expected, "\(text)")
    }
}
