import ParapetCore
import ParapetGraph

struct ToolServerPackageNotPinnedRule: Rule {
    static let metadata = RuleMetadata(
        code: "PIN503", name: "tool-server-package-not-pinned", family: .pinning, defaultSeverity: .warning,
        summary: "Finds MCP servers and agent binaries launched from a package or image without an exact version.",
        rationale: """
            `npx -y some-mcp-server` runs whatever version the registry serves today, with the agent's \
            credentials. A hijacked or careless release reaches every developer and CI run at once. \
            An exact version or digest makes upgrades a reviewed change.
            """,
        remediation: "Pin the package (`pkg@1.2.3`, `pkg==1.2.3`), the image (`:1.2.3` or `@sha256:`), or a git source to a full commit SHA.",
        examples: [
            .triggering("""
                {
                  "mcpServers": {
                    "github": {"command": "npx", "args": ["-y", ↓"@modelcontextprotocol/server-github"]}
                  }
                }
                """, fileName: ".mcp.json"),
            .passing("""
                {
                  "mcpServers": {
                    "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"]}
                  }
                }
                """, fileName: ".mcp.json"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        var seen: Set<String> = []
        for (node, profile) in context.agents {
            for server in profile.servers.value ?? [] where !server.disabled {
                for problem in PackageLaunch.problems(server) {
                    // One finding per place, even when several agents share the server.
                    guard seen.insert("\(problem.range.path):\(problem.range.start.offset)").inserted else { continue }
                    findings.append(agentFinding(problem.message, at: problem.range, node: node, path: "servers.\(server.name)"))
                }
            }
            for source in profile.fetchedSources {
                guard let message = Self.problem(source), seen.insert("\(source.range.path):\(source.range.start.offset)").inserted else { continue }
                findings.append(agentFinding(message, at: source.range, node: node, path: "sources.\(source.name)"))
            }
            if let version = profile.agentVersion.value {
                let value = version.value.trimmingCharacters(in: .whitespaces)
                if value.isEmpty || value == "latest" {
                    findings.append(agentFinding("Agent `\(profile.name)` installs its CLI at `\(value.isEmpty ? "(latest)" : value)`",
                                            at: version.range, node: node, path: "agent-version"))
                }
            }
        }
        // kagent tool servers are checked even when no Agent in the scan uses them.
        for node in context.graph.nodes(.kubernetesObject) where node.type.hasPrefix("kagent.dev/") {
            for server in Self.kagentServers(node) {
                for problem in PackageLaunch.problems(server) where seen.insert("\(problem.range.path):\(problem.range.start.offset)").inserted {
                    findings.append(agentFinding(problem.message, at: problem.range, node: node, path: "servers.\(server.name)"))
                }
            }
        }
        return findings
    }

    /// A plugin from a git repository is pinned by a full commit SHA (`sha`, or a `ref` that is
    /// one); from a registry, by an exact version.
    static func problem(_ source: FetchedSource) -> String? {
        switch source.kind {
        case .path:
            return nil
        case _ where Interpolation.contains(source.location) || source.version.map(Interpolation.contains) == true:
            return nil
        case .git:
            let pinned = [source.sha, source.ref].contains { $0.map(GitSource.isCommit) ?? false }
            if pinned { return nil }
            if let ref = source.ref { return "The \(source.name) source `\(source.location)` follows `\(ref)`, not a commit SHA" }
            return "The \(source.name) source `\(source.location)` names no commit SHA"
        case .package:
            guard let version = source.version else { return "The \(source.name) package `\(source.location)` has no version" }
            return PackageLaunch.isExact(version) ? nil : "The \(source.name) package `\(source.location)@\(version)` is not an exact version"
        }
    }

    /// The launch of a kagent `MCPServer` (`spec.deployment`) or `ToolServer` (`spec.config.stdio`).
    static func kagentServers(_ node: GraphNode) -> [ToolServer] {
        let kind = node.type.split(separator: "/").last.map(String.init) ?? ""
        let launch: Value?
        switch kind {
        case "MCPServer": launch = node.attributes.at("spec.deployment")
        case "ToolServer": launch = node.attributes.at("spec.config.stdio")
        default: return []
        }
        guard let launch else { return [] }
        let command = launch["cmd"] ?? launch["command"]
        let args = launch["args"]?.elements ?? []
        return [ToolServer(name: node.name, transport: .stdio, command: command?.string, arguments: args.compactMap(\.string),
                           commandRange: command?.range, argumentRanges: args.filter { $0.string != nil }.map(\.range),
                           image: launch["image"]?.string, imageRange: launch["image"]?.range, range: node.range)]
    }
}

/// How an MCP server is launched, and what is unpinned about it.
enum PackageLaunch {
    struct Problem { var message: String; var range: SourceRange }

    static func problems(_ server: ToolServer) -> [Problem] {
        var problems: [Problem] = []
        if let image = server.image, !Interpolation.contains(image), let issue = ImageReference(image).problem {
            problems.append(Problem(message: "MCP server image `\(image)` \(issue)", range: server.imageRange ?? server.range))
        }
        guard let command = server.command.map(baseName) else { return problems }
        let args = server.arguments
        let ranges = server.argumentRanges.count == args.count ? server.argumentRanges : args.map { _ in server.commandRange ?? server.range }
        var tokens = Array(zip(args, ranges))
        switch command {
        case "npx", "bunx":
            if let (spec, range) = firstPackage(&tokens, valueFlags: ["-p", "--package", "-c", "--call"]) { problems += npm(spec, range) }
        case "pnpm", "yarn", "npm":
            guard let first = tokens.first?.0, ["dlx", "exec"].contains(first) else { break }
            tokens.removeFirst()
            if let (spec, range) = firstPackage(&tokens, valueFlags: ["-p", "--package"]) { problems += npm(spec, range) }
        case "uvx", "pipx", "uv":
            if command != "uvx" {
                guard let first = tokens.first?.0, first == "run" || first == "tool" else { break }
                tokens.removeFirst()
                if tokens.first?.0 == "run" { tokens.removeFirst() }
            }
            if let index = tokens.firstIndex(where: { $0.0 == "--from" || $0.0 == "--spec" }), index + 1 < tokens.count {
                problems += python(tokens[index + 1].0, tokens[index + 1].1)
            } else if let (spec, range) = firstPackage(&tokens, valueFlags: ["--python", "--with", "--index-url"]) {
                problems += python(spec, range)
            }
        case "docker", "podman":
            guard tokens.first?.0 == "run" else { break }
            tokens.removeFirst()
            let valueFlags: Set<String> = ["-e", "--env", "-v", "--volume", "--name", "-p", "--publish", "--network", "--env-file",
                                           "-w", "--workdir", "--entrypoint", "-u", "--user", "--mount", "--platform", "-l", "--label", "--pull", "-m", "--memory", "--cpus"]
            if let (image, range) = firstPackage(&tokens, valueFlags: valueFlags), !Interpolation.contains(image),
               let issue = ImageReference(image).problem {
                problems.append(Problem(message: "MCP server image `\(image)` \(issue)", range: range))
            }
        default: break
        }
        return problems
    }

    static func baseName(_ command: String) -> String {
        String(command.split(separator: "/").last ?? Substring(command)).replacingOccurrences(of: ".cmd", with: "")
    }

    /// The first argument that is not an option (skipping the values of options that take one).
    static func firstPackage(_ tokens: inout [(String, SourceRange)], valueFlags: Set<String>) -> (String, SourceRange)? {
        var index = 0
        while index < tokens.count {
            let token = tokens[index].0
            if token.hasPrefix("-") {
                if let equals = token.firstIndex(of: "="), valueFlags.contains(String(token[..<equals])) {
                    return (String(token[token.index(after: equals)...]), tokens[index].1)
                }
                index += valueFlags.contains(token) ? 2 : 1
                continue
            }
            return tokens[index]
        }
        return nil
    }

    /// `@scope/name@1.2.3` and `name@1.2.3` are pinned; no version, `@latest`, or a range is not.
    static func npm(_ spec: String, _ range: SourceRange) -> [Problem] {
        guard !Interpolation.contains(spec), !spec.hasPrefix("."), !spec.hasPrefix("/") else { return [] }
        if let git = GitSource(spec, style: .npm) { return git.problems(range) }
        let body = spec.hasPrefix("@") ? String(spec.dropFirst()) : spec
        guard let at = body.firstIndex(of: "@") else {
            return [Problem(message: "MCP server package `\(spec)` has no version", range: range)]
        }
        let version = String(body[body.index(after: at)...])
        return isExact(version) ? [] : [Problem(message: "MCP server package `\(spec)` is not pinned to an exact version", range: range)]
    }

    /// `pkg==1.2.3` and `pkg@1.2.3` are pinned.
    static func python(_ spec: String, _ range: SourceRange) -> [Problem] {
        guard !Interpolation.contains(spec), !spec.hasPrefix("."), !spec.hasPrefix("/") else { return [] }
        if let git = GitSource(spec, style: .python) { return git.problems(range) }
        if let equals = spec.range(of: "==") { return isExact(String(spec[equals.upperBound...])) ? [] : [Problem(message: "MCP server package `\(spec)` is not pinned to an exact version", range: range)] }
        if let at = spec.firstIndex(of: "@") { return isExact(String(spec[spec.index(after: at)...])) ? [] : [Problem(message: "MCP server package `\(spec)` is not pinned to an exact version", range: range)] }
        return [Problem(message: "MCP server package `\(spec)` has no version", range: range)]
    }

    static func isExact(_ version: String) -> Bool {
        guard let first = version.first, first.isNumber || first == "v" else { return false }
        return !version.contains(where: { "^~*<>| x".contains($0) }) && version != "latest"
    }
}

/// A package fetched from a git repository: npm `git+https://…#ref`, `github:owner/repo#ref`;
/// pip and uv `git+https://…@ref`, `name @ git+https://…@ref`. Branches and tags move; only a
/// full commit SHA names one tree.
struct GitSource {
    enum Style { case npm, python }

    var spec: String
    /// The branch, tag or commit asked for; nil when none is (the default branch).
    var ref: String?

    init?(_ text: String, style: Style) {
        var url = text.trimmingCharacters(in: .whitespaces)
        // PEP 508 direct reference: `name @ git+https://…`.
        if style == .python, let at = url.range(of: " @ ") { url = String(url[at.upperBound...]).trimmingCharacters(in: .whitespaces) }
        let lowered = url.lowercased()
        // npm reads `owner/repo` (no scope, no scheme) as a GitHub repository.
        let shorthand = style == .npm && !lowered.hasPrefix("@") && lowered.contains("/") && !lowered.contains(":")
        let hosted = shorthand || ["github:", "gitlab:", "bitbucket:", "gist:"].contains { lowered.hasPrefix($0) }
        guard lowered.hasPrefix("git+") || lowered.hasPrefix("git://") || hosted else { return nil }
        spec = text
        // Fragments: npm's `#ref` (or `#semver:^1`); pip's `#egg=` and `#subdirectory=` are no ref.
        var fragmentRef: String?
        if let hash = url.firstIndex(of: "#") {
            let fragment = String(url[url.index(after: hash)...])
            url = String(url[..<hash])
            if !fragment.contains("=") { fragmentRef = fragment }
        }
        if style == .npm || hosted {
            ref = fragmentRef.flatMap { $0.isEmpty ? nil : $0 }
            return
        }
        // pip: `@ref` after the repository path (an `@` before the path is `user@host`).
        guard let scheme = url.range(of: "://") else { ref = nil; return }
        let afterScheme = url[scheme.upperBound...]
        guard let pathStart = afterScheme.firstIndex(of: "/") else { ref = nil; return }
        let path = afterScheme[pathStart...]
        ref = path.lastIndex(of: "@").map { String(path[path.index(after: $0)...]) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A full commit id: 40 hexadecimal digits (SHA-1), or 64 (SHA-256 repositories).
    var isPinned: Bool { ref.map(Self.isCommit) ?? false }

    static func isCommit(_ ref: String) -> Bool {
        (ref.count == 40 || ref.count == 64) && ref.allSatisfy(\.isHexDigit)
    }

    func problems(_ range: SourceRange) -> [PackageLaunch.Problem] {
        if isPinned { return [] }
        let message = ref.map { "MCP server git source `\(spec)` follows `\($0)`, not a commit SHA" }
            ?? "MCP server git source `\(spec)` names no commit SHA"
        return [PackageLaunch.Problem(message: message, range: range)]
    }
}
