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
            walk(directory: absolute, realRoot: realRoot, visited: &visited, into: &found)
        }
        return found.values.sorted { $0.displayPath < $1.displayPath }
    }

    private func walk(directory: String, realRoot: String, visited: inout Set<String>, into found: inout [String: DiscoveredFile]) {
        let real = Self.realPath(directory)
        guard Self.isWithin(real, realRoot), visited.insert(real).inserted else { return }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names.sorted() {
            let path = directory + "/" + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let type = attributes[.type] as? FileAttributeType else { continue }
            var target = path
            var targetType = type
            if type == .typeSymbolicLink {
                let resolved = Self.realPath(path)
                guard Self.isWithin(resolved, realRoot),
                      let resolvedType = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.type] as? FileAttributeType
                else { continue }
                target = path
                targetType = resolvedType
            }
            let shown = display(target)
            if excluded(shown) { continue }
            if targetType == .typeDirectory {
                if Self.skippedDirectories.contains(name) { continue }
                walk(directory: target, realRoot: realRoot, visited: &visited, into: &found)
            } else if targetType == .typeRegular {
                found[target] = DiscoveredFile(absolutePath: target, displayPath: shown, realPath: Self.realPath(target))
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
