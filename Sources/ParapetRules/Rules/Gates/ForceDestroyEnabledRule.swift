import ParapetCore
import ParapetGraph

struct ForceDestroyEnabledRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE403", name: "force-destroy-enabled", family: .gate, defaultSeverity: .warning,
        summary: "Finds buckets, vaults and registries that Terraform may destroy together with everything they hold.",
        rationale: """
            A bucket that is not empty cannot be deleted, which is a gate: someone has to empty it \
            on purpose first. `force_destroy = true` removes that gate, so `terraform destroy`, a \
            renamed resource or a replaced module deletes every object (or recovery point, image, \
            record) with it, with no undo. The value is read after evaluation, so a module input \
            or a variable default that turns it on is found, and the finding shows where it came from.
            """,
        remediation: "Remove `force_destroy` (or set it to false) and empty the resource deliberately when it must go.",
        examples: [
            .triggering("""
                resource "aws_s3_bucket" "audit_logs" {
                  bucket        = "acme-audit-logs"
                  force_destroy = ↓true
                }

                variable "purge_on_destroy" {
                  default = true
                }

                resource "google_storage_bucket" "models" {
                  name          = "acme-models"
                  location      = "EU"
                  force_destroy = ↓var.purge_on_destroy
                }
                """, fileName: "main.tf"),
            .passing("""
                resource "aws_s3_bucket" "audit_logs" {
                  bucket = "acme-audit-logs"
                }

                variable "purge_on_destroy" {
                  type = bool
                }

                resource "google_storage_bucket" "scratch" {
                  name          = "acme-scratch"
                  location      = "EU"
                  force_destroy = var.purge_on_destroy
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for resource in StatefulResource.all(in: context.graph) {
            guard let attribute = resource.type.forceDestroy, let value = resource.setting(attribute),
                  value.bool == true else { continue }
            let node = resource.node
            findings.append(finding("Destroying `\(node.addressInModule)` deletes its contents (`\(attribute) = true`)",
                                    at: value.range, node: node, path: attribute, related: value.evidence.unique))
        }
        return findings
    }
}
