import ParapetCore
import ParapetGraph

struct LogRetentionUnsetRule: Rule {
    static let metadata = RuleMetadata(
        code: "TEL123", name: "log-retention-unset", family: .telemetry, defaultSeverity: .note,
        summary: "Finds CloudWatch log groups that keep logs forever or for less than a configured minimum.",
        rationale: """
            A log group without `retention_in_days` (or with `0`) never expires: agent transcripts \
            and tool output accumulate, cost grows without bound, and data kept past its purpose is \
            a liability. Too short a retention loses the audit trail; set the rule option \
            `minimum-days` (default `0`: only never-expiring groups are flagged). A value not known \
            before apply is not flagged.
            """,
        remediation: "Set `retention_in_days` to the period the logs are needed for, at least the configured minimum.",
        examples: [
            .triggering("""
                ↓resource "aws_cloudwatch_log_group" "agent" {
                  name = "/agents/support"
                }

                resource "aws_cloudwatch_log_group" "tools" {
                  name              = "/agents/tools"
                  retention_in_days = ↓0
                }
                """, fileName: "main.tf"),
            .passing("""
                variable "log_retention_days" {
                  type    = number
                  default = 90
                }

                resource "aws_cloudwatch_log_group" "agent" {
                  name              = "/agents/support"
                  retention_in_days = var.log_retention_days
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let configured = context.options[Self.metadata.code]?["minimum-days"]
        let minimum = configured?.number ?? 0
        var findings: [Finding] = []
        for group in context.graph.nodes(.resource) where group.type == "aws_cloudwatch_log_group" && context.graph.mayExist(group) {
            guard let retention = group.attributes["retention_in_days"] else {
                findings.append(finding("Log group has no `retention_in_days`: logs never expire", at: context.declarationRange(of: group),
                                        node: group, path: "retention_in_days"))
                continue
            }
            let days = retention.isNull ? 0 : retention.number
            guard let days else { continue }
            let related = retention.provenance(outside: group, what: "`\(retention.display)`").unique
            if days == 0 {
                findings.append(finding("Retention `\(retention.display)` keeps logs forever", at: retention.range, node: group,
                                        path: "retention_in_days", related: related))
            } else if days < minimum {
                findings.append(finding("Retention `\(retention.display)` days is below the minimum of \(configured?.display ?? "0") days",
                                        at: retention.range, node: group, path: "retention_in_days", related: related))
            }
        }
        return findings
    }
}
