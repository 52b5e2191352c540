import ParapetCore

/// Builds `DataNode` trees from the events of one YAML stream, enforcing the limits. Collections
/// in progress live on an explicit stack, so no input can recurse on the call stack. Every
/// method returns false when the stream must stop (the reason is in `diagnostics`).
struct YAMLTreeBuilder {
    enum CollectionKind { case sequence, mapping }

    /// A finished node with what an alias to it would cost.
    struct Built {
        var node: DataNode
        /// Nodes in the tree, alias copies counted in full.
        var count: Int
        /// Collection levels: 0 for a scalar.
        var height: Int
    }

    /// A collection being read.
    private struct Frame {
        var kind: CollectionKind
        var isFlow: Bool
        var anchor: String?
        var start: SourcePosition
        /// End of the last child in source order (merged entries come from elsewhere).
        var end: SourcePosition
        var items: [DataNode] = []
        var entries: [DataEntry] = []
        var pendingKey: DataNode?
        var count = 1
        var height = 1
        var hasMergeKey = false
    }

    let source: SourceFile
    let limits: ScanLimits
    private(set) var documents: [DataNode] = []
    /// Where each document ended: the end of `...`, else the start of what follows it.
    private(set) var documentEnds: [Int] = []
    private(set) var diagnostics: [SyntaxDiagnostic] = []
    private var frames: [Frame] = []
    private var anchors: [String: Built] = [:]
    private var root: DataNode?
    private var expanded = 0

    init(source: SourceFile, limits: ScanLimits) {
        self.source = source
        self.limits = limits
    }

    mutating func startDocument(at position: SourcePosition) -> Bool {
        guard documents.count < limits.maxDocuments else {
            let message = "More than \(limits.maxDocuments) documents in one stream"
            diagnostics.append(SyntaxDiagnostic(.limit(.documents), message, at: range(position, position)))
            return false
        }
        // Anchors are scoped to their document, as in every YAML reader.
        anchors.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        root = nil
        return true
    }

    mutating func endDocument(at end: SourcePosition) {
        if let root {
            documents.append(root)
            documentEnds.append(end.offset)
        }
        root = nil
    }

    mutating func scalar(_ scalar: Scalar, start: SourcePosition, end: SourcePosition, anchor: String?) -> Bool {
        add(Built(node: DataNode(.scalar(scalar), range: range(start, end)), count: 1, height: 0), anchor: anchor)
    }

    mutating func startCollection(_ kind: CollectionKind, flow: Bool, start: SourcePosition, anchor: String?) -> Bool {
        guard frames.count < limits.maxDepth else {
            let message = "Nesting is deeper than \(limits.maxDepth) levels"
            diagnostics.append(SyntaxDiagnostic(.limit(.depth), message, at: range(start, start)))
            return false
        }
        frames.append(Frame(kind: kind, isFlow: flow, anchor: anchor, start: start, end: start))
        return true
    }

    /// `end` is the end of the closing event: the bracket for flow collections. Block
    /// collections end with their last item instead, because libyaml ends them at the next token,
    /// past any blank lines and comments.
    mutating func endCollection(end: SourcePosition) -> Bool {
        guard let frame = frames.popLast() else { return true }
        let range = range(frame.start, frame.isFlow ? end : frame.end)
        let content: DataNode.Content
        switch frame.kind {
        case .sequence: content = .sequence(frame.items)
        case .mapping: content = .mapping(frame.hasMergeKey ? YAMLMergeKeys.resolve(frame.entries) : frame.entries)
        }
        return add(Built(node: DataNode(content, range: range), count: frame.count, height: frame.height), anchor: frame.anchor)
    }

    mutating func alias(_ name: String, start: SourcePosition, end: SourcePosition) -> Bool {
        let range = range(start, end)
        guard var target = anchors[name] else {
            let message = frames.contains(where: { $0.anchor == name })
                ? "Alias '\(name)' refers to the node that contains it"
                : "Found undefined alias '\(name)'"
            diagnostics.append(SyntaxDiagnostic(.parseError, message, at: range))
            return false
        }
        expanded += target.count
        guard expanded <= limits.maxAliasExpansion else {
            let message = "Alias expansion exceeds \(limits.maxAliasExpansion) nodes"
            diagnostics.append(SyntaxDiagnostic(.limit(.aliasExpansion), message, at: range))
            return false
        }
        guard frames.count + target.height <= limits.maxDepth else {
            let message = "Alias '\(name)' nests deeper than \(limits.maxDepth) levels"
            diagnostics.append(SyntaxDiagnostic(.limit(.depth), message, at: range))
            return false
        }
        target.node.range = range
        return add(target, anchor: nil)
    }

    /// Records an error that stopped the stream.
    mutating func fail(_ diagnostic: SyntaxDiagnostic) {
        diagnostics.append(diagnostic)
    }

    private func range(_ start: SourcePosition, _ end: SourcePosition) -> SourceRange {
        SourceRange(file: source.file, start: start, end: Swift.max(start, end))
    }

    private mutating func add(_ built: Built, anchor: String?) -> Bool {
        if let anchor { anchors[anchor] = built }
        guard !frames.isEmpty else {
            root = built.node
            return true
        }
        let last = frames.count - 1
        frames[last].count += built.count
        frames[last].height = Swift.max(frames[last].height, built.height + 1)
        frames[last].end = Swift.max(frames[last].end, built.node.range.end)
        switch frames[last].kind {
        case .sequence:
            frames[last].items.append(built.node)
        case .mapping:
            if let key = frames[last].pendingKey {
                frames[last].pendingKey = nil
                if YAMLMergeKeys.isMergeKey(key) { frames[last].hasMergeKey = true }
                frames[last].entries.append(DataEntry(key: key, value: built.node))
            } else {
                frames[last].pendingKey = built.node
            }
        }
        return true
    }
}
