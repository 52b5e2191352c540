// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Parapet",
    products: [
        .executable(name: "parapet", targets: ["parapet"]),
        // For the fuzz harnesses in Fuzz/, a separate package that builds with sanitizers.
        .library(name: "ParapetKit", targets: ["ParapetCore", "ParapetSyntax", "ParapetGraph", "ParapetRules"]),
        .plugin(name: "ParapetPlugin", targets: ["ParapetPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        .systemLibrary(name: "CTreeSitter", pkgConfig: "tree-sitter",
                       providers: [.apt(["libtree-sitter-dev"]), .brew(["tree-sitter"])]),
        // No distribution packages the HCL grammar, so no provider is named: `make deps` builds it
        // from its PyPI source package (tree-sitter-hcl) into /usr/local with a pkg-config file.
        .systemLibrary(name: "CTreeSitterHCL", pkgConfig: "tree-sitter-hcl"),
        // glibc's malloc.h (malloc_trim), which the Glibc module does not export.
        .systemLibrary(name: "CMalloc"),
        .target(name: "ParapetCore", dependencies: ["CMalloc"]),
        .target(name: "ParapetSyntax", dependencies: ["ParapetCore", "CYAML", "CTreeSitter", "CTreeSitterHCL"]),
        .target(name: "ParapetGraph", dependencies: ["ParapetCore", "ParapetSyntax"]),
        .target(name: "ParapetFacts", dependencies: ["ParapetCore", "ParapetGraph"]),
        .target(name: "ParapetRules", dependencies: ["ParapetCore", "ParapetSyntax", "ParapetGraph", "ParapetFacts"]),
        .target(name: "ParapetReport", dependencies: ["ParapetCore"], exclude: ["JSONSchema.md"]),
        .executableTarget(name: "parapet", dependencies: [
            "ParapetCore", "ParapetSyntax", "ParapetGraph", "ParapetFacts", "ParapetRules", "ParapetReport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .plugin(name: "ParapetPlugin",
                capability: .command(intent: .custom(verb: "parapet",
                    description: "Scan the package's Terraform, Kubernetes and agent files with Parapet")),
                dependencies: ["parapet"]),
        .target(name: "ParapetTestSupport", dependencies: ["ParapetCore"], path: "Tests/ParapetTestSupport"),
        .testTarget(name: "ParapetCoreTests", dependencies: ["ParapetCore", "ParapetTestSupport"]),
        .testTarget(name: "ParapetSyntaxTests", dependencies: ["ParapetSyntax", "ParapetTestSupport"]),
        .testTarget(name: "ParapetGraphTests", dependencies: ["ParapetGraph", "ParapetSyntax", "ParapetTestSupport"]),
        .testTarget(name: "ParapetFactsTests", dependencies: ["ParapetFacts", "ParapetGraph", "ParapetSyntax", "ParapetTestSupport"]),
        .testTarget(name: "ParapetReportTests", dependencies: ["ParapetReport", "ParapetTestSupport"]),
        .testTarget(name: "ParapetRulesTests", dependencies: ["ParapetRules", "ParapetReport", "ParapetTestSupport"]),
        .testTarget(name: "ParapetCLITests", dependencies: ["ParapetTestSupport"]),
    ]
)
