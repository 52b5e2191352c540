import ParapetFuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    Harness.run("rules", data, size)
    return 0
}

/// What SwiftPM links `main` to (see `fuzzerMain`).
@_cdecl("fuzz_rules_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    fuzzerMain(argc, argv, fuzz)
}
