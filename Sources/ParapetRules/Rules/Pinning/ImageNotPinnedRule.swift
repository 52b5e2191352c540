import ParapetCore
import ParapetGraph

struct ImageNotPinnedRule: Rule {
    static let metadata = RuleMetadata(
        code: "PIN504", name: "image-not-pinned", family: .pinning, defaultSeverity: .warning,
        summary: "Finds container images with no tag or the `latest` tag.",
        rationale: """
            A mutable tag makes a rollout non-reproducible: two pods of one Deployment can run \
            different code, and a rollback may roll nothing back. A pushed tag can also be replaced \
            with hostile content.
            """,
        remediation: "Pin the image to a release tag and, better, a `@sha256:` digest.",
        examples: [
            .triggering("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                    - name: web
                      image: ↓nginx:latest
                """, fileName: "pod.yaml"),
            .passing("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
                """, fileName: "pod.yaml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for workload in context.graph.nodes(.workload) {
            for container in PodTemplate.all(of: workload).flatMap(\.allContainers) {
                guard let image = container["image"], let reference = image.string,
                      let problem = ImageReference(reference).problem else { continue }
                findings.append(finding("Image `\(reference)` \(problem)", at: image.range, node: workload,
                                        path: "image.\(container["name"]?.string ?? "")"))
            }
        }
        return findings
    }
}

/// An OCI image reference: `registry/repo[:tag][@digest]`.
struct ImageReference {
    var tag: String?
    var digest: String?

    init(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/")
        let nameStart = lastSlash.map { rest.index(after: $0) } ?? rest.startIndex
        if let colon = rest[nameStart...].firstIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
        }
    }

    /// What is wrong, or nil when pinned.
    var problem: String? {
        if digest != nil { return nil }
        guard let tag else { return "has no tag, so it means `latest`" }
        return tag == "latest" ? "uses the mutable `latest` tag" : nil
    }
}
