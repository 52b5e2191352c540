import ParapetCore

public enum YAMLParser {
    public static func parse(_ source: SourceFile, limits: ScanLimits = ScanLimits()) -> DataParseResult {
        DataParseResult()
    }
}
