import ParapetCore

/// YAML front-end over libyaml's event API.
///
/// - A stream yields one `DataNode` per document; an empty document (`---` alone) is a null
///   scalar; an empty or comment-only file is zero documents.
/// - Scalars keep their decoded text, style and explicit tag. Tags in the `tag:yaml.org,2002:`
///   namespace are written back in their short form (`!!str`); other tags stay as libyaml
///   resolved them (`!Ref`, `!<tag:example.com,2000:x>` → `tag:example.com,2000:x`).
/// - Ranges: scalars cover their text (quotes and properties included); block scalars run from
///   the indicator to the end of their last non-blank line; flow collections run from the
///   opening to the closing bracket; block collections from their first item (or properties)
///   to the end of their last item.
/// - Aliases are expanded: the copy's top node takes the alias's range (where the value is
///   used), the nodes inside keep the ranges of the anchored text. Every node an alias copies
///   counts against `limits.maxAliasExpansion`; going over stops the file with a
///   `.limit(.aliasExpansion)` diagnostic. Copies share storage, so expansion costs no memory.
/// - Merge keys (`<<: *base`, `<<: [*a, *b]`) are resolved: the merged entries replace the `<<`
///   entry in place, keys written in the mapping win over merged ones, and earlier mappings in a
///   merge list win over later ones. Keys are compared by their text. A `<<` whose value is not
///   a mapping or a list of mappings stays an ordinary entry.
/// - Nesting deeper than `limits.maxDepth` (alias copies included) is `.limit(.depth)`; more
///   than `limits.maxDocuments` documents is `.limit(.documents)`.
/// - The first error (libyaml's, an undefined alias, or a limit) stops the file: documents
///   completed before it are kept, the one in progress is dropped. Comments are recovered up to
///   the end of the line where the file stopped.
/// - Input is read as UTF-8 whatever its BOM: invalid UTF-8 and control characters are parse
///   errors at their byte.
public enum YAMLParser {
    public static func parse(_ source: SourceFile, limits: ScanLimits = ScanLimits()) -> DataParseResult {
        YAMLReader.read(source.bytes, base: 0, source: source, limits: limits)
    }
}
