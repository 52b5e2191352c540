import Foundation
import ParapetCore
import Testing

/// The package root, found from this file's location (tests run from any directory).
public let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}()

public let fixturesRoot = packageRoot.appendingPathComponent("fixtures")

/// Compares `actual` with the snapshot file at `path`. With `UPDATE_SNAPSHOTS=1` the file is
/// written instead; a missing snapshot is recorded and the test fails once, to be reviewed.
public func assertSnapshot(_ actual: String, at path: URL, sourceLocation: SourceLocation = #_sourceLocation) {
    let record = ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1"
    let existing = try? String(contentsOf: path, encoding: .utf8)
    if record || existing == nil {
        try? FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? actual.write(to: path, atomically: true, encoding: .utf8)
        if !record {
            Issue.record("Recorded new snapshot \(path.lastPathComponent); review and commit it.", sourceLocation: sourceLocation)
        }
        return
    }
    #expect(actual == existing, "Snapshot \(path.path) differs; rerun with UPDATE_SNAPSHOTS=1 to accept.", sourceLocation: sourceLocation)
}

/// Files directly in a fixture folder with one of the given extensions, sorted by name.
public func fixtureFiles(in folder: String, extensions: [String]) -> [URL] {
    let directory = fixturesRoot.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.sorted().filter { name in extensions.contains { name.hasSuffix($0) } }
        .map { directory.appendingPathComponent($0) }
}

/// Removes every `↓` and returns the cleaned source plus the line and column (code points) of the
/// character that followed each marker.
public func stripMarkers(_ marked: String, marker: Character = "↓") -> (source: String, expected: [(line: Int, column: Int)]) {
    var source = "", expected: [(line: Int, column: Int)] = [], line = 1, column = 1
    for character in marked {
        if character == marker { expected.append((line, column)); continue }
        source.append(character)
        if character == "\n" || character == "\r\n" { line += 1; column = 1 } else { column += character.unicodeScalars.count }
    }
    return (source, expected)
}
