import ParapetCore
import ParapetSyntax

/// `azurerm_cognitive_deployment` resources (Azure OpenAI and other Foundry model deployments):
/// one profile per resource, named by its address within its root module.
///
/// What it fills: the model (`model { format, name, version }`). A deployment with a `version`
/// is that model's snapshot, so the id is written the way the provider names snapshots,
/// `<name>-<version>` (`gpt-4o-2024-11-20`); without one Azure deploys the then-default version,
/// and the bare name floats. Whether Azure upgrades it anyway (`version_upgrade_option`) is
/// PIN502's business, read from the resource. A name or version not known before apply is never
/// taken for a literal. The rate cap is `sku.capacity` (thousands of tokens per minute), or
/// `scale.capacity` in azurerm 3.x. Telemetry: an `azurerm_monitor_diagnostic_setting` whose
/// target is the deployment's cognitive account. Tools, sandbox and approvals are not
/// expressible.
struct AzureOpenAIDeploymentAdapter: GraphAgentAdapter {
    static func profiles(in graph: Graph) -> [AgentProfile] {
        let diagnostics = TerraformAI.resources("azurerm_monitor_diagnostic_setting", in: graph)
        return TerraformAI.resources("azurerm_cognitive_deployment", in: graph).map { node in
            var profile = AgentProfile(name: node.displayAddress, format: node.origin, range: node.range)
            let body = node.attributes
            profile.links.append((label: .definedBy, address: "\(node.address)", range: node.range))

            // `model` is a block: a list of one object.
            if let model = body["model"]?.elements.first, let name = model["name"] {
                let provider = model["format"]?.scalarString
                let version = model["version"]
                if let id = name.scalarString {
                    if let version, !version.isNull {
                        if let pinned = version.scalarString {
                            profile.models = .present([ModelReference(provider: provider, id: "\(id)-\(pinned)", range: name.range)])
                        } else {
                            profile.models = .present([ModelReference(provider: provider, id: id, range: name.range, isInterpolated: true)])
                        }
                    } else {
                        profile.models = .present([ModelReference(provider: provider, id: id, range: name.range)])
                    }
                } else {
                    profile.models = TerraformAI.model(name, provider: provider).map { .present([$0]) } ?? .absent
                }
            } else {
                profile.models = .absent
            }

            profile.budgetKinds = [.rate]
            profile.budgets = [
                TerraformAI.cap(.rate, body.at("sku.capacity"), setting: "sku.capacity")
                    ?? TerraformAI.cap(.rate, body.at("scale.capacity"), setting: "scale.capacity"),
            ].compactMap { $0 }

            let accounts = Set(TerraformAI.referenced(from: node, within: body["cognitive_account_id"], in: graph).map(\.id))
            let sinks = diagnostics.filter { setting in
                TerraformAI.referenced(from: setting, within: setting.attributes["target_resource_id"], in: graph).contains { accounts.contains($0.id) }
            }.map { setting -> TelemetrySink in
                let destination = ["log_analytics_workspace_id", "storage_account_id", "eventhub_name"].lazy.compactMap { setting.attributes[$0] }.first
                return TelemetrySink(kind: .logs, destination: destination.map { $0.isUnknown ? "\(setting.address)" : $0.display } ?? "\(setting.address)", range: setting.range)
            }
            profile.telemetry = Manifest.listed(sinks)
            return profile
        }
    }
}
