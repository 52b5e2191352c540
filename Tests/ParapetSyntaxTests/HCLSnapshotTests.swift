import Foundation
import ParapetCore
import ParapetSyntax
import ParapetTestSupport
import Testing

@Suite struct HCLSnapshotTests {
    static let files = fixtureFiles(in: "syntax/hcl", extensions: [".tf", ".tfvars"])

    @Test func fixturesExist() {
        #expect(Self.files.count >= 15)
    }

    /// The dump of every fixture matches `<file>.snap`; valid fixtures parse without diagnostics
    /// and `invalid-*` fixtures report at least one parse error.
    @Test(arguments: files)
    func snapshot(_ url: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: url))
        let result = HCLParser().parse(SourceFile(path: url.lastPathComponent, bytes: bytes))
        assertSnapshot(HCLDump.render(result), at: url.appendingPathExtension("snap"))
        if url.lastPathComponent.hasPrefix("invalid-") {
            #expect(result.diagnostics.contains { $0.kind == .parseError })
        } else {
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        }
    }
}
