import Testing
@testable import ParapetRules

/// One registry question and the answer it must get.
struct ModelCase: CustomTestStringConvertible, Sendable {
    let id: String
    let provider: String?
    let expected: ModelPinning

    var testDescription: String { "\(provider ?? "(no provider)") \(id)" }

    static func pinned(_ id: String, _ provider: String? = nil) -> ModelCase { ModelCase(id: id, provider: provider, expected: .pinned) }
    static func unknown(_ id: String, _ provider: String? = nil) -> ModelCase { ModelCase(id: id, provider: provider, expected: .unknown) }
    static func floating(_ id: String, _ provider: String? = nil, _ reason: String) -> ModelCase {
        ModelCase(id: id, provider: provider, expected: .floating(reason: reason))
    }
}

private let alias = "is an alias that moves to new snapshots"
private let newest = "is an alias for the newest model"
private let claudeCode = "is a Claude Code alias for the newest model"
private let geminiAlias = "is an alias that moves to the newest stable version"
private let preview = "is a preview that changes or goes away without notice"
private let noRevision = "names no revision, so it follows `main`"
private let branch = "names a branch as its revision, which moves"
private let noTag = "has no tag, so it means `latest`"
private let latestTag = "uses the mutable `latest` tag"

@Suite struct ModelRegistryTests {
    let registry = ModelRegistry.builtIn

    @Test func builtInDataHasNoProblems() {
        #expect(registry.problems.isEmpty, "\(registry.problems)")
        #expect(registry.providerNames.contains("anthropic") && registry.providerNames.contains("huggingface"))
    }

    static let anthropic: [ModelCase] = [
        .pinned("claude-sonnet-4-5-20250929", "anthropic"),
        .pinned("claude-3-5-sonnet-20241022", "anthropic"),
        .pinned("claude-opus-4-1-20250805"),
        .pinned("claude-sonnet-4-20250514"),
        .floating("claude-sonnet-4-5", "anthropic", alias),
        .floating("claude-sonnet-4-5", nil, alias),
        .floating("claude-opus-4-0", nil, alias),
        .floating("claude-3-5-sonnet-latest", "anthropic", newest),
        .floating("claude-3-7-sonnet-latest", nil, newest),
        // From 4.6 on, ids are dateless and pinned.
        .pinned("claude-sonnet-4-6", "anthropic"),
        .pinned("claude-sonnet-4-6"),
        .pinned("claude-opus-4-7"),
        .pinned("claude-sonnet-5"),
        .pinned("claude-opus-5-1"),
    ]

    static let claudeCodeAliases: [ModelCase] = [
        .floating("sonnet", "claude-code", claudeCode),
        .floating("opus", "claude-code", claudeCode),
        .floating("haiku", "claude-code", claudeCode),
        .floating("default", "claude-code", claudeCode),
        .floating("opusplan", "claude-code", claudeCode),
        .floating("best", "claude-code", claudeCode),
        .floating("sonnet[1m]", "claude-code", claudeCode),
        .floating("claude-fable-5[1m]", "claude-code", claudeCode),
        .floating("sonnet", nil, claudeCode),
        .floating("claude-sonnet-4-6[1m]", nil, claudeCode),
        // Real ids stay the Anthropic API's.
        .pinned("claude-sonnet-4-6", "claude-code"),
        .floating("claude-sonnet-4-5", "claude-code", alias),
        // `inherit` depends on the parent; the registry cannot tell.
        .unknown("inherit", "claude-code"),
    ]

    static let bedrock: [ModelCase] = [
        .pinned("anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock"),
        .pinned("anthropic.claude-3-5-sonnet-20240620-v1:0"),
        .pinned("anthropic.claude-opus-4-6-v1", "bedrock"),
        .pinned("anthropic.claude-sonnet-4-6", "bedrock"),
        .pinned("global.anthropic.claude-opus-4-5-20251101-v1:0"),
        .pinned("us.anthropic.claude-3-7-sonnet-20250219-v1:0", "bedrock"),
        .pinned("eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock"),
        .pinned("apac.anthropic.claude-sonnet-4-20250514-v1:0", "bedrock"),
        .pinned("amazon.nova-pro-v1:0", "bedrock"),
        .pinned("meta.llama3-1-70b-instruct-v1:0"),
        .pinned("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0", "bedrock"),
        .pinned("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6", "bedrock"),
        // Not a Bedrock id: the registry does not guess.
        .unknown("anthropic.claude-sonnet-4-5", "bedrock"),
        .unknown("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3", "bedrock"),
    ]

