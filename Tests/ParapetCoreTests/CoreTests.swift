import ParapetCore
import Testing

@Suite struct SourceFileTests {
    @Test func positionsAreOneBasedLinesAndCodePointColumns() {
        let file = SourceFile(path: "a.yaml", text: "ab\nçé x\n")
        #expect(file.position(at: 0) == SourcePosition(line: 1, column: 1, offset: 0))
        #expect(file.position(at: 3) == SourcePosition(line: 2, column: 1, offset: 3))
        // `ç` and `é` are two bytes each but one column each.
        #expect(file.position(at: 8) == SourcePosition(line: 2, column: 4, offset: 8))
        #expect(file.lineCount == 3)
    }

    @Test(arguments: [-5, 1_000])
    func offsetsOutsideTheFileAreClamped(_ offset: Int) {
        let file = SourceFile(path: "a.tf", text: "x = 1\n")
        #expect(file.position(at: offset).offset == (offset < 0 ? 0 : 6))
    }

    @Test func rowAndByteColumnBeyondTheFileGoToItsEnd() {
        let file = SourceFile(path: "a.tf", text: "x = 1\ny = 2")
        #expect(file.position(row: 1, byteColumn: 2).column == 3)
        #expect(file.position(row: 9, byteColumn: 0).offset == 11)
    }

    @Test func lineTextDropsLineBreaksAndIsEmptyOutsideTheFile() {
        let file = SourceFile(path: "a.tf", text: "one\r\ntwo\n")
        #expect(file.lineText(1) == "one")
        #expect(file.lineText(2) == "two")
        #expect(file.lineText(0) == "")
        #expect(file.lineText(9) == "")
    }

    @Test func textOfAReversedOrOutOfBoundsRangeIsSafe() {
        let file = SourceFile(path: "a.tf", text: "hello")
        #expect(file.text(1, 3) == "el")
        #expect(file.text(4, 2) == "")
        #expect(file.text(-3, 99) == "hello")
    }

    /// Columns on a long non-ASCII line come from sampled counts; they must equal a plain count.
    @Test func columnsOnALongNonASCIILineMatchAPlainCount() {
        let line = String(repeating: "é", count: 700) + "x"
        let file = SourceFile(path: "a.json", text: line)
        #expect(file.position(at: line.utf8.count - 1).column == 701)
    }
}

@Suite struct SourceRangeTests {
    private func range(_ path: String, _ start: Int, _ end: Int) -> SourceRange {
        SourceRange(path: path, start: SourcePosition(line: 1, column: start + 1, offset: start),
                    end: SourcePosition(line: 1, column: end + 1, offset: end))
    }

    @Test func orderIsPathThenStartThenEnd() {
        #expect(range("a.tf", 9, 10) < range("b.tf", 0, 1))
        #expect(range("a.tf", 1, 9) < range("a.tf", 2, 3))
        #expect(range("a.tf", 1, 2) < range("a.tf", 1, 3))
        #expect(!(range("a.tf", 1, 2) < range("a.tf", 1, 2)))
    }

    @Test func unionCoversBoth() {
        let union = range("a.tf", 5, 7).union(range("a.tf", 2, 6))
        #expect(union.start.offset == 2)
        #expect(union.end.offset == 7)
    }

    @Test func fileStartIsTheFirstCharacter() {
        let start = SourceRange.fileStart("x.yaml")
        #expect(start.start == SourcePosition(line: 1, column: 1, offset: 0))
        #expect(start.end == start.start)
    }
}

@Suite struct SeverityAndFamilyTests {
    @Test func severitiesOrderNoteWarningError() {
        #expect(Severity.note < .warning)
        #expect(Severity.warning < .error)
        #expect(Severity.allCases.sorted() == [.note, .warning, .error])
    }

    @Test(arguments: RuleFamily.allCases)
    func familyPrefixRoundTrips(_ family: RuleFamily) {
        #expect(RuleFamily(prefix: family.prefix) == family)
        #expect(RuleFamily(prefix: family.prefix.lowercased()) == family)
    }

    @Test func unknownPrefixIsNoFamily() {
        #expect(RuleFamily(prefix: "XYZ") == nil)
    }

    @Test func securitySeverityDefaultsFollowTheSeverity() {
        func metadata(_ severity: Severity, _ score: Double? = nil) -> RuleMetadata {
            RuleMetadata(code: "TEL100", name: "x", family: .telemetry, defaultSeverity: severity, summary: "S.",
                         rationale: "R.", remediation: "F.", securitySeverity: score)
        }
        #expect(metadata(.error).effectiveSecuritySeverity == 7.5)
        #expect(metadata(.warning).effectiveSecuritySeverity == 5.0)
        #expect(metadata(.note).effectiveSecuritySeverity == 2.0)
        #expect(metadata(.note, 9.1).effectiveSecuritySeverity == 9.1)
    }
}

