import ParapetCore
import ParapetGraph

struct PlanDestroysStatefulResourceRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE405", name: "plan-destroys-stateful-resource", family: .gate, defaultSeverity: .error,
        summary: "Finds Terraform plans that delete or replace a stateful resource.",
        rationale: """
            A plan that destroys or replaces a database, bucket or cluster loses its data when it \
            is applied, and a replacement is easy to miss among hundreds of planned changes: one \
            renamed argument can force it. The finding is the gate: CI stops until a human has \
            read the change and approved it. When the plan's resource is in the scanned HCL, the \
            finding also points at its declaration.
            """,
        remediation: "Have a person review and approve the plan, or change the configuration so that the resource is updated in place.",
        examples: [
            .triggering("""
                {
                  "format_version": "1.2",
                  "terraform_version": "1.9.5",
                  "resource_changes": [
                    {
                      "address": "aws_db_instance.orders",
                      "mode": "managed",
                      "type": "aws_db_instance",
                      "name": "orders",
                      "change": {
                        "actions": ↓["delete", "create"],
                        "before": {"engine": "postgres", "identifier": "orders"},
                        "after": {"engine": "postgres", "identifier": "orders-v2"}
                      }
                    }
                  ]
                }
                """, fileName: "plan.json", companions: ["main.tf": """
                resource "aws_db_instance" "orders" {
                  engine     = "postgres"
                  identifier = "orders-v2"
                }
                """]),
            .passing("""
                {
                  "format_version": "1.2",
                  "terraform_version": "1.9.5",
                  "resource_changes": [
                    {
                      "address": "aws_db_instance.orders",
                      "mode": "managed",
                      "type": "aws_db_instance",
                      "name": "orders",
                      "change": {
                        "actions": ["update"],
                        "before": {"engine": "postgres", "instance_class": "db.t4g.small"},
                        "after": {"engine": "postgres", "instance_class": "db.t4g.medium"}
                      }
                    }
                  ]
                }
                """, fileName: "plan.json"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let stateful = RuleData.builtIn.statefulTypes
        var findings: [Finding] = []
        for change in context.graph.nodes(.planChange) where stateful[change.type] != nil {
            guard let actions = change.attributes["actions"], actions.strings.contains("delete") else { continue }
            let address = change.attributes["address"]?.string ?? change.address.local
            let verb = actions.strings.contains("create") ? "replaces" : "destroys"
            let declarations = context.graph.edges(from: change.id, label: .plans).map { edge in
                let resource = context.graph[edge.to]
                return RelatedLocation(range: resource.headerRange, message: "`\(resource.displayAddress)` is declared here")
            }
            findings.append(finding("Plan \(verb) stateful `\(address)`", at: actions.range, node: change, path: "actions",
                                    related: declarations))
        }
        return findings
    }
}
