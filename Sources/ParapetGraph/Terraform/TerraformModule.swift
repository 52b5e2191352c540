import Foundation
import ParapetCore
import ParapetSyntax

/// One Terraform module: the `.tf` files of a directory, and the tfvars beside it.
public struct TerraformModuleSource: Sendable {
    public var directory: String
    public var files: [ParsedFile] { didSet { blocks = Self.blocks(of: files) } }
    /// `terraform.tfvars`, then `*.auto.tfvars` in name order (later ones win), as Terraform reads them.
    public var tfvars: [ParsedFile]
    /// The blocks of `files`, in file order: kept, because every instance of the module reads them.
    public private(set) var blocks: [HCLBlock]

    public init(directory: String, files: [ParsedFile], tfvars: [ParsedFile]) {
        self.directory = directory
        self.files = files
        self.tfvars = tfvars
        self.blocks = Self.blocks(of: files)
    }

    private static func blocks(of files: [ParsedFile]) -> [HCLBlock] {
        files.flatMap { $0.kind == .terraformJSON ? TerraformJSON.blocks($0) : ($0.hcl?.body.blocks ?? []) }
    }

    /// Groups files by directory. Paths are display paths (`/`-separated).
    public static func group(_ files: [ParsedFile]) -> [String: TerraformModuleSource] {
        var sources: [String: (files: [ParsedFile], tfvars: [ParsedFile])] = [:]
        for file in files where [.terraform, .terraformJSON, .tfvars, .tfvarsJSON].contains(file.kind) {
            let directory = Self.directory(of: file.source.path)
            if file.kind == .terraform || file.kind == .terraformJSON {
                sources[directory, default: ([], [])].files.append(file)
            } else {
                sources[directory, default: ([], [])].tfvars.append(file)
            }
        }
        var modules: [String: TerraformModuleSource] = [:]
        for (directory, source) in sources where !source.files.isEmpty {
            modules[directory] = TerraformModuleSource(directory: directory, files: source.files.sorted { $0.source.path < $1.source.path },
                                                       tfvars: source.tfvars.filter(isAutoLoaded).sorted(by: tfvarsOrder))
        }
        return modules
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
        DisplayPath.directory(of: path)
    }

    /// Resolves a local module source (`./modules/x`, `../shared`) against a directory.
    public static func resolve(_ source: String, from directory: String) -> String? {
        guard source.hasPrefix("./") || source.hasPrefix("../") else { return nil }
        return DisplayPath.join(directory, source)
    }
}
