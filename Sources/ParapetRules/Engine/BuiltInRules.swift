/// Every built-in Swift rule, family by family. Each family's list lives beside its rules
/// (`Rules/<Family>/<Family>Rules.swift`); a test checks that every `*Rule.swift` file is listed.
public let builtInRules: [any Rule.Type] = telemetryRules + egressRules + budgetRules + gateRules + pinningRules + agentRules
