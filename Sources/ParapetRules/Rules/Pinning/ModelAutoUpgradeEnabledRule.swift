import ParapetCore
import ParapetGraph

struct ModelAutoUpgradeEnabledRule: Rule {
    static let metadata = RuleMetadata(
        code: "PIN502", name: "model-auto-upgrade-enabled", family: .pinning, defaultSeverity: .warning,
        summary: "Finds Azure OpenAI deployments that upgrade their model version by themselves or name no version.",
        rationale: """
            An `azurerm_cognitive_deployment` upgrades its model whenever Azure publishes a new \
            default version unless `version_upgrade_option` is `NoAutoUpgrade`; the default, \
            `OnceNewDefaultVersionAvailable`, and `OnceCurrentVersionExpired` both swap the model \
            under a running application with no change in review. A `model` block without \
            `version` takes whatever version is the default on the day it is created.
            """,
        remediation: "Set `version_upgrade_option = \"NoAutoUpgrade\"` and `version` in the `model` block, and upgrade in a reviewed change.",
        examples: [
            .triggering("""
                ↓resource "azurerm_cognitive_deployment" "chat" {
                  name                 = "chat"
                  cognitive_account_id = azurerm_cognitive_account.openai.id
                  ↓model {
                    format = "OpenAI"
                    name   = "gpt-4o"
                  }
                  sku {
                    name = "Standard"
                  }
                }
                """, fileName: "main.tf"),
            .triggering("""
                resource "azurerm_cognitive_deployment" "chat" {
                  name                   = "chat"
                  cognitive_account_id   = azurerm_cognitive_account.openai.id
                  version_upgrade_option = ↓"OnceCurrentVersionExpired"
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
                resource "azurerm_cognitive_deployment" "chat" {
                  name                   = "chat"
                  cognitive_account_id   = azurerm_cognitive_account.openai.id
                  version_upgrade_option = "NoAutoUpgrade"
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
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for node in context.graph.nodes(ofType: "azurerm_cognitive_deployment") where node.kind == .resource && context.graph.mayExist(node) {
            let name = node.addressInModule.split(separator: ".").dropFirst().joined(separator: ".")
            if let option = node.attributes["version_upgrade_option"], !option.isNull {
                if let text = option.string, text != "NoAutoUpgrade" {
                    findings.append(finding("Upgrade option `\(text)` lets Azure swap the model version",
                                            at: option.range, node: node, path: "version_upgrade_option",
                                            related: option.evidence.unique))
                }
            } else {
                findings.append(finding("Deployment `\(name)` upgrades its model by default (no `version_upgrade_option`)",
                                        at: node.headerRange, node: node, path: "version_upgrade_option"))
            }
            for model in node.attributes["model"]?.elements ?? [] where model.members != nil {
                let version = model["version"]
                guard version == nil || version?.isNull == true else { continue }
                let modelName = model["name"]?.string.map { "`\($0)`" } ?? "of `\(name)`"
                findings.append(finding("Model \(modelName) has no `version`, so it takes the default",
                                        at: model.range, node: node, path: "model.version"))
            }
        }
        return findings
    }
}
