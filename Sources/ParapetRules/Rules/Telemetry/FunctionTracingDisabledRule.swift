import ParapetCore
import ParapetGraph

struct FunctionTracingDisabledRule: Rule {
    static let metadata = RuleMetadata(
        code: "TEL120", name: "function-tracing-disabled", family: .telemetry, defaultSeverity: .note,
        summary: "Finds Lambda functions without `tracing_config { mode = \"Active\" }`.",
        rationale: """
            Without active X-Ray tracing a Lambda function that calls a model, a tool or another \
            service leaves no trace of where its time and its calls went. `PassThrough` is not \
            enough: it traces only requests an upstream service already sampled, so a function \
            invoked by a queue, a schedule or an agent is never traced (Trivy and KICS agree; \
            Checkov lets it pass).
            """,
        remediation: "Add `tracing_config { mode = \"Active\" }` to the function.",
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
                  function_name = "notify"
                  role          = "arn:aws:iam::123456789012:role/notify"
                  handler       = "notify.handler"
                  runtime       = "python3.12"
                  filename      = "notify.zip"

                  tracing_config {
                    mode = ↓"PassThrough"
                  }
                }
                """, fileName: "main.tf"),
            .passing("""
                resource "aws_lambda_function" "triage" {
                  function_name = "triage"
                  role          = "arn:aws:iam::123456789012:role/triage"
                  handler       = "triage.handler"
                  runtime       = "python3.12"
                  filename      = "triage.zip"

                  tracing_config {
                    mode = "Active"
                  }
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for function in context.graph.nodes(ofType: "aws_lambda_function") where function.kind == .resource && context.graph.mayExist(function) {
            guard let config = function.attributes["tracing_config"] else {
                findings.append(finding("Function has no `tracing_config` with mode `Active`", at: function.headerRange,
                                        node: function, path: "tracing_config"))
                continue
            }
            // A dynamic block over a value not known before apply may well set `Active`.
            guard let mode = config.at("mode"), let name = mode.string, name != "Active" else { continue }
            findings.append(finding("Tracing mode is `\(name)`, not `Active`", at: mode.range, node: function,
                                    path: "tracing_config.mode", related: mode.provenance(outside: function, what: "`\(name)`").unique))
        }
        return findings
    }
}
