import ParapetCore
import Testing
@testable import ParapetSyntax

private func kind(_ path: String, _ text: String) -> FileKind? {
    Loader().load(SourceFile(path: path, text: text))?.kind
}

@Suite struct FileClassifierShapeTests {
    @Test func jsonByShape() {
        #expect(kind("x/servers.json", #"{"mcpServers": {"gh": {"command": "npx"}}}"#) == .mcpConfig)
        #expect(kind("x/servers.json", #"{"mcpServers": {"gh": {"command": "npx", "autoApprove": ["read"]}}}"#) == .clineMCP)
        #expect(kind("x/servers.json", #"{"mcpServers": {"gh": {"command": "npx", "alwaysAllow": ["read"]}}}"#) == .rooMCP)
        #expect(kind("x/settings.json", #"{"general": {}, "mcpServers": {}}"#) == .geminiSettings)
        #expect(kind("x/mcp.json", #"{"servers": {"gh": {"type": "stdio", "command": "npx"}}}"#) == .vscodeMCP)
        #expect(kind("x/s.json", #"{"permissions": {"allow": ["Read"]}}"#) == .claudeSettings)
        #expect(kind("x/s.json", #"{"hooks": {"PreToolUse": []}}"#) == .claudeSettings)
        #expect(kind("plan.json", #"{"format_version": "1.2", "resource_changes": []}"#) == .terraformPlan)
        #expect(kind("card.json", #"{"name": "A", "url": "https://a", "skills": [], "capabilities": {}}"#) == .a2aCard)
        #expect(kind("package.json", #"{"name": "web", "version": "1.0.0"}"#) == nil)
    }

    @Test func claudeSettingsOutsideDotClaudeAreKnownByTheirOwnKeys() {
        #expect(kind("templates/claude.json", #"{"enableAllProjectMcpServers": true}"#) == .claudeSettings)
        #expect(kind("config/claude.json", #"{"$schema": "https://json.schemastore.org/claude-code-settings.json", "model": "opus"}"#) == .claudeSettings)
        #expect(kind("config/app.json", #"{"model": "opus", "env": {"A": "1"}}"#) == nil)
    }

    @Test func skillsAndCopilotAgentsAreNotSubagents() {
        let front = "---\nname: release\ndescription: Cut a release\nmodel: sonnet\ntools: Read\n---\nBody\n"
        #expect(kind(".claude/skills/release/SKILL.md", front) == .claudeSkill)
        #expect(kind("plugins/x/skills/release/SKILL.md", front) == .claudeSkill)
        #expect(kind(".github/agents/release.agent.md", front) == .copilotAgent)
        #expect(kind(".github/agents/release.md", front) == .copilotAgent)
        #expect(kind(".github/chatmodes/plan.chatmode.md", front) == .copilotAgent)
        #expect(kind(".github/workflows/smoke.md", front) == .agenticWorkflow)
        #expect(kind(".claude/commands/frontend/review.md", front) == .claudeCommand)
        #expect(kind(".claude/agents/release.md", front) == .claudeSubagent)
        #expect(kind("docs/agents/release.md", front) == .claudeSubagent)
    }

    @Test func kubernetesObjectsWrittenAsJSONAreKubernetes() {
        #expect(kind("k8s/deploy.json", #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "a"}}"#) == .kubernetes)
        #expect(kind("k8s/pod.json", #"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}"#) == .kubernetes)
        #expect(kind("out.json", #"{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Pod"}]}"#) == .kubernetes)
        #expect(kind("k8s/agent.json", #"{"apiVersion": "kagent.dev/v1alpha2", "kind": "Agent", "metadata": {"name": "a"}}"#) == .kagent)
        // Other JSON with a `kind`, or an `apiVersion` that is not a Kubernetes API version.
        #expect(kind("package.json", #"{"name": "web", "version": "1.0.0", "kind": "module"}"#) == nil)
        #expect(kind("tsconfig.json", #"{"compilerOptions": {"target": "es2022"}, "kind": "Config"}"#) == nil)
        #expect(kind("x/api.json", #"{"apiVersion": "2.0", "kind": "Config"}"#) == nil)
        #expect(kind("x/api.json", #"{"apiVersion": "v1", "kind": "not a type"}"#) == nil)
        #expect(kind("x/list.json", #"{"apiVersion": "v1", "kind": "List"}"#) == nil)
        #expect(kind("plan.json", #"{"format_version": "1.2", "resource_changes": [], "apiVersion": "v1", "kind": "Plan"}"#) == .terraformPlan)
        #expect(kind(".mcp.json", #"{"apiVersion": "v1", "kind": "Pod", "mcpServers": {}}"#) == .claudeMCP)
    }

    @Test func yamlByShape() {
        #expect(kind("k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n") == .kubernetes)
        #expect(kind("k8s/agent.yaml", "apiVersion: kagent.dev/v1alpha2\nkind: Agent\nmetadata: {name: a}\n") == .kagent)
        #expect(kind("crew/agents.yaml", "r:\n  role: R\n  goal: G\n  backstory: B\n") == .crewaiAgents)
        #expect(kind("crew/tasks.yaml", "t:\n  description: D\n  expected_output: O\n") == .crewaiTasks)
        #expect(kind("team.yaml", "agents:\n  root:\n    model: openai/gpt-4o\n    instruction: Help.\n") == .cagent)
        #expect(kind("root_agent.yaml", "name: helper\nmodel: gemini-2.5-flash\ninstruction: Help.\n") == .adkAgent)
        #expect(kind(".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n") == nil)
        #expect(kind(".github/workflows/ai.yml", "on: push\njobs:\n  a:\n    steps:\n      - uses: anthropics/claude-code-action@v1\n") == .agentWorkflow)
        #expect(kind("values.yaml", "replicaCount: 2\nimage: {repository: x}\n") == nil)
    }

    @Test func helmTemplatesAreRecognisedBeforeParsing() {
        #expect(kind("chart/templates/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n") == .helmTemplate)
    }

    @Test func aBrokenManifestIsStillReportedAsKubernetes() {
        let parsed = Loader().load(SourceFile(path: "k8s/bad.yaml", text: "apiVersion: v1\nkind: Pod\nmetadata: [\n"))
        #expect(parsed?.kind == .kubernetes)
        #expect(parsed?.diagnostics.contains { $0.kind == .parseError } == true)
    }
}
