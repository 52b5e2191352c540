import ParapetCore

public enum FrontMatterParser {
    public static func parse(_ source: SourceFile, limits: ScanLimits = ScanLimits()) -> DataParseResult {
        DataParseResult()
    }
}
