import ParapetCore
import ParapetSyntax
import Testing

/// No input may crash the front-ends; every result must have ranges inside the file.
@Suite struct YAMLRobustnessTests {
    static let nasty: [[UInt8]] = [
        [], [0], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE, 0x61, 0x00], [0xC3], Array("a: \u{0}b".utf8),
        Array("\t- x\n\t\ty: [".utf8), Array("? ? ? ? ? ?".utf8), Array("&a *a".utf8), Array("- &a [*a]".utf8),
        Array("%YAML 9.9\n--- x".utf8), Array("%TAG ! !\n--- !x y".utf8), Array("key: \"unterminated".utf8),
        Array("a: |\n\t\tx".utf8), Array(String(repeating: "- ", count: 5_000).utf8),
        Array(String(repeating: "{a: ", count: 2_000).utf8), Array("a:\r\rb:\u{85}c: \u{2028}".utf8),
        Array("---\n...\n...\n---".utf8), Array("é: \u{FEFF}x\n\u{FEFF}b: 1".utf8),
    ]

    @Test(arguments: 0..<nasty.count)
    func nastyInputsDoNotCrash(_ index: Int) {
        check(Self.nasty[index])
    }

    @Test func randomBytesDoNotCrash() {
        var generator = YAMLSplitMix(seed: 0x5EED)
        let alphabet = Array("ab: -?[]{},#&*!|>'\"\n\r\t %@`é\u{85}\u{2028}\u{0}".utf8) + [0xFF, 0xC3, 0x80]
        for round in 0..<400 {
            let count = Int(generator.next() % 200)
            var bytes: [UInt8] = []
            for _ in 0..<count {
                let pick = generator.next()
                bytes.append(round % 4 == 0 ? UInt8(truncatingIfNeeded: pick) : alphabet[Int(pick % UInt64(alphabet.count))])
            }
            check(bytes)
        }
    }

    private func check(_ bytes: [UInt8]) {
        let plain = SourceFile(path: "fuzz.yaml", bytes: bytes)
        let wrapped = SourceFile(path: "f.md", bytes: Array("---\n".utf8) + bytes + Array("\n---\n".utf8))
        for (source, result) in [(plain, YAMLParser.parse(plain)), (plain, FrontMatterParser.parse(plain)),
                                 (wrapped, FrontMatterParser.parse(wrapped))] {
            for node in result.documents { expectInside(node, count: source.bytes.count) }
            yamlExpectConsistentPositions(result, in: source)
        }
    }

    private func expectInside(_ node: DataNode, count: Int) {
        #expect(node.range.start.offset <= node.range.end.offset && node.range.end.offset <= count)
        switch node.content {
        case .scalar: break
        case .sequence(let items): for item in items { expectInside(item, count: count) }
        case .mapping(let entries):
            for entry in entries {
                expectInside(entry.key, count: count)
                expectInside(entry.value, count: count)
            }
        }
    }
}

/// A small deterministic generator, so a failure can be replayed.
struct YAMLSplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
