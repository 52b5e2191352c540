import ParapetCore
import ParapetGraph

struct DeletionProtectionDisabledRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE401", name: "deletion-protection-disabled", family: .gate, defaultSeverity: .warning,
        summary: "Finds databases, clusters and load balancers whose deletion protection is off or left at an off default.",
        rationale: """
            Deletion protection makes the cloud API refuse to delete the resource until someone \
            turns it off in a separate, reviewable change. Without it, one `terraform destroy`, a \
            renamed resource or an agent with cloud credentials deletes a database and its data \
            in one step. Several providers default to off (`aws_db_instance`, `aws_rds_cluster`, \
            `aws_dynamodb_table`, `aws_lb`); the types and defaults are data in \
            `rules/data/stateful-resource-types.yaml`.
            """,
        remediation: "Set the type's deletion protection attribute to true (`deletion_protection = true` on databases).",
        examples: [
            .triggering("""
                ↓resource "aws_db_instance" "orders" {
                  engine         = "postgres"
                  instance_class = "db.t4g.medium"
                }

                resource "aws_dynamodb_table" "sessions" {
                  name                        = "sessions"
                  hash_key                    = "id"
                  deletion_protection_enabled = ↓false
                }
                """, fileName: "main.tf"),
            .passing("""
                resource "aws_db_instance" "orders" {
                  engine              = "postgres"
                  instance_class      = "db.t4g.medium"
                  deletion_protection = true
                }

                resource "google_sql_database_instance" "main" {
                  database_version = "POSTGRES_16"
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for resource in StatefulResource.all(in: context.graph) {
            guard let protection = resource.type.deletionProtection else { continue }
            let node = resource.node
            guard let value = resource.setting(protection.attribute) else {
                guard !protection.protectedByDefault else { continue }
                // Written as `null` (a variable defaulting to null): point there, with where it came from.
                let written = node.attributes[protection.attribute]
                let why = written == nil ? "no `\(protection.attribute)`" : "`\(protection.attribute)` is null"
                findings.append(finding("Deletion protection is off by default on `\(node.addressInModule)` (\(why))",
                                        at: written?.range ?? node.headerRange, node: node,
                                        path: protection.attribute, related: written?.evidence.unique ?? []))
                continue
            }
            if Self.isOff(value, protection) {
                findings.append(finding("Deletion protection is off on `\(node.addressInModule)` (`\(protection.attribute) = \(value.display)`)",
                                        at: value.range, node: node, path: protection.attribute, related: value.evidence.unique))
            }
        }
        return findings
    }

    /// Off when known to be off; an unknown value (a variable without a value) is not a finding.
    static func isOff(_ value: Value, _ protection: RuleData.DeletionProtection) -> Bool {
        if let enabled = protection.enabledValue {
            guard let text = value.string else { return false }
            return text != enabled
        }
        return value.bool == false
    }
}
