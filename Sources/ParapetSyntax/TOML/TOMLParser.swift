import ParapetCore

public enum TOMLParser {
    public static func parse(_ source: SourceFile, limits: ScanLimits = ScanLimits()) -> DataParseResult {
        DataParseResult()
    }
}
