import Foundation
import ParapetCore
@testable import ParapetRules
import ParapetSyntax
import Testing

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

@Suite struct ClassificationCacheTests {
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func anUnrecognisedFileIsSkippedUntilItChanges() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = root.appendingPathComponent("project"), cacheDirectory = root.appendingPathComponent("cache").path
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let file = project.appendingPathComponent("settings.yaml")
        try "colour: blue\nsize: 3\n".write(to: file, atomically: true, encoding: .utf8)
        var options = ScanOptions(roots: ["."], workingDirectory: project.path, workers: 1)

        options.classificationCache = ClassificationCache(directory: cacheDirectory, key: "test")
        #expect(Scan.load(try Scan.discover(options), options: options).isEmpty)
        #expect(options.classificationCache?.hits == 0)

        let second = ClassificationCache(directory: cacheDirectory, key: "test")
        options.classificationCache = second
        #expect(Scan.load(try Scan.discover(options), options: options).isEmpty)
        #expect(second.hits == 1)

        // The same path now holds a manifest: the content hash differs, so it is parsed and read.
        try "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n".write(to: file, atomically: true, encoding: .utf8)
        let third = ClassificationCache(directory: cacheDirectory, key: "test")
        options.classificationCache = third
        let parsed = Scan.load(try Scan.discover(options), options: options)
        #expect(parsed.map(\.kind) == [.kubernetes])
        #expect(third.hits == 0)

        // Another build of Parapet starts with an empty cache.
        let otherBuild = ClassificationCache(directory: cacheDirectory, key: "other")
        try "colour: blue\nsize: 3\n".write(to: file, atomically: true, encoding: .utf8)
        options.classificationCache = otherBuild
        _ = Scan.load(try Scan.discover(options), options: options)
        #expect(otherBuild.hits == 0)
    }

    @Test func aDamagedCacheFileIsIgnored() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("k")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data([0xFF, 0x00, 0x0A, 0x41]).write(to: folder.appendingPathComponent("unrecognised-files"))
        let cache = ClassificationCache(directory: root.path, key: "k")
        #expect(!cache.isUnrecognised("A"))
    }
}
