import ParapetCore
import ParapetGraph

struct FunctionConcurrencyUnboundedRule: Rule {
    static let metadata = RuleMetadata(
        code: "BUD320", name: "function-concurrency-unbounded", family: .budget, defaultSeverity: .note,
        summary: "Finds Lambda functions without `reserved_concurrent_executions`, or with `-1`.",
        rationale: """
            A function without reserved concurrency scales until the account limit: an agent loop, \
            a retry storm or a flood of events runs thousands of copies, each paying for its model \
            and API calls, and starves every other function in the account. `-1` is the provider's \
            way of writing "no reservation". `0` is a cap (the function is paused) and passes.
            """,
        remediation: "Set `reserved_concurrent_executions` to the most copies the function should run at once.",
        examples: [
            .triggering("""
                ↓resource "aws_lambda_function" "triage" {
                  function_name = "triage"
                  role          = "arn:aws:iam::123456789012:role/triage"
                  handler       = "triage.handler"
                  runtime       = "python3.12"
                  filename      = "triage.zip"
                }

                resource "aws_lambda_function" "notify" {
                  function_name                  = "notify"
                  role                           = "arn:aws:iam::123456789012:role/notify"
                  handler                        = "notify.handler"
                  runtime                        = "python3.12"
                  filename                       = "notify.zip"
                  reserved_concurrent_executions = ↓-1
                }
                """, fileName: "main.tf"),
            .passing("""
                resource "aws_lambda_function" "triage" {
                  function_name                  = "triage"
                  role                           = "arn:aws:iam::123456789012:role/triage"
                  handler                        = "triage.handler"
                  runtime                        = "python3.12"
                  filename                       = "triage.zip"
                  reserved_concurrent_executions = 20
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for function in context.graph.nodes(ofType: "aws_lambda_function") where function.kind == .resource && context.graph.mayExist(function) {
            guard let reserved = function.attributes["reserved_concurrent_executions"], !reserved.isNull else {
                findings.append(finding("Function has no `reserved_concurrent_executions`", at: function.headerRange,
                                        node: function, path: "reserved_concurrent_executions"))
                continue
            }
            guard let count = reserved.number, count < 0 else { continue }
            findings.append(finding("Reserved concurrency `\(reserved.display)` leaves the function unbounded", at: reserved.range,
                                    node: function, path: "reserved_concurrent_executions",
                                    related: reserved.provenance(outside: function, what: "`\(reserved.display)`").unique))
        }
        return findings
    }
}
