import Foundation
import ParapetRules
import ParapetSyntax

/// Where the caches (classification, parsed HCL) live, and the key that ties it to this build of Parapet.
enum ParseCacheLocation {
    /// `--cache-dir`, else `$XDG_CACHE_HOME/parapet`, else `~/.cache/parapet`; nil when there is no
    /// home to put it in.
    static func directory(explicit: String?) -> String? {
        if let explicit { return explicit }
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/parapet" }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return home + "/.cache/parapet"
    }

    /// The version and the executable's size and modification time: a rebuilt classifier must not
    /// trust what an older one decided.
    static var key: String {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let attributes = (try? FileManager.default.attributesOfItem(atPath: Bundle.main.executablePath ?? executable)) ?? [:]
        let size = (attributes[.size] as? Int) ?? 0
        let modified = (attributes[.modificationDate] as? Date).map { String(format: "%.0f", $0.timeIntervalSince1970) } ?? "0"
        return "\(Parapet.version)-\(size)-\(modified)"
    }

    static func cache(explicit: String?) -> ClassificationCache? {
        directory(explicit: explicit).map { ClassificationCache(directory: $0, key: key) }
    }

    static func parseCache(explicit: String?) -> ParseCache? {
        directory(explicit: explicit).map { ParseCache(directory: $0, key: key) }
    }
}
