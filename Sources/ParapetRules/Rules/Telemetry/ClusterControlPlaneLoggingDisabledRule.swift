import ParapetCore
import ParapetFacts
import ParapetGraph

struct ClusterControlPlaneLoggingDisabledRule: Rule {
    static let metadata = RuleMetadata(
        code: "TEL122", name: "cluster-control-plane-logging-disabled", family: .telemetry, defaultSeverity: .warning,
        summary: "Finds EKS, GKE and AKS clusters whose control-plane logs (API server, audit, authenticator) are off.",
        rationale: """
            The control-plane logs are the record of who did what in a cluster: which identity \
            created a pod, read a secret or changed RBAC. EKS turns none of them on by default. \
            GKE logs by default, so only `logging_service = "none"` or a `logging_config` with no \
            components is flagged. AKS needs a diagnostic setting; a cluster with none and no \
            Container Insights (`oms_agent`, or the older `addon_profile { oms_agent { enabled = \
            true } }`) is flagged, and a diagnostic setting whose target Parapet cannot resolve \
            counts as present.
            """,
        remediation: "Enable `api`, `audit` and `authenticator` log types on EKS, keep GKE logging on, and add a diagnostic setting to AKS.",
        examples: [
            .triggering("""
                resource "aws_eks_cluster" "agents" {
                  name     = "agents"
                  role_arn = "arn:aws:iam::123456789012:role/eks"

                  enabled_cluster_log_types = ↓["api"]

                  vpc_config {
                    subnet_ids = ["subnet-0a", "subnet-0b"]
                  }
                }
                """, fileName: "main.tf"),
            .passing("""
                resource "aws_eks_cluster" "agents" {
                  name     = "agents"
                  role_arn = "arn:aws:iam::123456789012:role/eks"

                  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

                  vpc_config {
                    subnet_ids = ["subnet-0a", "subnet-0b"]
                  }
                }
                """, fileName: "main.tf"),
        ])

    static let requiredLogTypes = ["api", "audit", "authenticator"]

    func check(_ context: RuleContext) -> [Finding] {
        let graph = context.graph
        var findings: [Finding] = []
        for configuration in TerraformConfigurations(graph).groups {
            for cluster in configuration.nodes where graph.mayExist(cluster) {
                switch cluster.type {
                case "aws_eks_cluster": findings += eks(cluster, context)
                case "google_container_cluster": findings += gke(cluster)
                case "azurerm_kubernetes_cluster":
                    guard !Self.mayRunOMSAgent(cluster),
                          case .none = Coverage.of(cluster, by: "azurerm_monitor_diagnostic_setting", through: "target_resource_id",
                                                   in: graph, configuration: configuration.nodes, references: context.facts.references) else { continue }
                    findings.append(finding("AKS cluster has no diagnostic setting for `kube-audit` logs", at: cluster.headerRange,
                                            node: cluster, path: "diagnostic_setting"))
                default: continue
                }
            }
        }
        return findings
    }
}

private extension ClusterControlPlaneLoggingDisabledRule {
    /// Container Insights, conservatively taken as monitoring: a top-level `oms_agent` block
    /// (azurerm 3.x and later, present means on), or the 2.x `addon_profile { oms_agent {
    /// enabled = true } }`. A value not known before apply may be on.
    static func mayRunOMSAgent(_ cluster: GraphNode) -> Bool {
        if let agent = cluster.attributes["oms_agent"], agent.isUnknown || !agent.elements.isEmpty { return true }
        guard let profile = cluster.attributes["addon_profile"] else { return false }
        if profile.isUnknown { return true }
        for addon in profile.elements {
            guard let agent = addon["oms_agent"] else { continue }
            if agent.isUnknown { return true }
            for block in agent.elements {
                guard let enabled = block["enabled"] else { continue }
                if enabled.isUnknown || enabled.bool == true { return true }
            }
        }
        return false
    }


    func eks(_ cluster: GraphNode, _ context: RuleContext) -> [Finding] {
        guard let types = cluster.attributes["enabled_cluster_log_types"], !types.isNull else {
            return [finding("EKS cluster has no `enabled_cluster_log_types`", at: cluster.headerRange,
                            node: cluster, path: "enabled_cluster_log_types")]
        }
        // An element not known before apply may be the missing type.
        guard !types.isUnknown, !types.elements.contains(where: \.isUnknown) else { return [] }
        let missing = Self.requiredLogTypes.filter { !types.strings.contains($0) }
        guard !missing.isEmpty else { return [] }
        let related = types.provenance(outside: cluster, what: "the log types")
        return [finding("Control-plane log types omit \(missing.map { "`\($0)`" }.joined(separator: ", "))", at: types.range,
                        node: cluster, path: "enabled_cluster_log_types", related: related.unique)]
    }

    func gke(_ cluster: GraphNode) -> [Finding] {
        if let service = cluster.attributes["logging_service"], service.string == "none" {
            return [finding("Cluster logging service is `none`", at: service.range, node: cluster, path: "logging_service",
                            related: service.provenance(outside: cluster, what: "`none`").unique)]
        }
        guard let config = cluster.attributes["logging_config"]?.elements.first, let components = config["enable_components"],
              !components.isUnknown, components.isNull || components.elements.isEmpty else { return [] }
        return [finding("Cluster `logging_config` enables no components", at: components.range, node: cluster,
                        path: "logging_config.enable_components")]
    }
}
