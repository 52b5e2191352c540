import ParapetCore
import ParapetGraph

struct AISpendWithoutBudgetRule: Rule {
    static let metadata = RuleMetadata(
        code: "BUD321", name: "ai-spend-without-budget", family: .budget, defaultSeverity: .warning,
        summary: "Finds Terraform configurations that provision model use with no budget for that cloud.",
        rationale: """
            Hosted models bill per token or per provisioned unit, and an agent that loops spends \
            without anyone noticing until the invoice. A budget with an alert is the one control \
            that sees the whole account. The rule looks across a configuration (the root module \
            and the modules it calls): Bedrock agents, knowledge bases and model resources need an \
            `aws_budgets_budget`, Azure OpenAI deployments an `azurerm_consumption_budget_*`, \
            Vertex AI endpoints a `google_billing_budget`. It reports once per configuration and \
            cloud, at the first model resource, with the others as related locations.
            """,
        remediation: "Add a budget with an alert threshold for the account, subscription or billing account that pays for the models.",
        examples: [
            .triggering("""
                ↓resource "azurerm_cognitive_deployment" "gpt" {
                  name                 = "gpt-4o"
                  cognitive_account_id = "/subscriptions/0/resourceGroups/ai/providers/Microsoft.CognitiveServices/accounts/ai"

                  model {
                    format  = "OpenAI"
                    name    = "gpt-4o"
                    version = "2024-11-20"
                  }

                  sku {
                    name = "Standard"
                  }
                }
                """, fileName: "main.tf"),
            .passing("""
                resource "aws_bedrockagent_agent" "support" {
                  agent_name              = "support"
                  agent_resource_role_arn = "arn:aws:iam::123456789012:role/agent"
                  foundation_model        = "anthropic.claude-3-5-sonnet-20241022-v2:0"
                }

                resource "aws_budgets_budget" "ai" {
                  name         = "bedrock"
                  budget_type  = "COST"
                  limit_amount = "500"
                  limit_unit   = "USD"
                  time_unit    = "MONTHLY"
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for configuration in TerraformConfigurations(context.graph).groups {
            let live = configuration.nodes.filter(context.graph.mayExist)
            for cloud in ModelUse.Cloud.allCases where !live.contains(where: { cloud.isBudget($0.type) }) {
                let uses = live.filter { ModelUse.cloud(of: $0.type) == cloud }.inSourceOrder
                guard let first = uses.first else { continue }
                let related = uses.dropFirst().map {
                    RelatedLocation(range: $0.headerRange, message: "`\($0.displayAddress)` also provisions model use")
                }
                findings.append(finding("Model use with no `\(cloud.budget)` in this configuration", at: first.headerRange,
                                        node: first, path: "budget", related: related))
            }
        }
        return findings
    }
}
