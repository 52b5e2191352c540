import ParapetCore
import ParapetSyntax

/// Which Kubernetes objects are deployed together. Selectors, Services, NetworkPolicies, RBAC and
/// quotas only relate objects of one unit (or of a unit and what every unit shares).
///
/// - A `kustomization.yaml` that no other kustomization includes defines a unit exactly: its
///   `resources`, followed through bases and components, with its `namespace` (the outermost one
///   that sets it wins, as `kustomize build` does).
/// - Elsewhere, when the same kind, namespace and name is declared in several places, each place
///   belongs to the unit named by the directory just below their nearest common ancestor
///   (`envs/prod`, `envs/staging`); files side by side in one directory are one unit (their
///   directory), so a repeat there is a duplicate. A Terraform root module is a place of its own.
/// - What lies outside every unit (a shared namespace, quota or policy at the root) is in the
///   scan's own scope, which every unit sees.
public struct DeploymentUnits: Sendable {
    /// A place an object was read from: a YAML file, or a Terraform root module directory.
    public struct Membership: Sendable, Hashable {
        public var unit: String
        /// A kustomization's `namespace`, which replaces the objects' own.
        public var namespace: String?
    }

    /// Kustomization memberships of each file.
    private var kustomized: [String: [Membership]] = [:]
    /// Files a kustomization lists as patches: partial objects, not objects of their own.
    public private(set) var patches: Set<String> = []
    /// Unit roots found by identity collisions, deepest first.
    private var collisionRoots: [String] = []

    public init() {}

    /// Decides the units of a scan. `objects` are the identities and locations of every
    /// Kubernetes object outside the kustomizations' units.
    public init(kustomizations: [ParsedFile], scannedPaths: Set<String>, objects: (Set<String>) -> [(identity: String, location: String)]) {
        readKustomizations(kustomizations, scannedPaths: scannedPaths)
        var locations: [String: Set<String>] = [:]
        for object in objects(Set(kustomized.keys).union(patches)) {
            locations[object.identity, default: []].insert(object.location)
        }
        var roots: Set<String> = []
        for places in locations.values where places.count > 1 {
            // Display paths are absolute outside the working directory: keep the leading `/`.
            let split = places.map { ($0.hasPrefix("/") ? ["/"] : []) + $0.split(separator: "/").map(String.init) }
            func join(_ parts: ArraySlice<String>) -> String {
                parts.first == "/" ? "/" + parts.dropFirst().joined(separator: "/") : parts.joined(separator: "/")
            }
            var common = split[0]
            for parts in split.dropFirst() {
                var length = 0
                while length < min(common.count, parts.count), common[length] == parts[length] { length += 1 }
                common = Array(common.prefix(length))
            }
            for parts in split {
                if parts.count > common.count + 1 {
                    roots.insert(join(parts.prefix(common.count + 1)))
                } else if !common.isEmpty && common != ["/"] {
                    // Files side by side in one directory are deployed together: one unit.
                    roots.insert(join(common[...]))
                }
            }
        }
        collisionRoots = roots.sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// The units an object read at `location` (a file path, or a Terraform root directory)
    /// belongs to. Never empty: an object outside every unit is in the scan's scope `""`.
    public func memberships(of location: String) -> [Membership] {
        if let kustomized = kustomized[location] { return kustomized }
        if let root = collisionRoots.first(where: { location == $0 || location.hasPrefix($0 + "/") }) {
            return [Membership(unit: root, namespace: nil)]
        }
        return [Membership(unit: "", namespace: nil)]
    }

    // MARK: - Kustomize

    private struct Kustomization {
        var directory: String
        var file: ParsedFile
        var namespace: String?
        var includes: [(path: String, range: SourceRange)]
        var patchFiles: [String]
    }

    private mutating func readKustomizations(_ files: [ParsedFile], scannedPaths: Set<String>) {
        var byDirectory: [String: Kustomization] = [:]
        for file in files {
            guard let document = file.documents.first else { continue }
            let body = Value(document)
            let directory = DisplayPath.directory(of: file.source.path)
            var includes: [(String, SourceRange)] = []
            for key in ["resources", "bases", "components"] {
                for entry in body[key]?.list ?? [] {
                    guard let path = entry.string, !path.contains("://"), !path.hasPrefix("github.com/"), !path.hasPrefix("git@") else { continue }
                    includes.append((DisplayPath.join(directory, path), entry.range))
                }
            }
            var patchFiles: [String] = []
            for entry in body["patchesStrategicMerge"]?.list ?? [] {
                if let path = entry.string, !path.contains("\n") { patchFiles.append(DisplayPath.join(directory, path)) }
            }
            for key in ["patches", "patchesJson6902"] {
                for entry in body[key]?.list ?? [] {
                    if let path = entry["path"]?.string { patchFiles.append(DisplayPath.join(directory, path)) }
                }
            }
            byDirectory[directory] = Kustomization(directory: directory, file: file, namespace: body["namespace"]?.string,
                                                   includes: includes, patchFiles: patchFiles)
        }
        patches = Set(byDirectory.values.flatMap(\.patchFiles))
        let included = Set(byDirectory.values.flatMap { $0.includes.map(\.path) }.filter { byDirectory[$0] != nil })
        for root in byDirectory.keys.sorted() where !included.contains(root) {
            var visiting: Set<String> = []
            collect(root, unit: root, namespace: nil, kustomizations: byDirectory, scannedPaths: scannedPaths, visiting: &visiting)
        }
    }

    private mutating func collect(_ directory: String, unit: String, namespace outer: String?, kustomizations: [String: Kustomization],
                                  scannedPaths: Set<String>, visiting: inout Set<String>) {
        guard let kustomization = kustomizations[directory], visiting.insert(directory).inserted else { return }
        let namespace = outer ?? kustomization.namespace
        for (path, _) in kustomization.includes {
            if kustomizations[path] != nil {
                collect(path, unit: unit, namespace: namespace, kustomizations: kustomizations, scannedPaths: scannedPaths, visiting: &visiting)
            } else if scannedPaths.contains(path) {
                let membership = Membership(unit: unit, namespace: namespace)
                if !(kustomized[path] ?? []).contains(membership) { kustomized[path, default: []].append(membership) }
            }
        }
        visiting.remove(directory)
    }
}
