import ParapetCore
import ParapetFacts
import ParapetGraph

struct NetworkFlowLogsMissingRule: Rule {
    static let metadata = RuleMetadata(
        code: "TEL124", name: "network-flow-logs-missing", family: .telemetry, defaultSeverity: .warning,
        summary: "Finds AWS VPCs that no `aws_flow_log` in the same configuration names through `vpc_id`.",
        rationale: """
            Flow logs are the record of which addresses a workload talked to. Without them an \
            exfiltration through an open egress path leaves no trace in the network. The rule \
            follows references: a flow log whose `vpc_id` is `aws_vpc.main.id` covers `aws_vpc.main`, \
            also through locals, module arguments and module outputs. A flow log whose `vpc_id` \
            names nothing Parapet can resolve (a variable without a value, a data source) proves \
            nothing: the finding stays, and names that flow log.
            """,
        remediation: "Add an `aws_flow_log` with `vpc_id` set to the VPC and `traffic_type = \"ALL\"`.",
        examples: [
            .triggering("""
                ↓resource "aws_vpc" "agents" {
                  cidr_block = "10.20.0.0/16"
                }
                """, fileName: "main.tf"),
            .passing("""
                resource "aws_vpc" "agents" {
                  cidr_block = "10.20.0.0/16"
                }

                resource "aws_flow_log" "agents" {
                  vpc_id               = aws_vpc.agents.id
                  traffic_type         = "ALL"
                  log_destination_type = "s3"
                  log_destination      = "arn:aws:s3:::flow-logs"
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for configuration in TerraformConfigurations(context.graph).groups {
            for vpc in configuration.nodes where vpc.type == "aws_vpc" && context.graph.mayExist(vpc) {
                let coverage = Coverage.of(vpc, by: "aws_flow_log", through: "vpc_id", in: context.graph,
                                           configuration: configuration.nodes, references: context.facts.references)
                var related: [RelatedLocation] = []
                switch coverage {
                case .covered: continue
                case .unresolved(let logs):
                    related = logs.compactMap { log in
                        log.attributes["vpc_id"].map { RelatedLocation(range: $0.range, message: "`\(log.displayAddress)` has a `vpc_id` Parapet cannot resolve") }
                    }
                case .none: break
                }
                findings.append(finding("No `aws_flow_log` names this VPC through `vpc_id`", at: vpc.headerRange,
                                        node: vpc, path: "flow_log", related: related))
            }
        }
        return findings
    }
}
