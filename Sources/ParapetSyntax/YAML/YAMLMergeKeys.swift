/// YAML merge keys (https://yaml.org/type/merge.html), which Kubernetes manifests and CI files
/// use to share defaults.
enum YAMLMergeKeys {
    static func isMergeKey(_ key: DataNode) -> Bool {
        guard let scalar = key.scalar, scalar.text == "<<", scalar.style == .plain else { return false }
        return scalar.tag == nil || scalar.tag == "!!merge"
    }

    /// The entries with every valid `<<` entry replaced in place by the entries it merges. Keys
    /// written in the mapping win over merged keys; among merged mappings the first one wins.
    static func resolve(_ entries: [DataEntry]) -> [DataEntry] {
        var seen = Set<String>()
        for entry in entries where !isMergeKey(entry.key) {
            if let key = entry.key.scalar?.text { seen.insert(key) }
        }
        var resolved: [DataEntry] = []
        resolved.reserveCapacity(entries.count)
        for entry in entries {
            guard isMergeKey(entry.key), let sources = sources(of: entry.value) else {
                resolved.append(entry)
                continue
            }
            for source in sources {
                for merged in source {
                    // Non-scalar keys cannot be compared cheaply; they are kept as written.
                    if let key = merged.key.scalar?.text {
                        guard seen.insert(key).inserted else { continue }
                    }
                    resolved.append(merged)
                }
            }
        }
        return resolved
    }

    /// The mappings a merge value names, or nil when it is not a mapping or a list of mappings
    /// (then the `<<` entry is kept as an ordinary entry rather than guessed at).
    private static func sources(of value: DataNode) -> [[DataEntry]]? {
        if let entries = value.entries { return [entries] }
        guard let items = value.sequence else { return nil }
        var sources: [[DataEntry]] = []
        for item in items {
            guard let entries = item.entries else { return nil }
            sources.append(entries)
        }
        return sources
    }
}
