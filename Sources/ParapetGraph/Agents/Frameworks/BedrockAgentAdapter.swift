import ParapetCore
import ParapetSyntax

/// `aws_bedrockagent_agent` resources, and `awscc_bedrock_agent` of the Cloud Control provider
/// (the same CloudFormation `AWS::Bedrock::Agent` schema, written as attributes), read from the
/// graph after Terraform lowering: one profile per resource, named by its address.
///
/// What it fills: the model (`foundation_model`, provider `bedrock`); the token cap (each
/// `prompt_override_configuration.prompt_configurations[*].inference_configuration.max_length`;
/// unknowable when the override block is dynamic over a value not known before apply); tools
/// (each `aws_bedrockagent_agent_action_group` whose `agent_id` references the agent: a
/// `RETURN_CONTROL` executor hands every call back to the caller, so it needs approval; a Lambda
/// executor runs on its own; a function with `require_confirmation = "ENABLED"` asks; built-in
/// `AMAZON.*` signatures such as the code interpreter are tools of their own; disabled groups are
/// denied); telemetry (an `aws_bedrock_model_invocation_logging_configuration` anywhere in the
/// configuration, since it covers the account and region). The Cloud Control agent holds its
/// action groups inline (`action_groups = [{ … }]`, functions at `function_schema.functions`) and
/// names the token cap `maximum_length`. Links: `defined-by` the resource,
/// `guarded-by` the `aws_bedrock_guardrail` its guardrail configuration references. Sandbox,
/// approval mode and endpoint are not Terraform's to say.
struct BedrockAgentAdapter: GraphAgentAdapter {
    static func profiles(in graph: Graph) -> [AgentProfile] {
        let groups = TerraformAI.resources("aws_bedrockagent_agent_action_group", in: graph)
        let logging = TerraformAI.resources("aws_bedrock_model_invocation_logging_configuration", in: graph)
        let agents = TerraformAI.resources("aws_bedrockagent_agent", in: graph) + TerraformAI.resources("awscc_bedrock_agent", in: graph)
        return agents.map { node in
            let cloudControl = node.type == "awscc_bedrock_agent"
            var profile = AgentProfile(name: node.displayAddress, format: node.origin, range: node.range)
            let body = node.attributes
            profile.links.append((label: .definedBy, address: "\(node.address)", range: node.range))
            profile.models = TerraformAI.model(body["foundation_model"], provider: "bedrock").map { .present([$0]) } ?? .absent

            profile.budgetKinds = [.tokens]
            let overrides = body["prompt_override_configuration"]?.elements ?? []
            if overrides.contains(where: \.isUnknown) {
                profile.budgetKinds = []
            }
            for override in overrides where !override.isUnknown {
                for configuration in override["prompt_configurations"]?.elements ?? [] {
                    let type = configuration["prompt_type"]?.scalarString ?? "?"
                    let key = cloudControl ? "maximum_length" : "max_length"
                    for inference in configuration["inference_configuration"]?.elements ?? [] {
                        if let cap = TerraformAI.cap(.tokens, inference[key],
                                                     setting: "prompt_configurations[\(type)].inference_configuration.\(key)") {
                            profile.budgets.append(cap)
                        }
                    }
                }
            }

            var tools: [ToolGrant] = []
            for group in groups {
                let agentID = group.attributes.member("agent_id")?.value
                guard TerraformAI.referenced(from: group, within: agentID, in: graph).contains(where: { $0.id == node.id }) else { continue }
                tools += grants(of: group.attributes, owner: "\(group.address)", range: group.range)
            }
            if cloudControl, let inline = body["action_groups"] {
                if inline.isUnknown {
                    tools.append(ToolGrant(pattern: "action_groups", kind: .toolset, approval: .unknown, range: inline.range,
                                           source: "\(node.address) action_groups not known before apply"))
                }
                for (index, group) in (inline.list ?? []).enumerated() {
                    tools += grants(of: group, owner: "\(node.address) action_groups[\(index)]", range: group.range)
                }
            }
            profile.tools = Manifest.listed(tools)

            let sinks = logging.flatMap { configuration -> [TelemetrySink] in
                let config = configuration.attributes.at("logging_config")
                var destinations: [(String, SourceRange)] = []
                if let group = config?.at("cloudwatch_config.log_group_name") { destinations.append(("cloudwatch:\(group.display)", group.range)) }
                if let bucket = config?.at("s3_config.bucket_name") { destinations.append(("s3:\(bucket.display)", bucket.range)) }
                if destinations.isEmpty { destinations.append(("\(configuration.address)", configuration.range)) }
                // Invocation logs record each model call with its tool use: also the audit of tool calls.
                return destinations.flatMap { [TelemetrySink(kind: .logs, destination: $0.0, range: $0.1), TelemetrySink(kind: .toolAudit, destination: $0.0, range: $0.1)] }
            }
            profile.telemetry = Manifest.listed(sinks)

            for guardrail in TerraformAI.referenced(from: node, within: body["guardrail_configuration"], in: graph)
            where ["aws_bedrock_guardrail", "aws_bedrock_guardrail_version", "awscc_bedrock_guardrail", "awscc_bedrock_guardrail_version"].contains(guardrail.type) {
                profile.links.append((label: .guardedBy, address: "\(guardrail.address)", range: body["guardrail_configuration"]?.range ?? node.range))
            }
            return profile
        }
    }

    /// The grants of one action group: an `aws_bedrockagent_agent_action_group`'s attributes, or
    /// an element of an `awscc_bedrock_agent`'s `action_groups`. `owner` names it in sources.
    static func grants(of body: Value, owner: String, range whole: SourceRange) -> [ToolGrant] {
        let name = body["action_group_name"]?.scalarString ?? owner
        let range = body["action_group_name"]?.range ?? whole
        if let state = body["action_group_state"], state.scalarString == "DISABLED" {
            return [ToolGrant(pattern: name, kind: .toolset, approval: .denied, range: state.range, source: "\(owner) action_group_state = DISABLED")]
        }
        if let signature = body["parent_action_group_signature"], let text = signature.scalarString {
            return [ToolGrant(pattern: text, kind: .builtin, approval: .auto, range: signature.range, source: "\(owner) parent_action_group_signature")]
        }
        let executor = body["action_group_executor"]?.elements.first
        let approval: Approval
        let source: String
        var decided = executor?.range ?? range
        if let control = executor?["custom_control"], control.scalarString == "RETURN_CONTROL" {
            (approval, source, decided) = (.required, "action_group_executor.custom_control = RETURN_CONTROL", control.range)
        } else if let lambda = executor?["lambda"], !lambda.isNull {
            (approval, source, decided) = (.auto, "action_group_executor.lambda", lambda.range)
        } else {
            (approval, source) = (.unknown, "action_group_executor not known")
        }
        var grants = [ToolGrant(pattern: name, kind: .toolset, approval: approval, range: decided, source: "\(owner) \(source)")]
        let functions = (body.at("function_schema.member_functions")?.elements.flatMap { $0["functions"]?.elements ?? [] } ?? [])
            + (body.at("function_schema.functions")?.elements ?? [])
        for function in functions {
            guard let functionName = function["name"], let text = functionName.scalarString else { continue }
            let confirmed = function["require_confirmation"]?.scalarString == "ENABLED"
            grants.append(ToolGrant(pattern: "\(name).\(text)", kind: .builtin, approval: confirmed ? .required : approval, range: functionName.range,
                                    source: confirmed ? "\(owner) require_confirmation = ENABLED" : "\(owner) \(source)"))
        }
        return grants
    }
}
