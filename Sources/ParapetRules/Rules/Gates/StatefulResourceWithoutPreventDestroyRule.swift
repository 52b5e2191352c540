import ParapetCore
import ParapetGraph

struct StatefulResourceWithoutPreventDestroyRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE402", name: "stateful-resource-without-prevent-destroy", family: .gate, defaultSeverity: .note,
        summary: "Finds stateful resources without `lifecycle { prevent_destroy = true }`.",
        rationale: """
            `prevent_destroy` makes Terraform refuse any plan that would destroy the resource, \
            including a replacement forced by a changed argument, which deletion protection in the \
            cloud API does not stop until apply fails halfway. It is the one guard that holds at \
            plan time, before anything is touched, for resources whose loss loses data.
            """,
        remediation: "Add `lifecycle { prevent_destroy = true }` to the resource and remove it in a reviewed change when the resource must go.",
        examples: [
            .triggering("""
                ↓resource "aws_rds_cluster" "ledger" {
                  engine = "aurora-postgresql"
                }

                resource "aws_s3_bucket" "invoices" {
                  bucket = "acme-invoices"
                  lifecycle {
                    prevent_destroy = ↓false
                  }
                }
                """, fileName: "main.tf"),
            .passing("""
                resource "aws_rds_cluster" "ledger" {
                  engine = "aurora-postgresql"
                  lifecycle {
                    prevent_destroy = true
                  }
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for resource in StatefulResource.all(in: context.graph) {
            let node = resource.node
            guard let flag = node.attributes.at("lifecycle.prevent_destroy"), !flag.isNull else {
                findings.append(finding("Stateful `\(node.addressInModule)` has no `prevent_destroy`",
                                        at: node.headerRange, node: node, path: "lifecycle.prevent_destroy"))
                continue
            }
            if flag.bool == false {
                findings.append(finding("Lifecycle flag `prevent_destroy` is `false` on `\(node.addressInModule)`",
                                        at: flag.range, node: node, path: "lifecycle.prevent_destroy", related: flag.evidence.unique))
            }
        }
        return findings
    }
}
