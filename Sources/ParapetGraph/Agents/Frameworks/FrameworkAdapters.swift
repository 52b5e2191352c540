/// Adapters of agent frameworks, prompt files, agent cards and cloud model resources.
let frameworkAdapters: [any AgentAdapter.Type] = []
let frameworkGraphAdapters: [any GraphAgentAdapter.Type] = []
