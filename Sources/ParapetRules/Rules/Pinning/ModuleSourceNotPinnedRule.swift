import Foundation
import ParapetCore
import ParapetGraph

struct ModuleSourceNotPinnedRule: Rule {
    static let metadata = RuleMetadata(
        code: "PIN505", name: "module-source-not-pinned", family: .pinning, defaultSeverity: .warning,
        summary: "Finds Terraform module calls whose code can change under them: registry modules without an exact `version`, git sources without a `ref`.",
        rationale: """
            A module call without a pinned version runs whatever the module's author published \
            last, the next time anyone runs `terraform init -upgrade` or initializes a fresh \
            checkout: new resources, changed defaults, or hostile code arrive without review. A \
            version constraint such as `~> 5.0` is a range and lets new releases in the same way; \
            a git `ref` that names a branch moves with the branch. Local `./` modules are part of \
            the repository and are never reported.
            """,
        remediation: "Pin registry modules with an exact `version = \"5.1.2\"` and git sources with `?ref=` a tag or commit.",
        examples: [
            .triggering("""
                module "vpc" {
                  source = ↓"terraform-aws-modules/vpc/aws"
                }

                module "eks" {
                  source  = "terraform-aws-modules/eks/aws"
                  version = ↓"~> 20.0"
                }

                module "dns" {
                  source = ↓"git::https://github.com/acme/terraform-dns.git?ref=main"
                }
                """, fileName: "main.tf"),
            .passing("""
                module "vpc" {
                  source  = "terraform-aws-modules/vpc/aws"
                  version = "5.13.0"
                }

                module "dns" {
                  source = "git::https://github.com/acme/terraform-dns.git?ref=v1.4.2"
                }

                module "network" {
                  source = "./modules/network"
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for module in context.graph.nodes(.module) where context.graph.mayExist(module) {
            guard let source = module.attributes["source"], let text = source.string else { continue }
            switch ModuleSource(text) {
            case .registry:
                guard let version = module.attributes["version"], !version.isNull else {
                    findings.append(finding("Registry module `\(text)` has no `version`", at: source.range, node: module, path: "version"))
                    continue
                }
                if let constraint = version.string, ModuleSource.isRange(constraint) {
                    findings.append(finding("Version `\(constraint)` is a range, so new releases arrive unreviewed",
                                            at: version.range, node: module, path: "version"))
                }
            case .git(let location, let ref):
                if let ref {
                    if ModuleSource.branches.contains(ref) {
                        findings.append(finding("Git ref `\(ref)` is a branch, which moves", at: source.range, node: module, path: "source"))
                    }
                } else {
                    findings.append(finding("Git module `\(location)` has no `ref`", at: source.range, node: module, path: "source"))
                }
            case .local, .other:
                continue
            }
        }
        return findings
    }
}

/// A module `source` address, as Terraform's installer reads it.
enum ModuleSource: Equatable {
    /// `./modules/x`, `../x`: part of the repository.
    case local
    /// `namespace/name/provider` or `host/namespace/name/provider`, with an optional `//subdir`.
    case registry
    /// `git::…`, `github.com/…`, `bitbucket.org/…`, `git@host:…`; the `ref` query argument.
    case git(location: String, ref: String?)
    /// HTTP archives, S3, GCS, Mercurial: no version argument to check.
    case other

    /// Default-branch names: a ref naming one follows the branch.
    static let branches: Set<String> = ["main", "master", "develop", "dev", "trunk", "default", "HEAD"]

    init(_ source: String) {
        if source.hasPrefix("./") || source.hasPrefix("../") {
            self = .local
            return
        }
        let (location, query) = Self.split(source)
        if source.hasPrefix("git::") || source.hasPrefix("github.com/") || source.hasPrefix("bitbucket.org/")
            || source.hasPrefix("git@") {
            let ref = query.split(separator: "&").first { $0.hasPrefix("ref=") }.map { String($0.dropFirst(4)) }
            self = .git(location: location, ref: ref.flatMap { $0.isEmpty ? nil : $0 })
            return
        }
        if source.contains("::") || source.contains("://") {
            self = .other
            return
        }
        let parts = (location.components(separatedBy: "//").first ?? location).split(separator: "/", omittingEmptySubsequences: false)
        let isPublic = parts.count == 3 && !parts[0].contains(".")
        let isPrivate = parts.count == 4 && parts[0].contains(".")
        self = (isPublic || isPrivate) && parts.allSatisfy({ !$0.isEmpty }) ? .registry : .other
    }

    /// The address before `?` and the query after it.
    static func split(_ source: String) -> (String, Substring) {
        guard let mark = source.firstIndex(of: "?") else { return (source, "") }
        return (String(source[..<mark]), source[source.index(after: mark)...])
    }

    /// Anything but one exact version (`1.2.3`, `= 1.2.3`, `v1.2.3`) is a range.
    static func isRange(_ constraint: String) -> Bool {
        let parts = constraint.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 1, let only = parts.first else { return true }
        return ["~>", ">", "<", "!="].contains { only.hasPrefix($0) }
    }
}
