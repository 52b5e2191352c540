import ParapetCore
import ParapetSyntax
import Testing
@testable import ParapetGraph

/// Every evaluation bound in `ScanLimits`, just under and just over it: under, the value is
/// computed; over, it is unknown and the reason names the bound. Nothing traps or runs away.
@Suite struct EvaluationLimitTests {
    private func limits(_ change: (inout ScanLimits) -> Void) -> ScanLimits {
        var limits = ScanLimits()
        change(&limits)
        return limits
    }

    @Test func evaluationSteps() {
        let expression = "[for x in range(20): [for y in range(20): x * y]]"
        let (value, steps) = evaluateWithBudget(expression)
        #expect(!value.isUnknown)
        #expect(!evaluate(expression, limits: limits { $0.maxEvaluationSteps = steps }).isUnknown)
        let over = evaluate(expression, limits: limits { $0.maxEvaluationSteps = steps - 1 })
        #expect(reason(over) == "value is beyond Parapet's `evaluation-steps` limit of \(steps - 1)")
    }

    @Test func valueElements() {
        // A list of n numbers is n + 1 elements.
        let bound = limits { $0.maxValueElements = 11 }
        #expect(rendered(evaluate("[for i in range(10): i]", limits: bound)) == "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]")
        #expect(reason(evaluate("[for i in range(11): i]", limits: bound)) == "value is beyond Parapet's `value-elements` limit of 11")
        #expect(reason(evaluate("flatten([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]])", limits: bound))?.contains("value-elements") == true)
    }

    @Test(arguments: [
        (#""${"abcd"}${"efgh"}""#, #""${"abcd"}${"efghi"}""#),
        (#"join("", ["abcd", "efgh"])"#, #"join("", ["abcd", "efghi"])"#),
        (#"join("--", ["abc", "def"])"#, #"join("--", ["abc", "defg"])"#),
        (#"format("%s%s", "abcd", "efgh")"#, #"format("%s%s", "abcd", "efghi")"#),
        (#"replace("aaaa", "a", "bb")"#, #"replace("aaaaa", "a", "bb")"#),
        (#""%{for s in ["abcd", "efgh"]}${s}%{endfor}""#, #""%{for s in ["abcd", "efghi"]}${s}%{endfor}""#),
        (#"[for s in ["abcd", "efgh"]: s]"#, #"[for s in ["abcd", "efghi"]: s]"#),
    ])
    func stringBytes(_ under: String, _ over: String) {
        let bound = limits { $0.maxStringBytes = 8 }
        #expect(!evaluate(under, limits: bound).isUnknown, "\(under)")
        #expect(reason(evaluate(over, limits: bound)) == "value is beyond Parapet's `string-bytes` limit of 8", "\(over)")
    }

    @Test func evaluationDepth() {
        // Each parenthesis is one level of evaluation inside the local's own.
        let bound = limits { $0.maxEvaluationDepth = 5 }
        #expect(rendered(evaluate("((((1))))", limits: bound)) == "1")
        #expect(reason(evaluate("(((((1)))))", limits: bound)) == "value is beyond Parapet's `evaluation-depth` limit of 5")
    }

    @Test func valueNesting() {
        // Locals evaluated one after another nest a value deeper than any one expression does.
        let module = "locals {\n  l0 = 1\n" + (1...5).map { "  l\($0) = [local.l\($0 - 1)]\n" }.joined() + "}\n"
        let bound = limits { $0.maxDepth = 4 }
        #expect(rendered(evaluate("[local.l3]", module: module, limits: bound)) == "[[[[1]]]]")
        #expect(reason(evaluate("[local.l4]", module: module, limits: bound)) == "value is beyond Parapet's `nesting-depth` limit of 4")
    }

    /// Crashed with a stack overflow before: each local in the chain evaluated the next one
    /// inside its own evaluation, a few frames per link, on a worker thread's stack.
    @Test func aLongChainOfLocalsIsUnknownNotAStackOverflow() {
        var text = "locals {\n"
        for i in 0..<1_000 { text += "  l\(i) = local.l\(i + 1) + 1\n" }
        text += "  l1000 = 1\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = local.l0\n}\n"
        let graph = GraphBuilder.build([Loader().load(SourceFile(path: "main.tf", text: text), as: .terraform)])
        let bucket = graph.nodes(.resource).first { $0.type == "aws_s3_bucket" }
        #expect(reason(bucket?.attributes["bucket"] ?? Value(.null, range: .fileStart("main.tf")))?.contains("evaluation-depth") == true)
        // A chain well within the bound is still evaluated.
        #expect(rendered(evaluate("local.l0", module: "locals {\n" + (0..<50).map { "  l\($0) = local.l\($0 + 1) + 1\n" }.joined() + "  l50 = 1\n}\n")) == "51")
    }

    /// Each level doubles the list: 2^40 strings if nothing stopped it.
    @Test func doublingThroughLocalsIsBounded() {
        var module = "locals {\n  l0 = [\"x\"]\n"
        for i in 1...40 { module += "  l\(i) = concat(local.l\(i - 1), local.l\(i - 1))\n" }
        module += "}\n"
        let value = evaluate("length(local.l40)", module: module)
        #expect(reason(value) == "value is beyond Parapet's `value-elements` limit of 100000")
        #expect(rendered(evaluate("length(local.l10)", module: module)) == "1024")
    }

    @Test func evidenceKeepsEachLocationOnceUpToTheBound() {
        let module = """
            variable "a" {
              default = 1
            }
            variable "b" {
              default = 2
            }
            """
        // The local that holds the probe adds itself last.
        #expect(evaluate("var.a + var.a + var.b", module: module).evidence.map(\.message).dropLast() == ["default of `var.a`", "default of `var.b`"])
        let bound = limits { $0.maxEvidence = 1 }
        #expect(evaluate("var.a + var.b", module: module, limits: bound).evidence.map(\.message).dropLast() == ["default of `var.a`"])
    }

    @Test func nestedLoopsAreBoundedBySteps() {
        let expression = "length([for a in range(1000): [for b in range(1000): [for c in range(1000): a + b + c]]])"
        let value = evaluate(expression, limits: limits { $0.maxEvaluationSteps = 100_000 })
        #expect(reason(value) == "value is beyond Parapet's `evaluation-steps` limit of 100000")
    }

    @Test func theDefaultsAreTheDocumentedOnes() {
        let defaults = ScanLimits()
        #expect(defaults.maxEvaluationSteps == 5_000_000)
        #expect(defaults.maxValueElements == 100_000)
        #expect(defaults.maxStringBytes == 1 << 20)
        #expect(defaults.maxEvaluationDepth == 200)
        #expect(defaults.maxInstances == 1_000)
        #expect(defaults.maxEvidence == 16)
    }
}
