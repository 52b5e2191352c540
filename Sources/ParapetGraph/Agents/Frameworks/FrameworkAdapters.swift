/// Adapters of agent frameworks, prompt files, agent cards and cloud model resources.
let frameworkAdapters: [any AgentAdapter.Type] = [
    CodexConfigAdapter.self,
    ContinueConfigAdapter.self,
    CrewAIAdapter.self,
    CagentAdapter.self,
    ADKAgentAdapter.self,
    GitHubPromptAdapter.self,
    PromptyAdapter.self,
    A2ACardAdapter.self,
    LangGraphAdapter.self,
]

/// Adapters that read the lowered graph: kagent objects (an Agent's ModelConfig and tool servers
/// may be in any file of the scan) and Terraform resources.
let frameworkGraphAdapters: [any GraphAgentAdapter.Type] = [
    KagentAdapter.self,
    BedrockAgentAdapter.self,
    AzureOpenAIDeploymentAdapter.self,
    VertexModelGardenAdapter.self,
]
