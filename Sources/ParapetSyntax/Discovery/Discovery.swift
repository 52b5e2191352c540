import Foundation
import ParapetCore

/// A file found under one of the scan roots.
public struct DiscoveredFile: Hashable, Sendable {
    /// Absolute path on disk.
    public var absolutePath: String
    /// What reports show: relative to the working directory when under it, else absolute.
    public var displayPath: String
    /// The file it is, through symlinks: one file reached by two paths is read under each (a
    /// symlinked `versions.tf` belongs to every module that links it), and findings at the same
    /// place in it are reported once.
    public var realPath: String

    public init(absolutePath: String, displayPath: String, realPath: String? = nil) {
        self.absolutePath = absolutePath
        self.displayPath = displayPath
        self.realPath = realPath ?? absolutePath
    }
}

/// Walks the scan roots. Skips version-control and dependency folders, never follows a symlink
/// that leaves its root, and visits each real directory once (symlink cycles end).
public struct Discovery: Sendable {
    public static let skippedDirectories: Set<String> = [".git", ".hg", ".svn", ".terraform", "node_modules", ".build", ".venv", "__pycache__"]

    public var workingDirectory: String
    public var excluded: @Sendable (String) -> Bool

    public init(workingDirectory: String = FileManager.default.currentDirectoryPath,
                excluded: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.workingDirectory = Self.normalize(workingDirectory)
        self.excluded = excluded
    }

    public enum DiscoveryError: Error, CustomStringConvertible {
        case notFound(String)
        public var description: String {
            switch self {
            case .notFound(let path): "no such file or directory: \(path)"
            }
        }
    }

    /// Every regular file under the roots, sorted by display path, each path once (a file linked
    /// under two paths is listed under both, with its real path).
    public func files(under roots: [String]) throws -> [DiscoveredFile] {
        var found: [String: DiscoveredFile] = [:]
        for root in roots {
            let absolute = Self.absolute(root, in: workingDirectory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                throw DiscoveryError.notFound(root)
            }
            let realRoot = Self.realPath(absolute)
            if !isDirectory.boolValue {
                found[absolute] = DiscoveredFile(absolutePath: absolute, displayPath: display(absolute), realPath: Self.realPath(absolute))
                continue
            }
            var visited: Set<String> = []
            walk(directory: absolute, real: realRoot, realRoot: realRoot, visited: &visited, into: &found)
        }
        return found.values.sorted { $0.displayPath < $1.displayPath }
    }

    /// `real` is the directory's path through symlinks: each entry's real path is the
    /// directory's plus its name, unless it is a link, so only links cost a `realpath` call; and
    /// the directory's own entry types mean no call per plain file.
    private func walk(directory: String, real: String, realRoot: String, visited: inout Set<String>, into found: inout [String: DiscoveredFile]) {
        guard Self.isWithin(real, realRoot), visited.insert(real).inserted else { return }
        guard let entries = FileSystem.entries(directory) else { return }
        for entry in entries.sorted(by: { $0.name < $1.name }) {
            let path = directory + "/" + entry.name
            guard var type = entry.type ?? FileSystem.type(path, followingLinks: false) else { continue }
            var realTarget = (real == "/" ? "" : real) + "/" + entry.name
            if type == .symbolicLink {
                let resolved = Self.realPath(path)
                guard Self.isWithin(resolved, realRoot), let resolvedType = FileSystem.type(resolved, followingLinks: false) else { continue }
                realTarget = resolved
                type = resolvedType
            }
            let shown = display(path)
            if excluded(shown) { continue }
            if type == .directory {
                if Self.skippedDirectories.contains(entry.name) { continue }
                walk(directory: path, real: realTarget, realRoot: realRoot, visited: &visited, into: &found)
            } else if type == .regular {
                found[path] = DiscoveredFile(absolutePath: path, displayPath: shown, realPath: realTarget)
            }
        }
    }

    public func display(_ absolute: String) -> String {
        if workingDirectory == "/" { return String(absolute.dropFirst()) }
        if absolute.hasPrefix(workingDirectory + "/") { return String(absolute.dropFirst(workingDirectory.count + 1)) }
        return absolute
    }

    public static func absolute(_ path: String, in directory: String) -> String {
        normalize(path.hasPrefix("/") ? path : directory + "/" + path)
    }

    /// Removes `.` and `..` segments and duplicate slashes, without touching the file system.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isWithin(_ path: String, _ root: String) -> Bool {
        path == root || root == "/" || path.hasPrefix(root + "/")
    }
}
