import ParapetCore

/// Diagnostics about Parapet's own inputs: files that do not parse or were skipped, suppressions
/// and configuration. They are rules like any other (selectable, explainable, in SARIF).
public enum MetaRules {
    public static let parseError = RuleMetadata(
        code: "PAR001", name: "parse-error", family: .meta, defaultSeverity: .error,
        summary: "Finds files of a known kind that do not parse.",
        rationale: """
            A file that does not parse is not checked: every rule is blind to it. Tools that read it \
            later (Terraform, kubectl, the agent client) will reject it or, worse, read it differently.
            """,
        remediation: "Fix the syntax error at the reported position.",
        tags: ["correctness"],
        examples: [
            .triggering("resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n↓", fileName: "main.tf"),
            .passing("resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n", fileName: "main.tf"),
        ])

    public static let unusedSuppression = RuleMetadata(
        code: "PAR002", name: "unused-suppression", family: .meta, defaultSeverity: .warning,
        summary: "Finds suppression comments and annotations that suppress nothing.",
        rationale: """
            A suppression that no longer matches a finding hides the next real finding on that line \
            and misleads reviewers about what was accepted.
            """,
        remediation: "Remove the suppression, or fix its rule code.",
        tags: ["maintainability"])

    public static let invalidSuppression = RuleMetadata(
        code: "PAR003", name: "invalid-suppression", family: .meta, defaultSeverity: .warning,
        summary: "Finds suppressions that name an unknown rule or give no reason.",
        rationale: "A suppression that names no real rule suppresses nothing; one without a reason cannot be reviewed.",
        remediation: "Name an existing rule code and give a reason after `--`.",
        tags: ["maintainability"])

    public static let skippedFile = RuleMetadata(
        code: "PAR004", name: "skipped-file", family: .meta, defaultSeverity: .warning,
        summary: "Finds files skipped because they exceed a limit on size, depth, aliases or documents.",
        rationale: """
            Parapet bounds what one file may cost so that a hostile repository cannot stall CI. A \
            skipped file is not checked at all; a reviewer should know which files those are.
            """,
        remediation: "Split the file, reduce its nesting or aliases, or raise the limit in the configuration.",
        tags: ["correctness"])

    public static let configError = RuleMetadata(
        code: "PAR005", name: "config-error", family: .meta, defaultSeverity: .error,
        summary: "Finds errors in the Parapet configuration file.",
        rationale: "A configuration that does not say what was meant selects or ignores rules other than intended.",
        remediation: "Fix the key or value at the reported position; the message suggests the closest valid one.",
        tags: ["correctness"])

    public static let duplicateObject = RuleMetadata(
        code: "PAR006", name: "duplicate-object", family: .meta, defaultSeverity: .note,
        summary: "Finds two objects with the same identity in one deployment unit or module.",
        rationale: """
            Two Kubernetes objects with the same kind, namespace and name in one deployment unit \
            overwrite each other when applied: which one wins depends on the order of `kubectl \
            apply`. Parapet analyses both and says so, rather than silently keeping one.
            """,
        remediation: "Rename one of them, or split them into separate deployment units (a kustomization each).",
        tags: ["correctness"],
        examples: [
            .triggering("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ↓settings
                """, fileName: "app.yaml"),
            .passing("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: staging
                """, fileName: "app.yaml"),
        ])

    public static let internalError = RuleMetadata(
        code: "PAR007", name: "internal-error", family: .meta, defaultSeverity: .error,
        summary: "Finds files that Parapet failed to lower or check because of an error of its own.",
        rationale: """
            An internal error is a bug in Parapet, not in the file: the file it was working on is \
            not fully checked, so its findings may be missing. The other files are still scanned \
            and reported, and the scan exits 3 so that CI does not read the report as complete.
            """,
        remediation: "Report the bug with the message and, if you can, the file; meanwhile review that file by hand.",
        tags: ["correctness"])

    public static let all = [parseError, unusedSuppression, invalidSuppression, skippedFile, configError, duplicateObject, internalError]

    /// Reported whatever the selection, ignores or report scope say: each means the scan did not
    /// run as intended, and decides the exit status.
    public static let alwaysReported: Set<String> = [configError.code, internalError.code]

    /// A `PAR007` finding for an error Parapet raised while working on one file.
    public static func finding(for error: InternalError, while doing: String) -> Finding {
        Finding(code: internalError.code, severity: internalError.defaultSeverity,
                message: "Internal error while \(doing): \(error.message)", range: error.range)
    }
}
