import ParapetCore
import ParapetSyntax

/// How many objects the scan read and how many it analysed, per kind: the check that nothing
/// read is dropped. An object is read once per place it is written (a Kubernetes document or
/// `List` item, a Terraform `resource` / `data` / `module` / `variable` / `output` block or a
/// local, an agent definition); it is analysed when at least one node stands for it.
public struct Census: Sendable {
    public struct Count: Sendable, Hashable {
        public var read: Int
        public var analysed: Int

        public init(read: Int, analysed: Int) {
            self.read = read
            self.analysed = analysed
        }
    }

    /// `kubernetes Deployment`, `terraform resource`, `agent claude-settings` → counts.
    public private(set) var counts: [String: Count] = [:]
    /// Objects read that no node stands for, as `path:line kind`.
    public private(set) var dropped: [String] = []
    /// Nodes built (instances, deployment units and module calls make more nodes than objects).
    public private(set) var nodes = 0

    public init(files: [ParsedFile], graph: Graph) {
        var read: [ObjectKey: String] = [:]
        for file in files {
            switch file.kind {
            case .kubernetes, .kagent:
                for object in KubernetesLowering.objectNodes(in: file) {
                    read[ObjectKey(object.node.range)] = "kubernetes \(object.kind)"
                }
            case .terraform, .terraformJSON:
                let blocks = file.kind == .terraformJSON ? TerraformJSON.blocks(file) : (file.hcl?.body.blocks ?? [])
                for block in blocks {
                    switch block.type {
                    case "resource", "data": if block.labels.count >= 2 { read[ObjectKey(block.range)] = "terraform \(block.type)" }
                    case "module", "variable", "output": if !block.labels.isEmpty { read[ObjectKey(block.range)] = "terraform \(block.type)" }
                    case "locals": for attribute in block.body.attributes { read[ObjectKey(attribute.range)] = "terraform local" }
                    default: continue
                    }
                }
            default:
                continue
            }
        }
        var seen: Set<ObjectKey> = []
        for node in graph.nodes {
            nodes += 1
            if node.kind == .agent {
                counts["agent \(node.type)", default: Count(read: 0, analysed: 0)].read += 1
                counts["agent \(node.type)", default: Count(read: 0, analysed: 0)].analysed += 1
                continue
            }
            seen.insert(ObjectKey(node.range))
        }
        for (key, kind) in read.sorted(by: { $0.key < $1.key }) {
            counts[kind, default: Count(read: 0, analysed: 0)].read += 1
            if seen.contains(key) {
                counts[kind, default: Count(read: 0, analysed: 0)].analysed += 1
            } else {
                dropped.append("\(key.path):\(key.line) \(kind)")
            }
        }
    }

    public var totalRead: Int { counts.values.reduce(0) { $0 + $1.read } }
    public var totalAnalysed: Int { counts.values.reduce(0) { $0 + $1.analysed } }

    private struct ObjectKey: Hashable, Comparable {
        var path: String
        var offset: Int
        var line: Int

        init(_ range: SourceRange) {
            path = range.path
            offset = range.start.offset
            line = range.start.line
        }

        static func < (a: ObjectKey, b: ObjectKey) -> Bool { (a.path, a.offset) < (b.path, b.offset) }
    }
}
