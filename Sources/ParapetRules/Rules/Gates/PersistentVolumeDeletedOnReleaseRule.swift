import ParapetCore
import ParapetGraph

struct PersistentVolumeDeletedOnReleaseRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE420", name: "persistent-volume-deleted-on-release", family: .gate, defaultSeverity: .warning,
        summary: "Finds volumes whose data is deleted when their claim is released.",
        rationale: """
            With reclaim policy `Delete`, deleting a PersistentVolumeClaim (or a StatefulSet's claims \
            by an agent running `kubectl delete`) destroys the disk and its data with no second step. \
            StorageClasses default to `Delete` when `reclaimPolicy` is absent.
            """,
        remediation: "Set `persistentVolumeReclaimPolicy: Retain` (or `reclaimPolicy: Retain` on the StorageClass).",
        examples: [
            .triggering("""
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  name: data
                spec:
                  capacity: {storage: 10Gi}
                  persistentVolumeReclaimPolicy: ↓Delete
                """, fileName: "pv.yaml"),
            .passing("""
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  name: data
                spec:
                  capacity: {storage: 10Gi}
                  persistentVolumeReclaimPolicy: Retain
                """, fileName: "pv.yaml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for volume in context.graph.nodes(.persistentVolume) {
            if let policy = volume.attributes.at("spec.persistentVolumeReclaimPolicy"), policy.string == "Delete" {
                findings.append(finding("PersistentVolume `\(volume.name)` is deleted when its claim is released",
                                        at: policy.range, node: volume))
            }
        }
        let classes = Dictionary(context.graph.nodes(.storageClass).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var reported: Set<String> = []
        for workload in context.graph.nodes(.workload) where workload.type.hasSuffix("/StatefulSet") {
            for claim in workload.attributes.at("spec.volumeClaimTemplates")?.elements ?? [] {
                guard let className = claim.at("spec.storageClassName")?.string, let storageClass = classes[className] else { continue }
                let policy = storageClass.attributes["reclaimPolicy"]
                guard policy == nil || policy?.string == "Delete", reported.insert(className).inserted else { continue }
                let why = policy == nil ? "defaults to reclaim policy `Delete`" : "has reclaim policy `Delete`"
                findings.append(finding("StorageClass `\(className)` used by \(workload.kubernetesDisplay) \(why)",
                                        at: policy?.range ?? storageClass.nameRange, node: storageClass,
                                        related: [RelatedLocation(range: claim.range, message: "claim template of \(workload.kubernetesDisplay)")]))
            }
        }
        return findings
    }
}
