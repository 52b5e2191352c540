import ParapetCore

/// Runs libyaml's event parser over a window of a source file and builds the result. The window
/// is `bytes`, whose first byte is at offset `base` of `source`: the YAML front-end passes the
/// whole file, the front-matter front-end a prefix or a blanked slice, and ranges always come
/// out in the coordinates of `source`.
enum YAMLReader {
    /// `sameText` says that every line of the window reads as in `source` from the window's
    /// start, so libyaml's own line and column can be used (the fast path); windows with blanked
    /// text pass false and have positions computed from byte offsets.
    static func read(_ bytes: [UInt8], base: Int, source: SourceFile, limits: ScanLimits,
                     sameText: Bool = true) -> DataParseResult {
        // libyaml asserts on a null input pointer, which an empty array may have.
        guard !bytes.isEmpty else { return DataParseResult() }
        return bytes.withUnsafeBufferPointer { buffer in
            var run = YAMLReaderRun(buffer: buffer, base: base, source: source, limits: limits, sameText: sameText)
            var result = run.run()
            // libyaml validates the encoding a whole chunk ahead of its events, so a bad byte
            // late in a stream hides the documents before it. Reading again up to the bad
            // character recovers them; the document that holds it is still dropped.
            if let bad = run.readerErrorOffset, bad > 0 {
                var cut = Swift.min(bad, buffer.count - 1)
                while cut > 0, buffer[cut] & 0xC0 == 0x80 { cut -= 1 }
                guard cut > 0 else { return result }
                var prefix = YAMLReaderRun(buffer: UnsafeBufferPointer(rebasing: buffer[..<cut]), base: base,
                                           source: source, limits: limits, sameText: sameText)
                let before = prefix.run()
                if before.diagnostics.contains(where: { $0.range.start.offset < base + cut }) {
                    // An error or limit before the bad byte is where the stream really stops.
                    result = before
                } else if prefix.readerErrorOffset == nil {
                    // The prefix may end in an error at its very end, where it was cut.
                    result.documents = prefix.documents(endingBefore: cut)
                    result.comments = before.comments
                }
            }
            return result
        }
    }
}
