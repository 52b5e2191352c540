import ArgumentParser

struct Parapet: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "parapet",
        abstract: "Find the holes that put AI agents and infrastructure at risk, before merge.",
        discussion: """
            Parapet reads Terraform (HCL, tfvars, plan JSON), Kubernetes YAML and AI-agent manifests \
            (MCP configs, Claude Code, Codex, Gemini CLI, crewAI, kagent, …) and reports missing \
            telemetry (TEL), unrestricted egress (EGR), absent budget caps (BUD), irreversible \
            changes without human gates (GATE) and floating model or package references (PIN).

            Examples:
              parapet scan                         scan the current directory
              parapet scan infra/ agents/ --format sarif --output parapet.sarif
              parapet scan --list-files .          show which files Parapet reads, and as what
              parapet explain EGR201               why a rule exists and how to fix its findings

            \(ExitStatus.help)
            """,
        version: version,
        subcommands: [ScanCommand.self, RulesCommand.self, ExplainCommand.self, AgentsCommand.self, FormatsCommand.self, GraphCommand.self, ParseCommand.self, VersionCommand.self, BenchCommand.self],
        defaultSubcommand: ScanCommand.self)
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print Parapet's version.")

    func run() {
        print("parapet \(Parapet.version)")
    }
}
