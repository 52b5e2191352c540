/// The subset of SARIF 2.1.0 that Parapet writes, as typed values: a misspelt property is a
/// compile error, not a log that GitHub quietly ignores. Names follow the specification's
/// object names; optional properties are left out of the output when nil.
struct SARIFLog: Codable, Equatable {
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    var schema = SARIFLog.schemaURI
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", version, runs
    }

    struct Run: Codable, Equatable {
        var tool: Tool
        var automationDetails: AutomationDetails
        var originalUriBaseIds: [String: ArtifactLocation]
        var columnKind = "unicodeCodePoints"
        var invocations: [Invocation]
        var results: [Result]
    }

    struct Tool: Codable, Equatable {
        var driver: ToolComponent
    }

    struct ToolComponent: Codable, Equatable {
        var name: String
        var informationUri: String
        var semanticVersion: String
        var version: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Codable, Equatable {
        var id: String
        var name: String?
        var shortDescription: MultiformatMessage
        var fullDescription: MultiformatMessage
        var help: MultiformatMessage
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Configuration: Codable, Equatable {
        var level: String
    }

    /// GitHub's documented rule properties. A rule has either `security-severity` (a security
    /// alert, bucketed critical/high/medium/low) or `problem.severity` (a code-quality alert).
    struct RuleProperties: Codable, Equatable {
        var tags: [String]
        var precision: String
        var securitySeverity: String?
        var problemSeverity: String?

        enum CodingKeys: String, CodingKey {
            case tags, precision, securitySeverity = "security-severity", problemSeverity = "problem.severity"
        }
    }

    struct MultiformatMessage: Codable, Equatable {
        var text: String
        var markdown: String?
    }

    struct Message: Codable, Equatable {
        var text: String
    }

    struct AutomationDetails: Codable, Equatable {
        var id: String
    }

    struct Invocation: Codable, Equatable {
        var executionSuccessful: Bool
        var workingDirectory: ArtifactLocation?
        var toolExecutionNotifications: [Notification]?
    }

    struct Notification: Codable, Equatable {
        var level: String
        var message: Message
    }

    struct Result: Codable, Equatable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
        var partialFingerprints: [String: String]
        var properties: ResultProperties?
    }

    struct ResultProperties: Codable, Equatable {
        var address: String?
        var attributePath: String?
    }

    struct Location: Codable, Equatable {
        var id: Int?
        var physicalLocation: PhysicalLocation
        var message: Message?
    }

    struct PhysicalLocation: Codable, Equatable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Codable, Equatable {
        var uri: String
        var uriBaseId: String?
    }

    /// 1-based; `endColumn` is exclusive (the column of the character after the region).
    struct Region: Codable, Equatable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int
    }
}
