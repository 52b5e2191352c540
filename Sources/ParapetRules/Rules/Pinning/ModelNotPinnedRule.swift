import ParapetCore
import ParapetGraph

struct ModelNotPinnedRule: Rule {
    static let metadata = RuleMetadata(
        code: "PIN501", name: "model-not-pinned", family: .pinning, defaultSeverity: .warning,
        summary: "Finds model references that float: aliases, previews, and models without a version or revision.",
        rationale: """
            An alias such as `gpt-4o` or `claude-sonnet-4-5`, a Model Garden model without \
            `@version`, or a Hugging Face model without a revision moves to new weights when the \
            provider or the repository says so: prompts, evaluations and costs change with no \
            change in review. What is an alias and what is a pinned snapshot is decided by the \
            provider-keyed registry in `rules/data/models.yaml`, never by the shape of the id \
            alone (`claude-sonnet-4-6` and `gemini-2.5-pro` are pinned ids without a date); an id \
            the registry does not know is not reported.
            """,
        remediation: "Name a pinned snapshot (`gpt-4o-2024-08-06`, `publishers/google/models/gemma3@gemma-3-1b-it`) or a revision hash.",
        examples: [
            .triggering("""
                resource "google_vertex_ai_endpoint_with_model_garden_deployment" "gemma" {
                  publisher_model_name = ↓"publishers/google/models/gemma3"
                  location             = "us-central1"
                }

                resource "aws_bedrockagent_agent" "support" {
                  agent_name              = "support"
                  agent_resource_role_arn = "arn:aws:iam::123456789012:role/agent"
                  foundation_model        = "anthropic.claude-sonnet-4-5-20250929-v1:0"
                }
                """, fileName: "main.tf"),
            .triggering("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: llm
                spec:
                  selector:
                    matchLabels: {app: llm}
                  template:
                    metadata:
                      labels: {app: llm}
                    spec:
                      containers:
                        - name: vllm
                          image: vllm/vllm-openai:v0.11.0
                          command: [vllm, serve, ↓meta-llama/Llama-3.1-8B-Instruct]
                """, fileName: "deploy.yaml"),
            .passing("""
                resource "google_vertex_ai_endpoint_with_model_garden_deployment" "gemma" {
                  publisher_model_name = "publishers/google/models/gemma3@gemma-3-1b-it"
                  location             = "us-central1"
                }

                resource "aws_bedrockagent_agent" "support" {
                  agent_name              = "support"
                  agent_resource_role_arn = "arn:aws:iam::123456789012:role/agent"
                  foundation_model        = "anthropic.claude-sonnet-4-6"
                }
                """, fileName: "main.tf"),
            .passing("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: llm
                spec:
                  selector:
                    matchLabels: {app: llm}
                  template:
                    metadata:
                      labels: {app: llm}
                    spec:
                      containers:
                        - name: vllm
                          image: vllm/vllm-openai:v0.11.0
                          command: [vllm, serve, meta-llama/Llama-3.1-8B-Instruct]
                          args: [--revision, 0e9e39f249a16976918f6564b8830bc894c89659]
                """, fileName: "deploy.yaml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let registry = ModelRegistry.builtIn
        let infrastructure = ModelMentions.all(in: context.graph).compactMap { mention -> Finding? in
            guard case .floating(let reason) = registry.classify(mention.lookup, provider: mention.provider) else { return nil }
            return finding("Model `\(mention.id)` \(reason)", at: mention.range, node: mention.node, path: mention.path,
                           related: mention.related)
        }
        return infrastructure + AgentModelReferences.findings(self, context, registry: registry)
    }
}
