import Foundation
import ParapetCore
@testable import ParapetSyntax
import ParapetTestSupport
import Testing

@Suite struct HCLTreeCodecTests {
    /// Every `.tf` and `.tfvars` file under `fixtures/` (valid, invalid, hostile), recursively.
    static let files: [URL] = {
        guard let walker = FileManager.default.enumerator(at: fixturesRoot, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "tf" || $0.pathExtension == "tfvars" }
            .sorted { $0.path < $1.path }
    }()

    @Test func fixturesExist() {
        #expect(Self.files.count >= 100)
    }

    /// Decoding what was encoded gives back the same tree, comments and diagnostics.
    @Test func everyFixtureRoundTrips() throws {
        for url in Self.files {
            let source = SourceFile(path: url.path, bytes: try [UInt8](Data(contentsOf: url)))
            let parsed = HCLParser().parse(source)
            let bytes = try #require(HCLTreeCodec.encode(parsed, path: source.path), "\(url.path)")
            let decoded = try #require(HCLTreeCodec.decode(bytes, path: source.path, maxDepth: ScanLimits().maxDepth), "\(url.path)")
            #expect(decoded.file == parsed.file, "\(url.path)")
            #expect(decoded.comments == parsed.comments, "\(url.path)")
            #expect(decoded.diagnostics == parsed.diagnostics, "\(url.path)")
        }
    }

    /// Ranges come back in the path they are decoded for: an entry is keyed by content.
    @Test func decodesIntoTheGivenPath() throws {
        let parsed = HCLParser().parse(SourceFile(path: "a/main.tf", text: "x = 1 # note\n"))
        let bytes = try #require(HCLTreeCodec.encode(parsed, path: "a/main.tf"))
        let moved = try #require(HCLTreeCodec.decode(bytes, path: "b/main.tf", maxDepth: 256))
        #expect(moved.file.body.attributes.first?.range.path == "b/main.tf")
        #expect(moved.comments.first?.range.path == "b/main.tf")
    }

    /// A range in another file cannot be written without its path: no entry rather than a wrong one.
    @Test func refusesARangeInAnotherFile() {
        let parsed = HCLParser().parse(SourceFile(path: "main.tf", text: "x = 1\n"))
        #expect(HCLTreeCodec.encode(parsed, path: "other.tf") == nil)
    }

    /// Every truncation and every single-byte change of an entry decodes to nil or to some tree,
    /// never traps; a wrong version or trailing bytes are refused.
    @Test func damagedEntriesNeverTrap() throws {
        let text = """
        resource "aws_s3_bucket" "b" {
          bucket = "logs-${var.env}"
          tags   = { for k, v in var.tags : k => upper(v) if v != "" }
          count  = var.on ? 1 : 0
          policy = <<-EOT
            %{ for s in var.statements }${s}%{ endfor }
          EOT
        }
        """
        let parsed = HCLParser().parse(SourceFile(path: "main.tf", text: text))
        let bytes = try #require(HCLTreeCodec.encode(parsed, path: "main.tf"))
        for length in 0..<bytes.count {
            #expect(HCLTreeCodec.decode(Array(bytes[..<length]), path: "main.tf", maxDepth: 256) == nil)
        }
        for index in bytes.indices {
            var damaged = bytes
            damaged[index] ^= 0xA5
            _ = HCLTreeCodec.decode(damaged, path: "main.tf", maxDepth: 256)
        }
        #expect(HCLTreeCodec.decode(bytes + [0], path: "main.tf", maxDepth: 256) == nil)
        var otherVersion = bytes
        otherVersion[0] = 99
        #expect(HCLTreeCodec.decode(otherVersion, path: "main.tf", maxDepth: 256) == nil)
    }

    /// Nesting deeper than the bound is refused rather than recursed into.
    @Test func deepNestingIsRefused() throws {
        let text = "x = " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
        let parsed = HCLParser().parse(SourceFile(path: "main.tf", text: text))
        let bytes = try #require(HCLTreeCodec.encode(parsed, path: "main.tf"))
        #expect(HCLTreeCodec.decode(bytes, path: "main.tf", maxDepth: 256) != nil)
        #expect(HCLTreeCodec.decode(bytes, path: "main.tf", maxDepth: 10) == nil)
    }
}

