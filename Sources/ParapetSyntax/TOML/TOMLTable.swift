import ParapetCore

/// A table while a TOML file is read. Headers reopen tables anywhere in the tree, so tables are
/// shared and mutable (classes) until the file is done; then `node(_:)` freezes them into
/// `DataNode`s. Inline tables and arrays are values: they are frozen as soon as they are read,
/// which is what makes them impossible to extend.
final class TOMLTable {
    struct Key {
        var text: String
        var start: Int
        var end: Int
    }

    enum Slot {
        case value(DataNode)
        case table(TOMLTable)
        case tables(TOMLTableArray)
    }

    struct Entry {
        var key: Key
        var slot: Slot
    }

    let depth: Int
    private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]
    /// Declared by `[header]` or as an element of `[[header]]`: no second header, no dotted keys.
    var explicit = false
    /// The section in which dotted keys made or extended it; once that section ends it is closed.
    var dottedSection: Int?
    /// Byte span of what declared it: its header, or the key/value whose dotted key made it.
    var spanStart: Int
    var spanEnd: Int

    init(depth: Int, spanStart: Int, spanEnd: Int) {
        self.depth = depth
        self.spanStart = spanStart
        self.spanEnd = spanEnd
    }

    func lookup(_ name: String) -> Int? { index[name] }

    func add(_ key: Key, _ slot: Slot) {
        index[key.text] = entries.count
        entries.append(Entry(key: key, slot: slot))
    }

    func rekey(_ slot: Int, _ key: Key) { entries[slot].key = key }
}

/// The elements of an `[[array]]`, appended to by each header.
final class TOMLTableArray {
    var tables: [TOMLTable]
    init(_ first: TOMLTable) { tables = [first] }
}

extension TOMLReader {
    /// Finds or creates the table that `[keys]` or `[[keys]]` declares. Intermediate keys may
    /// name tables of any origin (the last element of an array of tables); the last key must
    /// be new, or a table that so far was only implied by a deeper header.
    mutating func openTable(_ keys: [TOMLTable.Key], isArray: Bool, root: TOMLTable,
                            headerStart: Int, headerEnd: Int) throws(SyntaxFailure) -> TOMLTable {
        guard let last = keys.last else { throw fail("Expected a key", at: headerStart) }
        var table = root
        for (n, key) in keys.dropLast().enumerated() {
            if let slot = table.lookup(key.text) {
                switch table.entries[slot].slot {
                case .table(let child): table = child
                case .tables(let array): table = array.tables.last ?? table
                case .value:
                    throw fail("Cannot define table `\(path(keys))`: `\(path(keys[...n]))` is already a value (line \(line(of: table.entries[slot].key.start)))", key: key)
                }
            } else {
                let child = try newTable(in: table, start: headerStart, end: headerEnd)
                table.add(key, .table(child))
                table = child
            }
        }
        let name = path(keys)
        if let slot = table.lookup(last.text) {
            let earlier = table.entries[slot].key.start
            switch table.entries[slot].slot {
            case .tables(let array) where isArray:
                let element = try newTable(in: table, start: headerStart, end: headerEnd)
                element.explicit = true
                array.tables.append(element)
                return element
            case .table(let existing) where !isArray && !existing.explicit && existing.dottedSection == nil:
                existing.explicit = true
                existing.spanStart = headerStart
                existing.spanEnd = headerEnd
                table.rekey(slot, last)
                return existing
            case .table(let existing) where !isArray:
                let how = existing.explicit ? "" : " by dotted keys"
                throw fail("Table `\(name)` is already defined\(how) (line \(line(of: earlier)))", key: last)
            case .table, .tables:
                throw fail("`\(name)` is already defined as \(isArray ? "a table" : "an array of tables") (line \(line(of: earlier)))", key: last)
            case .value:
                throw fail("Key `\(name)` is already defined as a value (line \(line(of: earlier)))", key: last)
            }
        }
        let created = try newTable(in: table, start: headerStart, end: headerEnd)
        created.explicit = true
        table.add(last, isArray ? .tables(TOMLTableArray(created)) : .table(created))
        return created
    }

    /// Stores `a.b.c = value` in `base`, creating `a` and `a.b` as dotted-key tables.
    mutating func insert(_ keys: [TOMLTable.Key], _ value: DataNode, into base: TOMLTable) throws(SyntaxFailure) {
        guard let first = keys.first, let last = keys.last else { return }
        var table = base
        for (n, key) in keys.dropLast().enumerated() {
            guard let slot = table.lookup(key.text) else {
                let child = try newTable(in: table, start: first.start, end: value.range.end.offset)
                child.dottedSection = section
                table.add(key, .table(child))
                table = child
                continue
            }
            let earlier = table.entries[slot].key.start
            switch table.entries[slot].slot {
            case .table(let child):
                if child.explicit {
                    throw fail("Cannot add to table `\(path(keys[...n]))` with a dotted key: it is declared by a header (line \(line(of: earlier)))", key: key)
                }
                if let made = child.dottedSection, made != section {
                    throw fail("Cannot add to table `\(path(keys[...n]))` with a dotted key: it was defined in an earlier section (line \(line(of: earlier)))", key: key)
                }
                child.dottedSection = section
                table = child
            case .tables:
                throw fail("Cannot add to array of tables `\(path(keys[...n]))` with a dotted key (line \(line(of: earlier)))", key: key)
            case .value:
                throw fail("Key `\(path(keys[...n]))` is already defined as a value (line \(line(of: earlier)))", key: key)
            }
        }
        if let slot = table.lookup(last.text) {
            throw fail("Key `\(path(keys))` is already defined (line \(line(of: table.entries[slot].key.start)))", key: last)
        }
        table.add(last, .value(value))
    }

    private func newTable(in parent: TOMLTable, start: Int, end: Int) throws(SyntaxFailure) -> TOMLTable {
        guard parent.depth < maxDepth else { throw depthLimit(at: start) }
        return TOMLTable(depth: parent.depth + 1, spanStart: start, spanEnd: end)
    }

    /// A dotted path for messages, quoting segments that are not bare keys.
    func path(_ keys: some Collection<TOMLTable.Key>) -> String {
        keys.map { key in
            !key.text.isEmpty && key.text.utf8.allSatisfy(Self.isBareKeyByte) ? key.text : DataDump.quote(key.text)
        }.joined(separator: ".")
    }

    /// Freezes a table: its range covers its own span and everything in it.
    func node(_ table: TOMLTable) -> DataNode {
        var start = table.spanStart, end = table.spanEnd
        var entries: [DataEntry] = []
        entries.reserveCapacity(table.entries.count)
        for entry in table.entries {
            let key = DataNode(.scalar(Scalar(entry.key.text, style: .string)), range: source.range(entry.key.start, entry.key.end))
            let value: DataNode
            switch entry.slot {
            case .value(let frozen):
                value = frozen
            case .table(let child):
                value = node(child)
            case .tables(let array):
                let items = array.tables.map { node($0) }
                let first = items.first?.range.start.offset ?? entry.key.start
                let last = items.last?.range.end.offset ?? entry.key.end
                value = DataNode(.sequence(items), range: source.range(first, last))
            }
            start = Swift.min(start, key.range.start.offset, value.range.start.offset)
            end = Swift.max(end, key.range.end.offset, value.range.end.offset)
            entries.append(DataEntry(key: key, value: value))
        }
        return DataNode(.mapping(entries), range: source.range(start, end))
    }
}
