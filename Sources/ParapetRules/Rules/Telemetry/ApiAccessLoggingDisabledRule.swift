import ParapetCore
import ParapetGraph

struct ApiAccessLoggingDisabledRule: Rule {
    static let metadata = RuleMetadata(
        code: "TEL121", name: "api-access-logging-disabled", family: .telemetry, defaultSeverity: .warning,
        summary: "Finds API Gateway stages (REST, HTTP and WebSocket) without access logs.",
        rationale: """
            Access logs are the only record of who called an API, from where and with what result. \
            A stage in front of an agent or a model endpoint without them cannot answer what \
            happened after an abuse or a runaway client. Execution logging (`method_settings`) does \
            not replace them.
            """,
        remediation: "Add an `access_log_settings` block with a CloudWatch Logs or Firehose `destination_arn` to the stage.",
        examples: [
            .triggering("""
                ↓resource "aws_api_gateway_stage" "prod" {
                  stage_name    = "prod"
                  rest_api_id   = "a1b2c3d4e5"
                  deployment_id = "abc123"
                }
                """, fileName: "main.tf"),
            .passing("""
                resource "aws_apigatewayv2_stage" "prod" {
                  api_id      = "a1b2c3d4e5"
                  name        = "prod"
                  auto_deploy = true

                  access_log_settings {
                    destination_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:api-access"
                    format          = "$context.requestId $context.status"
                  }
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let stageTypes: Set<String> = ["aws_api_gateway_stage", "aws_apigatewayv2_stage"]
        return context.graph.nodes(.resource)
            .filter { stageTypes.contains($0.type) && context.graph.mayExist($0) && ($0.attributes["access_log_settings"]?.elements ?? []).isEmpty }
            .map { finding("Stage has no `access_log_settings`", at: $0.headerRange, node: $0, path: "access_log_settings") }
    }
}
