import ParapetCore

public enum JSONParser {
    /// `allowComments` accepts JSONC: `//` and `/* */` comments and trailing commas.
    public static func parse(_ source: SourceFile, allowComments: Bool = true, limits: ScanLimits = ScanLimits()) -> DataParseResult {
        DataParseResult()
    }
}
