import Foundation
import ParapetCore
import ParapetSyntax
import ParapetTestSupport
import Testing

@Suite struct YAMLSnapshotTests {
    static let files = fixtureFiles(in: "syntax/yaml", extensions: [".yaml", ".yml"])

    @Test func fixturesExist() {
        #expect(Self.files.count >= 10)
    }

    @Test(arguments: files)
    func snapshot(_ url: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: url))
        let source = SourceFile(path: url.lastPathComponent, bytes: bytes)
        let result = YAMLParser.parse(source)
        assertSnapshot(yamlRender(result), at: url.appendingPathExtension("snap"))
        yamlExpectConsistentPositions(result, in: source)
    }
}