    static let vertex: [ModelCase] = [
        .pinned("claude-sonnet-4-5@20250929", "vertex"),
        .pinned("claude-3-5-sonnet-v2@20241022"),
        .pinned("publishers/google/models/gemma3@gemma-3-1b-it", "vertex"),
        .pinned("publishers/meta/models/llama3-3@llama-3.3-70b-instruct-fp8"),
        .floating("publishers/meta/models/llama3-3", "vertex", "has no `@version`, so Model Garden deploys the default"),
        .floating("projects/acme/locations/us-central1/publishers/google/models/gemma3", nil,
                  "has no `@version`, so Model Garden deploys the default"),
        .pinned("projects/acme/locations/us-central1/publishers/google/models/gemini-2.0-flash-001", "vertex"),
        .floating("gemini-1.5-pro", "GeminiVertexAI", geminiAlias),
        .pinned("claude-sonnet-4-6", "AnthropicVertexAI"),
    ]

    static let gemini: [ModelCase] = [
        .pinned("gemini-1.5-pro-002", "google"),
        .pinned("gemini-2.0-flash-001"),
        .pinned("gemini-2.0-flash-lite-001", "gemini"),
        .pinned("gemini-embedding-001"),
        .floating("gemini-1.5-pro", "google", geminiAlias),
        .floating("gemini-2.0-flash", nil, geminiAlias),
        // The 2.5 stable ids are the bare names.
        .pinned("gemini-2.5-pro", "google"),
        .pinned("gemini-2.5-pro"),
        .pinned("gemini-2.5-flash"),
        .pinned("gemini-2.5-flash-lite"),
        .floating("gemini-2.5-flash-preview-05-20", "google", preview),
        .floating("gemini-3-pro-preview", nil, preview),
        .floating("gemini-2.0-flash-thinking-exp-01-21", nil, preview),
        .floating("gemini-exp-1206", nil, preview),
        .floating("gemini-flash-latest", nil, newest),
        .pinned("models/gemini-1.5-flash-002", "google"),
        .unknown("gemini-2.5-flash-image", "google"),
    ]

    static let openAI: [ModelCase] = [
        .floating("gpt-4o", "openai", alias),
        .floating("gpt-4o", nil, alias),
        .floating("gpt-4.1", "OpenAI", alias),
        .floating("o3", nil, alias),
        .floating("gpt-5", "openai", alias),
        .floating("o4-mini", nil, alias),
        .pinned("gpt-4o-2024-08-06", "openai"),
        .pinned("gpt-4o-2024-08-06"),
        .pinned("o4-mini-2025-04-16"),
        .pinned("gpt-4.1-2025-04-14"),
        .pinned("gpt-3.5-turbo-0125"),
        .pinned("gpt-4-1106-preview"),
        .floating("chatgpt-4o-latest", nil, newest),
        .floating("gpt-5-chat-latest", "openai", newest),
        // Azure deployments are named by their owners; PIN502 checks the deployment instead.
        .unknown("gpt-4o", "AzureOpenAI"),
        .unknown("gpt-4", "foundry"),
        .unknown("gpt-oss-120b"),
    ]

    static let local: [ModelCase] = [
        .floating("llama3.1", "ollama", noTag),
        .floating("llama3.1:latest", "ollama", latestTag),
        .pinned("llama3.1:8b-instruct-q4_K_M", "ollama"),
        .pinned("llama3:8b-q4", "ollama"),
        .pinned("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", "ollama"),
        .pinned("qwen2.5@sha256:" + String(repeating: "ab", count: 32), "ollama"),
        .floating("AUTODETECT", "ollama", "lets the client pick whatever model the server offers"),
        .floating("ai/qwen3", "dmr", noTag),
        .pinned("ai/qwen3:8B-Q4_K_M", "docker"),
    ]

    static let huggingFace: [ModelCase] = [
        .floating("meta-llama/Llama-3.1-8B-Instruct", "huggingface", noRevision),
        .floating("gpt2", "hf", noRevision),
        .floating("meta-llama/Llama-3.1-8B-Instruct@main", "huggingface", branch),
        .floating("meta-llama/Llama-3.1-8B-Instruct@refs/pr/12", "huggingface", branch),
        .pinned("meta-llama/Llama-3.1-8B-Instruct@0e9e39f249a16976918f6564b8830bc894c89659", "huggingface"),
        .pinned("hf://meta-llama/Llama-3.1-8B-Instruct:0e9e39f", "huggingface"),
        .floating("hf://meta-llama/Llama-3.1-8B-Instruct", "huggingface", noRevision),
        // A tag may or may not move; the registry does not guess. Paths are not repositories.
        .unknown("meta-llama/Llama-3.1-8B-Instruct@v1.0", "huggingface"),
        .unknown("/mnt/models/llama", "huggingface"),
        .unknown("s3://bucket/models/llama", "huggingface"),
        // Without a provider, an `org/model` id could be anything.
        .unknown("meta-llama/Llama-3.1-8B-Instruct"),
    ]

