import Testing
@testable import ParapetGraph

/// Every Terraform function the evaluator implements, with the results Terraform's own function
/// pages document (developer.hashicorp.com/terraform/language/functions). `error` is what
/// Terraform rejects (so `try` falls past it), `unknown` what Parapet does not evaluate.
@Suite struct TerraformFunctionTests {
    static let documented: [(String, String)] = [
        // Strings.
        (#"lower("HELLO")"#, #""hello""#),
        (#"lower("АЛЛО!")"#, #""алло!""#),
        (#"upper("hello")"#, #""HELLO""#),
        (#"upper("алло!")"#, #""АЛЛО!""#),
        (#"trimspace("  hello\n\n")"#, #""hello""#),
        (#"strrev("hello")"#, #""olleh""#),
        (#"strrev("a ☃")"#, #""☃ a""#),
        (#"format("Hello, %s!", "Ander")"#, #""Hello, Ander!""#),
        (#"format("There are %d lights", 4)"#, #""There are 4 lights""#),
        (#"format("%v%%", 50)"#, #""50%""#),
        (#"format("%5d", 3)"#, "unknown"),
        (#"join(", ", ["foo", "bar", "baz"])"#, #""foo, bar, baz""#),
        (#"join(", ", ["foo"])"#, #""foo""#),
        (#"join("-", ["a"], ["b", "c"])"#, #""a-b-c""#),
        (#"join("-", [["a"]])"#, "error"),
        (#"split(",", "foo,bar,baz")"#, #"["foo", "bar", "baz"]"#),
        (#"split(",", "foo")"#, #"["foo"]"#),
        (#"split(",", "")"#, #"[""]"#),
        (#"split("", "abc")"#, #"["a", "b", "c"]"#),
        (#"replace("1 + 2 + 3", "+", "-")"#, #""1 - 2 - 3""#),
        (#"replace("hello world", "/w.*d/", "everybody")"#, "unknown"),
        (#"startswith("hello world", "hello")"#, "true"),
        (#"startswith("hello world", "world")"#, "false"),
        (#"endswith("hello world", "world")"#, "true"),
        (#"endswith("hello world", "hello")"#, "false"),
        // Type conversions.
        (#"tostring("hello")"#, #""hello""#),
        ("tostring(1)", #""1""#),
        ("tostring(true)", #""true""#),
        (#"tonumber(1)"#, "1"),
        (#"tonumber("1")"#, "1"),
        (#"tonumber("2.5")"#, "2.5"),
        ("tonumber(null)", "null"),
        (#"tonumber("no")"#, "error"),
        (#"tonumber("nan")"#, "error"),
        (#"tonumber("0x10")"#, "error"),
        ("tobool(true)", "true"),
        (#"tobool("false")"#, "false"),
        ("tobool(null)", "null"),
        (#"tobool("no")"#, "error"),
        (#"tolist(["a", "b", "c"])"#, #"["a", "b", "c"]"#),
        (#"toset(["a", "b", "c"])"#, #"["a", "b", "c"]"#),
        (#"toset(["c", "b", "b"])"#, #"["b", "c"]"#),
        ("toset([3, 1, 2, 1])", "[1, 2, 3]"),
        (#"tomap({"a" = 1, "b" = 2})"#, "{a = 1, b = 2}"),
        // Collections.
        (#"concat(["a", ""], ["b", "c"])"#, #"["a", "", "b", "c"]"#),
        (#"concat("a")"#, "error"),
        (#"flatten([["a", "b"], [], ["c"]])"#, #"["a", "b", "c"]"#),
        (#"flatten([[["a", "b"], []], ["c"]])"#, #"["a", "b", "c"]"#),
        (#"distinct(["a", "b", "a", "c", "d", "b"])"#, #"["a", "b", "c", "d"]"#),
        (#"compact(["a", "", "b", null, "c"])"#, #"["a", "b", "c"]"#),
        ("length([])", "0"),
        (#"length(["a", "b"])"#, "2"),
        (#"length({"a" = "b"})"#, "1"),
        (#"length("hello")"#, "5"),
        (#"length("👾🕹️")"#, "2"),
        (#"element(["a", "b", "c"], 1)"#, #""b""#),
        (#"element(["a", "b", "c"], 3)"#, #""a""#),
        (#"element(["a", "b", "c"], -1)"#, #""c""#),
        (#"element(["a", "b", "c"], -4)"#, #""c""#),
        ("element([], 0)", "error"),
        (#"element(["a"], 0.5)"#, "error"),
        (#"contains(["a", "b", "c"], "a")"#, "true"),
        (#"contains(["a", "b", "c"], "d")"#, "false"),
        (#"keys({a = 1, c = 2, d = 3})"#, #"["a", "c", "d"]"#),
        (#"keys({d = 1, a = 2})"#, #"["a", "d"]"#),
        (#"values({a = 3, c = 2, d = 1})"#, "[3, 2, 1]"),
        (#"values({d = 1, a = 2})"#, "[2, 1]"),
        (#"merge({a = "b", c = "d"}, {e = "f", c = "z"})"#, #"{a = "b", c = "z", e = "f"}"#),
        (#"merge({a = "b"}, null, {b = "c"})"#, #"{a = "b", b = "c"}"#),
        (#"merge({a = "b"}, ["c"])"#, "error"),
        (#"lookup({a = "ay", b = "bee"}, "a", "what?")"#, #""ay""#),
        (#"lookup({a = "ay", b = "bee"}, "c", "what?")"#, #""what?""#),
        (#"lookup({a = "ay"}, "c")"#, "error"),
        (#"coalesce("a", "b")"#, #""a""#),
        (#"coalesce("", "b")"#, #""b""#),
        ("coalesce(1, 2)", "1"),
        (#"coalesce(null, "")"#, "error"),
        ("range(3)", "[0, 1, 2]"),
        ("range(1, 4)", "[1, 2, 3]"),
        ("range(1, 8, 2)", "[1, 3, 5, 7]"),
        ("range(1, 4, 0.5)", "[1, 1.5, 2, 2.5, 3, 3.5]"),
        ("range(4, 1)", "[4, 3, 2]"),
        ("range(10, 5, -2)", "[10, 8, 6]"),
        ("range(1, 4, -1)", "[]"),
        ("range(0)", "[]"),
        // Numbers.
        ("min(12, 54, 3)", "3"),
        ("max(12, 54, 3)", "54"),
        ("max([12, 54, 3]...)", "54"),
        ("abs(23)", "23"),
        ("abs(0)", "0"),
        ("abs(-12.4)", "12.4"),
        ("pow(3, 2)", "9"),
        ("pow(4, 0)", "1"),
        // Networking (IPv4; IPv6 is not evaluated).
        (#"cidrsubnet("172.16.0.0/12", 4, 2)"#, #""172.18.0.0/16""#),
        (#"cidrsubnet("10.1.2.0/24", 4, 15)"#, #""10.1.2.240/28""#),
        (#"cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)"#, "unknown"),
        // Functions Parapet does not evaluate stay unknown, never a guess.
        (#"jsonencode({a = 1})"#, "unknown"),
        (#"timestamp()"#, "unknown"),
        (#"provider::aws::arn_parse("x")"#, "unknown"),
    ]

    @Test(arguments: documented)
    func documentedResult(_ expression: String, _ expected: String) {
        #expect(rendered(evaluate(expression)) == expected, "\(expression)")
    }

    @Test func tryFallsPastErrorsButNotPastUnknowns() {
        #expect(rendered(evaluate(#"try(tonumber("x"), 0)"#)) == "0")
        #expect(rendered(evaluate(#"try(element([], 0), lookup({}, "k"), "last")"#)) == #""last""#)
        #expect(rendered(evaluate(#"try(var.undeclared, "fallback")"#)) == "unknown")
        #expect(rendered(evaluate(#"try(tonumber("x"), tobool("y"))"#)) == "error")
    }

    @Test func canIsFalseOnlyForErrors() {
        #expect(rendered(evaluate(#"can(tonumber("x"))"#)) == "false")
        #expect(rendered(evaluate(#"can(tonumber("1"))"#)) == "true")
        #expect(rendered(evaluate("can(aws_instance.web.id)")) == "unknown")
    }

    @Test func anUnknownArgumentMakesTheResultUnknownWithItsReason() {
        let value = evaluate("upper(var.name)", module: #"variable "name" {}"#)
        #expect(reason(value) == "a function argument is not known")
        #expect(rendered(evaluate(#"join(",", ["a", var.name])"#, module: #"variable "name" {}"#)) == "unknown")
    }

    @Test func expandedFinalArgumentMustBeAKnownList() {
        #expect(rendered(evaluate("min([3, 1]...)")) == "1")
        #expect(reason(evaluate("min(var.x...)", module: #"variable "x" {}"#)) == "expanded argument is not a known list")
    }

    /// Terraform's own bound on `range`: 1024 numbers are fine, the 1025th is an error.
    @Test func rangeStopsAtTerraformsBound() {
        #expect(rendered(evaluate("length(range(1024))")) == "1024")
        #expect(rendered(evaluate("length(range(0, 512, 0.5))")) == "1024")
        #expect(rendered(evaluate("range(1025)")) == "error")
        #expect(reason(evaluate("range(-1, 1024)")) == "`range` would produce more than 1024 numbers")
    }

    /// Crashed the whole scan before: a negative index took `%` below zero, an index beyond
    /// `Int` trapped in the conversion.
    @Test(arguments: [
        ("element([1, 2], -1)", "2"),
        ("element([1, 2], 10000000000000000000)", "error"),
        ("element([1, 2], -10000000000000000000)", "error"),
        ("element([1, 2], pow(10, 200) * pow(10, 200))", "error"),
        ("element([1, 2], 0/0)", "error"),
        (#"cidrsubnet("10.0.0.0/8", 10000000000000000000, 1)"#, "unknown"),
        (#"cidrsubnet("10.0.0.0/9223372036854775807", 1, 1)"#, "unknown"),
        (#"cidrsubnet("10.0.0.0/-8", 1, 1)"#, "unknown"),
        (#"cidrsubnet("10.0.0.0/8", -1, 1)"#, "unknown"),
        (#"cidrsubnet("10.0.0.0/8", 24, -1)"#, "unknown"),
        (#"cidrsubnet("10.0.x.0.0/8", 8, 1)"#, "unknown"),
        ("pow(10, 400)", "unknown"),
        ("min()", "unknown"),
        ("range(0, 1, 0)", "error"),
        ("range(pow(10, 200) * pow(10, 200))", "error"),
        ("range(0/0)", "error"),
    ])
    func hostileArgumentsNeverTrap(_ expression: String, _ expected: String) {
        #expect(rendered(evaluate(expression)) == expected, "\(expression)")
    }
}
