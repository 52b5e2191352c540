import Foundation
import ParapetCore
import ParapetSyntax

/// One Terraform module: the `.tf` files of a directory, and the tfvars beside it.
public struct TerraformModuleSource: Sendable {
    public var directory: String
    public var files: [ParsedFile]
    /// `terraform.tfvars`, then `*.auto.tfvars` in name order (later ones win), as Terraform reads them.
    public var tfvars: [ParsedFile]

    public var blocks: [HCLBlock] {
        files.flatMap { $0.kind == .terraformJSON ? TerraformJSON.blocks($0) : ($0.hcl?.body.blocks ?? []) }
    }

    /// Groups files by directory. Paths are display paths (`/`-separated).
    public static func group(_ files: [ParsedFile]) -> [String: TerraformModuleSource] {
        var modules: [String: TerraformModuleSource] = [:]
        for file in files where [.terraform, .terraformJSON, .tfvars, .tfvarsJSON].contains(file.kind) {
            let directory = Self.directory(of: file.source.path)
            var module = modules[directory] ?? TerraformModuleSource(directory: directory, files: [], tfvars: [])
            if file.kind == .terraform || file.kind == .terraformJSON { module.files.append(file) } else { module.tfvars.append(file) }
            modules[directory] = module
        }
        for key in Array(modules.keys) {
            guard var module = modules[key] else { continue }
            module.files.sort { $0.source.path < $1.source.path }
            module.tfvars = module.tfvars.filter(isAutoLoaded).sorted(by: tfvarsOrder)
            modules[key] = module
        }
        return modules.filter { !$0.value.files.isEmpty }
    }

    static func isAutoLoaded(_ file: ParsedFile) -> Bool {
        let name = file.source.path.split(separator: "/").last.map(String.init) ?? file.source.path
        return name == "terraform.tfvars" || name.hasSuffix(".auto.tfvars") || name == "terraform.tfvars.json" || name.hasSuffix(".auto.tfvars.json")
    }

    static func tfvarsOrder(_ a: ParsedFile, _ b: ParsedFile) -> Bool {
        let nameA = a.source.path.split(separator: "/").last.map(String.init) ?? ""
        let nameB = b.source.path.split(separator: "/").last.map(String.init) ?? ""
        if (nameA == "terraform.tfvars") != (nameB == "terraform.tfvars") { return nameA == "terraform.tfvars" }
        return nameA < nameB
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    /// Resolves a local module source (`./modules/x`, `../shared`) against a directory.
    public static func resolve(_ source: String, from directory: String) -> String? {
        guard source.hasPrefix("./") || source.hasPrefix("../") else { return nil }
        var parts = directory == "." ? [] : directory.split(separator: "/").map(String.init)
        let absolute = directory.hasPrefix("/")
        for part in source.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if parts.isEmpty || parts.last == ".." { parts.append("..") } else { parts.removeLast() }
            } else {
                parts.append(String(part))
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
