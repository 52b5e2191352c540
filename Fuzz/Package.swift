// swift-tools-version: 6.1
// libFuzzer harnesses, one executable per input format. Kept out of the main package so that
// `swift build` and `make test` never compile them; `make fuzz` builds this package with
// `-sanitize=fuzzer,address` (see scripts/fuzz.sh).
import PackageDescription

let harnesses = ["hcl", "yaml", "json", "toml", "markdown", "rules", "config"]

let package = Package(
    name: "ParapetFuzz",
    dependencies: [.package(name: "Parapet", path: "..")],
    targets: [
        .target(name: "ParapetFuzzSupport", dependencies: [.product(name: "ParapetKit", package: "Parapet")]),
    ] + harnesses.map { name in
        .executableTarget(name: "fuzz-\(name)", dependencies: ["ParapetFuzzSupport"], path: "Sources/fuzz-\(name)")
    }
)