@Suite struct FindingTests {
    private func finding(line: Int, code: String = "EGR201", path: String = "main.tf", address: String? = "aws_security_group.web",
                         attribute: String? = "egress[0]", message: String = "Open egress") -> Finding {
        let position = SourcePosition(line: line, column: 3, offset: line * 10)
        return Finding(code: code, severity: .error, message: message, range: SourceRange(path: path, start: position, end: position),
                       address: address, attributePath: attribute)
    }

    @Test func fingerprintSurvivesMovedLines() {
        #expect(finding(line: 3).fingerprint == finding(line: 40).fingerprint)
    }

    @Test func fingerprintChangesWithRuleFileAddressOrAttribute() {
        let base = finding(line: 3).fingerprint
        #expect(finding(line: 3, code: "EGR202").fingerprint != base)
        #expect(finding(line: 3, path: "other.tf").fingerprint != base)
        #expect(finding(line: 3, address: "aws_security_group.db").fingerprint != base)
        #expect(finding(line: 3, attribute: "egress[1]").fingerprint != base)
    }

    @Test func fingerprintOfAFindingAboutNoNodeUsesTheMessage() {
        let a = finding(line: 1, address: nil, message: "File does not parse")
        let b = finding(line: 1, address: nil, message: "Unused suppression")
        #expect(a.fingerprint != b.fingerprint)
        #expect(a.fingerprint.count == 16)
    }

    @Test func reportOrderIsPositionThenCodeThenMessage() {
        let findings = [finding(line: 2, code: "PIN301"), finding(line: 1, code: "TEL101"), finding(line: 2, code: "EGR201", message: "b"),
                        finding(line: 2, code: "EGR201", message: "a")]
        let ordered = findings.sorted(by: Finding.reportOrder).map { "\($0.range.start.line) \($0.code) \($0.message)" }
        #expect(ordered == ["1 TEL101 Open egress", "2 EGR201 a", "2 EGR201 b", "2 PIN301 Open egress"])
    }

    /// FNV-1a 64: the published offset basis and the value for "a"; stable across runs.
    @Test func stableHashIsFNV1a() {
        #expect(StableHash.hex("") == "cbf29ce484222325")
        #expect(StableHash.hex("a") == "af63dc4c8601ec8c")
    }
}

@Suite struct ScanLimitsTests {
    @Test func defaultsBoundWhatOneFileMayCost() {
        let limits = ScanLimits()
        #expect(limits.maxFileBytes == 8 << 20)
        #expect(limits.maxDepth == 256)
        #expect(limits.maxAliasExpansion == 100_000)
        #expect(limits.maxDocuments == 10_000)
    }

    @Test func limitKindsHaveDistinctNames() {
        let names: [LimitKind] = [.fileSize, .depth, .aliasExpansion, .documents, .evaluationSteps, .valueElements,
                                  .stringBytes, .evaluationDepth, .instances]
        #expect(Set(names.map(\.rawValue)).count == names.count)
    }
}

@Suite struct TextSearchTests {
    @Test(arguments: [
        ("apiVersion: v1\nkind: Pod", "kind:", true),
        ("apiVersion: v1\nkind: Pod", "Kind:", false),
        ("{{ .Values.x }}", "{{", true),
        ("ab", "abc", false),
        ("", "a", false),
        ("abc", "", true),
        ("aaab", "aab", true),
        ("xx", "x", true),
        ("name: café {{-", "{{-", true),
    ])
    func findsBytes(text: String, needle: String, expected: Bool) {
        #expect(text.containsBytes(needle) == expected)
        #expect(Substring(text).containsBytes(needle) == expected)
    }

    @Test func searchesASubstringWithinItsBounds() {
        let text = "prefix-needle-suffix"
        let middle = text.dropFirst(7).dropLast(7)
        #expect(middle == "needle")
        #expect(middle.containsBytes("needle"))
        #expect(!middle.containsBytes("prefix"))
        #expect(!middle.containsBytes("-suffix"))
    }
}

@Suite struct DisplayPathTests {
    @Test(arguments: [
        ("modules/net", "./sub", "modules/net/sub"),
        ("modules/net", "../shared", "modules/shared"),
        (".", "../up", "../up"),
        ("a", "../../b", "../b"),
        ("overlays/prod", "../../base", "base"),
        ("a", "..", "."),
        ("/repo/k8s", "../base", "/repo/base"),
        ("/repo", "..", "/"),
        ("a//b", "./c/", "a/b/c"),
    ])
    func joins(directory: String, relative: String, expected: String) {
        #expect(DisplayPath.join(directory, relative) == expected)
    }

    @Test func directories() {
        #expect(DisplayPath.directory(of: "main.tf") == ".")
        #expect(DisplayPath.directory(of: "a/b/main.tf") == "a/b")
        #expect(DisplayPath.directory(of: "/abs/x.yaml") == "/abs")
    }
}