@Suite struct ParseCacheTests {
    private func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "parapet-parse-cache-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func secondLoadReadsTheEntry() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = SourceFile(path: "main.tf", text: "variable \"a\" {\n  default = 1\n}\n")
        let first = Loader()
        first.parseCache = ParseCache(directory: directory, key: "test")
        let parsedFirst = try #require(first.load(source))
        #expect(first.parseCache?.statistics.misses == 1)
        #expect(first.parseCache?.statistics.written == 1)

        let second = Loader()
        second.parseCache = ParseCache(directory: directory, key: "test")
        // The same content under another path: a hit, with ranges in the new path.
        let moved = try #require(second.load(SourceFile(path: "moved/main.tf", bytes: source.bytes)))
        #expect(second.parseCache?.statistics.hits == 1)
        #expect(moved.hcl?.body.blocks.first?.range.path == "moved/main.tf")
        #expect(moved.hcl?.body.blocks.first?.labels.map(\.value) == parsedFirst.hcl?.body.blocks.first?.labels.map(\.value))

        // Another build's cache folder is not read.
        let other = Loader()
        other.parseCache = ParseCache(directory: directory, key: "other-build")
        _ = other.load(source)
        #expect(other.parseCache?.statistics.hits == 0)
    }

    @Test func aDamagedEntryIsParsedAgain() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = SourceFile(path: "main.tf", text: "x = 1\n")
        let loader = Loader()
        loader.parseCache = ParseCache(directory: directory, key: "test")
        _ = loader.load(source)
        let cacheFolder = directory + "/test/hcl"
        let entries = try FileManager.default.subpathsOfDirectory(atPath: cacheFolder).filter { $0.contains("/") }
        #expect(entries.count == 1)
        for entry in entries { try Data([1, 2, 3]).write(to: URL(fileURLWithPath: cacheFolder + "/" + entry)) }
        let again = Loader()
        again.parseCache = ParseCache(directory: directory, key: "test")
        let parsed = try #require(again.load(source))
        #expect(again.parseCache?.statistics.misses == 1)
        #expect(parsed.hcl?.body.attributes.first?.name == "x")
    }

    @Test func pruningKeepsTheFolderBounded() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let loader = Loader()
        let cache = ParseCache(directory: directory, key: "test")
        loader.parseCache = cache
        for index in 0..<12 { _ = loader.load(SourceFile(path: "f\(index).tf", text: "x = \(index)\n")) }
        cache.prune(maximumEntries: 8)
        let left = try FileManager.default.subpathsOfDirectory(atPath: directory + "/test/hcl").filter { $0.contains("/") }
        #expect(left.count == 6)
    }
}

@Suite struct SameContentParsesTests {
    /// Every fixture loaded twice, under two paths, in one load: the second file shares the first
    /// one's parse and gets exactly the tree, comments and diagnostics a parse of its own gives.
    @Test func aSharedParseEqualsAFreshOneAtItsOwnPath() throws {
        let loader = Loader()
        loader.sameContent = SameContentParses()
        for url in HCLTreeCodecTests.files {
            let bytes = try [UInt8](Data(contentsOf: url))
            _ = loader.load(SourceFile(path: "first/" + url.lastPathComponent, bytes: bytes), as: .terraform)
            let second = SourceFile(path: "second/" + url.lastPathComponent, bytes: bytes)
            let shared = loader.load(second, as: .terraform)
            let fresh = HCLParser().parse(second)
            #expect(shared.hcl == fresh.file, "\(url.path)")
            #expect(shared.comments == fresh.comments, "\(url.path)")
            #expect(shared.diagnostics == fresh.diagnostics, "\(url.path)")
            #expect(shared.hcl?.body.range.path == second.path)
        }
        let statistics = try #require(loader.sameContent?.statistics)
        // Fixtures with the same bytes (empty files, say) share from the first file on.
        #expect(statistics.shared >= HCLTreeCodecTests.files.count)
        #expect(statistics.shared + statistics.parsed == 2 * HCLTreeCodecTests.files.count)
    }

    /// A file with the same bytes as one already parsed is not parsed again: without a cache it
    /// shares the parse in memory; with one, it reads the entry the first file wrote (the cache
    /// is keyed by content), and nothing is encoded twice.
    @Test func aDuplicateIsNotParsedAgain() throws {
        let text = "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\" # kept\n}\n"
        let directory = NSTemporaryDirectory() + "parapet-same-content-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for cached in [false, true] {
            let loader = Loader()
            loader.parseCache = cached ? ParseCache(directory: directory, key: UUID().uuidString) : nil
            loader.sameContent = SameContentParses()
            let a = try #require(loader.load(SourceFile(path: "envs/dev/main.tf", text: text)))
            let b = try #require(loader.load(SourceFile(path: "envs/prod/main.tf", text: text)))
            let c = try #require(loader.load(SourceFile(path: "envs/qa/main.tf", text: text + "\n")))
            if cached {
                #expect(loader.parseCache?.statistics.misses == 2)
                #expect(loader.parseCache?.statistics.hits == 1)
                #expect(loader.sameContent?.statistics.shared == 0)
            } else {
                #expect(loader.sameContent?.statistics.shared == 1)
                #expect(loader.sameContent?.statistics.parsed == 2)
            }
            #expect(a.hcl?.body.blocks.first?.range.path == "envs/dev/main.tf")
            #expect(b.hcl?.body.blocks.first?.range.path == "envs/prod/main.tf")
            #expect(b.comments.first?.range.path == "envs/prod/main.tf")
            #expect(c.hcl?.body.blocks.first?.range.path == "envs/qa/main.tf")
            #expect(b.hcl?.body.blocks.first?.labels.map(\.value) == ["aws_s3_bucket", "logs"])
        }
    }
}
