import ParapetCore
@testable import ParapetReport

/// Hand-built findings, rules and sources shared by the reporter tests and golden files.
enum ReportSamples {
    static let egressRule = RuleMetadata(
        code: "EGR201", name: "security-group-unrestricted-egress", family: .egress, defaultSeverity: .error,
        summary: "A security group allows egress to any address.",
        rationale: "Unrestricted egress lets a compromised workload reach any host on the internet.",
        remediation: "Restrict `cidr_blocks` to the destinations the workload needs.",
        tags: ["terraform", "aws"],
        examples: [
            .triggering("resource \"aws_security_group\" \"web\" {\n  egress { cidr_blocks = [↓\"0.0.0.0/0\"] }\n}\n", fileName: "main.tf"),
            .passing("resource \"aws_security_group\" \"web\" {\n  egress { cidr_blocks = [\"10.0.0.0/8\"] }\n}\n", fileName: "main.tf"),
        ])

    static let pinningRule = RuleMetadata(
        code: "PIN301", name: "image-not-pinned", family: .pinning, defaultSeverity: .warning,
        summary: "A container image is referenced by a moving tag.",
        rationale: "A tag such as `latest` can point at a different image tomorrow.",
        remediation: "Reference the image by digest.", securitySeverity: 4.25)

    static let parseRule = RuleMetadata(
        code: "PAR001", name: "parse-error", family: .meta, defaultSeverity: .error,
        summary: "A file could not be parsed.", rationale: "Parapet cannot check what it cannot read.",
        remediation: "Fix the syntax error.")

    static let terraform = SourceFile(path: "main.tf", text: """
        resource "aws_security_group" "web" {
          egress {
            cidr_blocks = ["0.0.0.0/0"]
          }
        }

        """)

    static let deployment = SourceFile(path: "k8s/deploy.yaml", text: """
        kind: Deployment
        metadata: {name: "café-ñ"}
        spec:
        \timage: nginx:latest

        """)

    static let sources = [terraform.path: terraform, deployment.path: deployment]

    static func range(_ path: String, _ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
        // Offsets are not used by the reporters beyond JSON; a made-up but consistent value.
        SourceRange(path: path, start: SourcePosition(line: line, column: column, offset: line * 100 + column),
                    end: SourcePosition(line: endLine, column: endColumn, offset: endLine * 100 + endColumn))
    }

    static let egressFinding = Finding(
        code: "EGR201", severity: .error, message: "Security group `web` allows egress to `0.0.0.0/0`",
        range: range("main.tf", 3, 20, 3, 31),
        related: [RelatedLocation(range: range("main.tf", 1, 1, 1, 37), message: "security group `web` is declared here")],
        address: "aws_security_group.web", attributePath: "egress[0].cidr_blocks")

    static let imageFinding = Finding(
        code: "PIN301", severity: .warning, message: "Image `nginx:latest` uses a moving tag",
        range: range("k8s/deploy.yaml", 4, 9, 4, 21), address: "Deployment/default/café-ñ")

    static let parseFinding = Finding(
        code: "PAR001", severity: .error, message: "Unexpected character `\u{1B}[31m` in `mcp.json`",
        range: .fileStart("agents/my agent/mcp.json"))

    static let outsideFinding = Finding(
        code: "PIN301", severity: .note, message: "Module source `git::https://x/y` is not pinned",
        range: range("/opt/shared modules/net.tf", 2, 12, 2, 30))

    static let report = ScanReport(
        findings: [imageFinding, egressFinding, parseFinding, outsideFinding],
        rules: [pinningRule, egressRule, parseRule],
        files: [ScannedFile(path: "agents/my agent/mcp.json", kind: "mcp-config"),
                ScannedFile(path: "k8s/deploy.yaml", kind: "kubernetes"),
                ScannedFile(path: "main.tf", kind: "terraform")],
        notes: ["chart/templates/x.yaml: Helm template skipped"],
        toolVersion: "0.1.0", workingDirectory: "/work/project")

    /// A report over one file with one finding, for tests about a single line.
    static func single(_ finding: Finding, rules: [RuleMetadata] = [egressRule]) -> ScanReport {
        ScanReport(findings: [finding], rules: rules, files: [ScannedFile(path: finding.range.path, kind: "terraform")],
                   toolVersion: "0.1.0", workingDirectory: "/work/project")
    }
}
