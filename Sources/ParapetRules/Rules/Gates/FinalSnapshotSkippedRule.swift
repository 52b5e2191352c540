import ParapetCore
import ParapetGraph

struct FinalSnapshotSkippedRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE404", name: "final-snapshot-skipped", family: .gate, defaultSeverity: .warning,
        summary: "Finds databases that are destroyed without taking a final snapshot.",
        rationale: """
            When a database is destroyed, its final snapshot is the last copy of its data that \
            outlives it; automated backups are deleted with the instance. `skip_final_snapshot = \
            true` turns that copy off, so a destroy or a forced replacement loses the data for \
            good. The value is read after evaluation (variables, tfvars, module inputs).
            """,
        remediation: "Set `skip_final_snapshot = false` and give a `final_snapshot_identifier`.",
        examples: [
            .triggering("""
                resource "aws_db_instance" "orders" {
                  engine              = "postgres"
                  instance_class      = "db.t4g.medium"
                  skip_final_snapshot = ↓true
                }
                """, fileName: "main.tf"),
            .passing("""
                resource "aws_db_instance" "orders" {
                  engine                    = "postgres"
                  instance_class            = "db.t4g.medium"
                  skip_final_snapshot       = false
                  final_snapshot_identifier = "orders-final"
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for resource in StatefulResource.all(in: context.graph) {
            guard let attribute = resource.type.skipFinalSnapshot, let value = resource.setting(attribute),
                  value.bool == true else { continue }
            let node = resource.node
            findings.append(finding("Destroying `\(node.addressInModule)` skips the final snapshot (`\(attribute) = true`)",
                                    at: value.range, node: node, path: attribute, related: value.evidence.unique))
        }
        return findings
    }
}
