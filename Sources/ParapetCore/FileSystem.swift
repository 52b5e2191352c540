#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system calls a scan makes per file, made directly. Foundation's
/// `attributesOfItem` also lists extended attributes and looks up the owner's name (which asks
/// the name service over a socket), and `contents(atPath:)` stats the file again: on a
/// 2,000-file repository those calls were most of a pre-commit run.
public enum FileSystem {
    public enum Contents: Equatable, Sendable {
        case bytes([UInt8])
        /// Over the limit asked for: the size, and nothing read.
        case tooLarge(Int)
        case unreadable
    }

    public enum EntryType: Equatable, Sendable {
        case regular, directory, symbolicLink, other
    }

    /// The file's bytes, with one open and one `fstat`; `.tooLarge` past `maxBytes`. A file that
    /// grows while it is read is read up to the size it had when opened.
    public static func read(_ path: String, maxBytes: Int) -> Contents {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .unreadable }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .unreadable }
        let size = Int(status.st_size)
        guard size >= 0 else { return .unreadable }
        if size > maxBytes { return .tooLarge(size) }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            while initialized < size, let base = buffer.baseAddress {
                let count = systemRead(descriptor, base + initialized, size - initialized)
                if count < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    break
                }
                if count == 0 { break }
                initialized += count
            }
        }
        return failed ? .unreadable : .bytes(bytes)
    }

    /// The type of what `path` names, the link itself when it is a symbolic link
    /// (`followingLinks: false`) or what it points to; nil when it does not exist.
    public static func type(_ path: String, followingLinks: Bool) -> EntryType? {
        var status = stat()
        guard (followingLinks ? stat(path, &status) : lstat(path, &status)) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// A directory's entries (without `.` and `..`), with the type the directory itself records
    /// where the file system gives one, so listing needs no call per entry; nil when the
    /// directory cannot be read.
    public static func entries(_ directory: String) -> [(name: String, type: EntryType?)]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var entries: [(name: String, type: EntryType?)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type: EntryType? = switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): .regular
            case Int32(DT_DIR): .directory
            case Int32(DT_LNK): .symbolicLink
            case Int32(DT_UNKNOWN): nil
            default: .other
            }
            entries.append((name, type))
        }
        return entries
    }
}

/// `read(2)`, named apart from `FileSystem.read`, which hides it inside the enum.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
