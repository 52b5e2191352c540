/// Display paths (`/`-separated, relative to the scan's working directory, or absolute outside
/// it) as text: the one place that takes a file's folder and resolves `./x` and `../x` against
/// one, for Terraform module sources and kustomization entries alike.
public enum DisplayPath {
    /// The folder of `path`; `.` for a file in the working directory.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    /// `relative` resolved against `directory`: `.` steps dropped, `..` steps taken (kept when
    /// they climb above the working directory), an absolute directory kept absolute.
    public static func join(_ directory: String, _ relative: String) -> String {
        var parts = directory == "." ? [] : directory.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if parts.isEmpty || parts.last == ".." { parts.append("..") } else { parts.removeLast() }
            } else {
                parts.append(String(part))
            }
        }
        let joined = parts.joined(separator: "/")
        return directory.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
