import ParapetCore
import ParapetSyntax

/// `kubernetes_*` resources of the Terraform Kubernetes provider, rewritten into the objects
/// their YAML would be, so that rules cannot tell where an object came from.
enum KubernetesResourceLowering {
    static let kinds: [String: (apiVersion: String, kind: String)] = [
        "deployment": ("apps/v1", "Deployment"), "stateful_set": ("apps/v1", "StatefulSet"),
        "daemonset": ("apps/v1", "DaemonSet"), "daemon_set": ("apps/v1", "DaemonSet"),
        "replication_controller": ("v1", "ReplicationController"), "job": ("batch/v1", "Job"),
        "cron_job": ("batch/v1", "CronJob"), "pod": ("v1", "Pod"), "network_policy": ("networking.k8s.io/v1", "NetworkPolicy"),
        "namespace": ("v1", "Namespace"), "resource_quota": ("v1", "ResourceQuota"), "limit_range": ("v1", "LimitRange"),
        "service": ("v1", "Service"), "persistent_volume": ("v1", "PersistentVolume"),
        "storage_class": ("storage.k8s.io/v1", "StorageClass"), "pod_disruption_budget": ("policy/v1", "PodDisruptionBudget"),
        "horizontal_pod_autoscaler": ("autoscaling/v2", "HorizontalPodAutoscaler"),
    ]

    /// Nested blocks that are lists in the Kubernetes API, with their API names.
    static let listBlocks: [String: String] = [
        "container": "containers", "init_container": "initContainers", "port": "ports", "env": "env", "env_from": "envFrom",
        "volume": "volumes", "volume_mount": "volumeMounts", "egress": "egress", "ingress": "ingress", "to": "to", "from": "from",
        "match_expressions": "matchExpressions", "volume_claim_template": "volumeClaimTemplates", "toleration": "tolerations",
        "image_pull_secrets": "imagePullSecrets", "host_aliases": "hostAliases", "limit": "limits", "metric": "metrics",
    ]

    static func object(type: String, body: Value, range: SourceRange, address: NodeAddress, root: String) -> KubernetesObject? {
        guard type.hasPrefix("kubernetes_") else { return nil }
        if type == "kubernetes_manifest" {
            guard let manifest = body["manifest"], manifest.members != nil else { return nil }
            return KubernetesObject(body: manifest, origin: .terraform, location: KubernetesObject.location(ofRoot: root), declaredAs: address)
        }
        var base = String(type.dropFirst("kubernetes_".count))
        for suffix in ["_v1", "_v2", "_v2beta2"] where base.hasSuffix(suffix) { base = String(base.dropLast(suffix.count)) }
        guard let (apiVersion, kind) = kinds[base] else { return nil }
        var members = [
            Value.Member(key: "apiVersion", keyRange: range, value: Value(.string(apiVersion), range: range)),
            Value.Member(key: "kind", keyRange: range, value: Value(.string(kind), range: range)),
        ]
        for member in body.members ?? [] where ["metadata", "spec"].contains(member.key) {
            members.append(Value.Member(key: member.key, keyRange: member.keyRange, value: convertBlock(member.value, listName: nil)))
        }
        // StorageClass and PersistentVolume keep some fields at the top level.
        for member in body.members ?? [] where ["storage_provisioner", "reclaim_policy", "parameters"].contains(member.key) {
            members.append(Value.Member(key: camel(member.key), keyRange: member.keyRange, value: member.value))
        }
        return KubernetesObject(body: Value(.object(members), range: range), origin: .terraform, location: KubernetesObject.location(ofRoot: root), declaredAs: address)
    }

    /// A block value (a list of block bodies) into an API object, or a list of them.
    static func convertBlock(_ value: Value, listName: String?) -> Value {
        guard let blocks = value.list, blocks.allSatisfy({ $0.members != nil || $0.isUnknown }) else { return value }
        let converted = blocks.map(convertBody)
        if listName != nil || converted.count != 1 { return Value(.list(converted), range: value.range, evidence: value.evidence) }
        return converted[0]
    }

    /// Block bodies: keys to camelCase; nested blocks converted; map attributes (labels,
    /// annotations, match_labels, resource limits) kept verbatim, since their keys are data.
    static func convertBody(_ body: Value) -> Value {
        guard let members = body.members else { return body }
        let converted = members.map { member -> Value.Member in
            let isBlock = member.value.list.map { !$0.isEmpty && $0.allSatisfy { $0.members != nil || $0.isUnknown } } ?? false
            let listName = listBlocks[member.key]
            let key = listName ?? camel(member.key)
            let value = isBlock ? convertBlock(member.value, listName: listName) : member.value
            return Value.Member(key: key, keyRange: member.keyRange, value: value)
        }
        return Value(.object(converted), range: body.range, evidence: body.evidence)
    }

    static func camel(_ key: String) -> String {
        let parts = key.split(separator: "_")
        guard let first = parts.first else { return key }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
