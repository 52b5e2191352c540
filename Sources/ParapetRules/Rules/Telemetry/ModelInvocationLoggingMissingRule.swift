import ParapetCore
import ParapetFacts
import ParapetGraph

struct ModelInvocationLoggingMissingRule: Rule {
    static let metadata = RuleMetadata(
        code: "TEL103", name: "model-invocation-logging-missing", family: .telemetry, defaultSeverity: .warning,
        summary: "Finds Terraform configurations that use Bedrock without invocation logging, and Azure OpenAI accounts without diagnostic settings.",
        rationale: """
            Model invocation logs are the record of what an agent asked a model and what it got \
            back: the evidence for a prompt injection, a data leak or a runaway bill. Bedrock logs \
            nothing until an `aws_bedrock_model_invocation_logging_configuration` exists; the rule \
            looks for one anywhere in the configuration (the root module and the modules it calls), \
            and reports once per configuration. An Azure OpenAI account logs requests only through \
            a diagnostic setting that targets it; one whose target Parapet cannot resolve counts.
            """,
        remediation: "Add `aws_bedrock_model_invocation_logging_configuration`, or an `azurerm_monitor_diagnostic_setting` targeting the account.",
        examples: [
            .triggering("""
                ↓resource "aws_bedrockagent_agent" "support" {
                  agent_name              = "support"
                  agent_resource_role_arn = "arn:aws:iam::123456789012:role/agent"
                  foundation_model        = "anthropic.claude-3-5-sonnet-20241022-v2:0"
                }

                resource "aws_bedrockagent_knowledge_base" "docs" {
                  name     = "docs"
                  role_arn = "arn:aws:iam::123456789012:role/kb"
                }

                ↓resource "azurerm_cognitive_account" "openai" {
                  name                = "agents-openai"
                  location            = "westeurope"
                  resource_group_name = "agents"
                  kind                = "OpenAI"
                  sku_name            = "S0"
                }
                """, fileName: "main.tf"),
            .passing("""
                resource "aws_bedrockagent_agent" "support" {
                  agent_name              = "support"
                  agent_resource_role_arn = "arn:aws:iam::123456789012:role/agent"
                  foundation_model        = "anthropic.claude-3-5-sonnet-20241022-v2:0"
                }

                resource "aws_bedrock_model_invocation_logging_configuration" "this" {
                  logging_config {
                    text_data_delivery_enabled = true
                    cloudwatch_config {
                      log_group_name = "/bedrock/invocations"
                      role_arn       = "arn:aws:iam::123456789012:role/bedrock-logs"
                    }
                  }
                }

                resource "azurerm_cognitive_account" "openai" {
                  name                = "agents-openai"
                  location            = "westeurope"
                  resource_group_name = "agents"
                  kind                = "OpenAI"
                  sku_name            = "S0"
                }

                resource "azurerm_monitor_diagnostic_setting" "openai" {
                  name                       = "openai-audit"
                  target_resource_id         = azurerm_cognitive_account.openai.id
                  log_analytics_workspace_id = "/subscriptions/0/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/ops"
                  enabled_log {
                    category = "RequestResponse"
                  }
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for configuration in TerraformConfigurations(context.graph).groups {
            let live = configuration.nodes.filter(context.graph.mayExist)
            findings += bedrock(live, context)
            for account in live where account.type == "azurerm_cognitive_account" {
                guard let kind = account.attributes["kind"]?.string, ["openai", "aiservices"].contains(kind.lowercased()),
                      case .none = Coverage.of(account, by: "azurerm_monitor_diagnostic_setting", through: "target_resource_id",
                                               in: context.graph, configuration: configuration.nodes, references: context.facts.references) else { continue }
                findings.append(finding("Account of kind `\(kind)` has no diagnostic setting for requests",
                                        at: account.headerRange, node: account, path: "diagnostic_setting"))
            }
        }
        return findings
    }
}

private extension ModelInvocationLoggingMissingRule {
    /// One finding per configuration, at its first Bedrock resource; the others are related.
    func bedrock(_ nodes: [GraphNode], _ context: RuleContext) -> [Finding] {
        let uses = nodes.filter { ModelUse.bedrockTypes.contains($0.type) }.inSourceOrder
        guard let first = uses.first,
              !nodes.contains(where: { $0.type == "aws_bedrock_model_invocation_logging_configuration" }) else { return [] }
        let related = uses.dropFirst().map {
            RelatedLocation(range: $0.headerRange, message: "`\($0.displayAddress)` also uses Bedrock models")
        }
        return [finding("No `aws_bedrock_model_invocation_logging_configuration` for Bedrock use",
                        at: first.headerRange, node: first, path: "invocation_logging", related: related)]
    }
}