    /// Ids the registry does not know stay unknown, whatever their shape: never "ends in a date".
    static let notGuessed: [ModelCase] = [
        .unknown("mistral-large-2411"),
        .unknown("acme-summarizer-2024-01-01"),
        .unknown("my-model-20250101"),
        .unknown("claude-3-5-sonnet", "anthropic"),
        .unknown(""),
        .floating("mistral-large-latest", nil, newest),
        .floating("mistral-large-latest", "mistral", newest),
    ]

    @Test(arguments: anthropic + claudeCodeAliases + bedrock + vertex + gemini + openAI + local + huggingFace + notGuessed)
    func classifies(_ example: ModelCase) {
        #expect(registry.classify(example.id, provider: example.provider) == example.expected)
    }

    @Test func providerSpellingsAreNormalized() {
        #expect(registry.provider(named: "OpenAI") == "openai")
        #expect(registry.provider(named: "AzureOpenAI") == "azure-openai")
        #expect(registry.provider(named: "azure_openai") == "azure-openai")
        #expect(registry.provider(named: "GeminiVertexAI") == "vertex")
        #expect(registry.provider(named: "Claude Code") == "claude-code")
        #expect(registry.provider(named: "HF") == "huggingface")
        #expect(registry.provider(named: "mistral") == nil)
    }

    @Test func providersAreDetectedFromTheId() {
        #expect(registry.detectProvider(of: "claude-opus-4-7") == "anthropic")
        #expect(registry.detectProvider(of: "us.anthropic.claude-sonnet-4-6") == "bedrock")
        #expect(registry.detectProvider(of: "claude-sonnet-4-5@20250929") == "vertex")
        #expect(registry.detectProvider(of: "gemini-2.5-pro") == "google")
        #expect(registry.detectProvider(of: "o3-mini") == "openai")
        #expect(registry.detectProvider(of: "llama3.1") == nil)
    }

    @Test func surroundingWhitespaceIsIgnored() {
        #expect(registry.classify("  gpt-4o\n", provider: "openai") == .floating(reason: alias))
    }

    @Test func aLaterFileExtendsAProviderAndIsConsultedFirst() {
        let project = """
            providers:
              - provider: openai
                pinned:
                  ids: [gpt-4o]
              - provider: mistral
                detect: ['mistral-.+']
                floating:
                  - reason: is an alias that Mistral moves
                    ids: [mistral-large]
                pinned:
                  patterns: ['mistral-[a-z]+-[0-9]{4}']
            """
        let merged = ModelRegistry(files: EmbeddedRuleFiles.files + [("project/models.yaml", project)])
        #expect(merged.problems.isEmpty, "\(merged.problems)")
        #expect(merged.classify("gpt-4o", provider: "openai") == .pinned)
        #expect(merged.classify("gpt-4.1", provider: "openai") == .floating(reason: alias))
        #expect(merged.classify("mistral-large") == .floating(reason: "is an alias that Mistral moves"))
        #expect(merged.classify("mistral-large-2411") == .pinned)
    }

    @Test func brokenDataIsReportedWithItsLine() {
        let broken = """
            providers:
              - provider: acme
                detect: ['acme-(']
                floating:
                  - ids: [acme-chat]
                also: [nowhere]
                colour: blue
              - names: [nameless]
            """
        let registry = ModelRegistry(files: [("rules/data/broken.yaml", broken)])
        let problems = registry.problems.joined(separator: "\n")
        #expect(problems.contains("broken.yaml:3: pattern `acme-(` is not a valid regular expression"))
        #expect(problems.contains("broken.yaml:5: a floating group needs a `reason`"))
        #expect(problems.contains("broken.yaml:7: unknown key `colour` in provider `acme`"))
        #expect(problems.contains("broken.yaml:8: a provider entry needs `provider`"))
        #expect(problems.contains("names unknown provider `nowhere`"))
        #expect(registry.classify("acme-chat", provider: "acme") == .unknown)
    }
}
