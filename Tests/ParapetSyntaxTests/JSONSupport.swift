import Foundation
import ParapetCore
@testable import ParapetSyntax
import ParapetTestSupport

/// The snapshot text of a data front-end's result: the tree, then comments and diagnostics.
func dataParseDump(_ result: DataParseResult) -> String {
    var out = DataDump.render(result.documents)
    if result.documents.isEmpty { out += "no documents\n" }
    if !result.comments.isEmpty {
        out += "comments\n"
        for comment in result.comments { out += "  \(DataDump.span(comment.range)) \(DataDump.quote(comment.text))\n" }
    }
    if !result.diagnostics.isEmpty {
        out += "diagnostics\n"
        for diagnostic in result.diagnostics {
            let kind = switch diagnostic.kind {
            case .parseError: "parse-error"
            case .limit(let limit): "limit \(limit.rawValue)"
            }
            out += "  \(kind) \(DataDump.span(diagnostic.range)) \(diagnostic.message)\n"
        }
    }
    return out
}

/// A fixture file as a source, named by its path under `fixtures/`.
func dataFixtureSource(_ url: URL) -> SourceFile {
    let bytes = (try? Data(contentsOf: url)).map { [UInt8]($0) } ?? []
    let relative = url.path.replacingOccurrences(of: fixturesRoot.path + "/", with: "")
    return SourceFile(path: relative, bytes: bytes)
}

/// A tiny deterministic generator (SplitMix64), so that the garbage tests are reproducible.
struct DataSplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random byte strings drawn mostly from `alphabet` (with some arbitrary bytes mixed in).
func dataGarbage(count: Int, alphabet: String, seed: UInt64) -> [[UInt8]] {
    var generator = DataSplitMix(state: seed)
    let letters = Array(alphabet.utf8)
    return (0..<count).map { _ in
        let length = Int.random(in: 0...120, using: &generator)
        return (0..<length).map { _ in
            Int.random(in: 0..<10, using: &generator) == 0 ? UInt8.random(in: 0...255, using: &generator)
                : letters[Int.random(in: 0..<letters.count, using: &generator)]
        }
    }
}

/// A parse result is consistent: a document or a diagnostic, never both for these front-ends.
func isConsistentDataResult(_ result: DataParseResult) -> Bool {
    result.documents.count <= 1 && (result.documents.isEmpty || result.diagnostics.isEmpty)
}
