import ParapetCore
import ParapetGraph

struct LogRetentionUnsetRule: Rule {
    static let minimumDays = RuleOptionKey("minimum-days", default: 0,
                                           doc: "Also flag a retention shorter than this many days; `0` flags only logs kept forever.")

    static let metadata = RuleMetadata(
        code: "TEL123", name: "log-retention-unset", family: .telemetry, defaultSeverity: .note,
        summary: "Finds CloudWatch log groups that keep logs forever or for less than a configured minimum.",
        rationale: """
            A log group without `retention_in_days` (or with `0`) never expires: agent transcripts \
            and tool output accumulate, cost grows without bound, and data kept past its purpose is \
            a liability. Too short a retention loses the audit trail: the `minimum-days` option \
            flags that too. A value not known before apply is not flagged.
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
        ],
        options: [minimumDays.option])

    func check(_ context: RuleContext) -> [Finding] {
        let minimum = option(Self.minimumDays, in: context)
        var findings: [Finding] = []
        for group in context.graph.nodes(ofType: "aws_cloudwatch_log_group") where group.kind == .resource && context.graph.mayExist(group) {
            guard let retention = group.attributes["retention_in_days"] else {
                findings.append(finding("Log group has no `retention_in_days`: logs never expire", at: group.headerRange,
                                        node: group, path: "retention_in_days"))
                continue
            }
            let days = retention.isNull ? 0 : retention.number
            guard let days else { continue }
            let related = retention.provenance(outside: group, what: "`\(retention.display)`").unique
            if days == 0 {
                findings.append(finding("Retention `\(retention.display)` keeps logs forever", at: retention.range, node: group,
                                        path: "retention_in_days", related: related))
            } else if days < Double(minimum) {
                findings.append(finding("Retention `\(retention.display)` days is below the minimum of \(minimum) days",
                                        at: retention.range, node: group, path: "retention_in_days", related: related))
            }
        }
        return findings
    }
}
