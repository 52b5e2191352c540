import ParapetCore
import ParapetGraph

/// A model named in the graph: what the model registry is asked, and where the name is written.
struct ModelMention {
    /// As shown in messages: the id, with `@revision` when one was given.
    var id: String
    /// What the registry classifies (Hugging Face: `org/model@revision`).
    var lookup: String
    var provider: String?
    var range: SourceRange
    /// Where the name was decided when not at `range`: a variable default, a container env var.
    var related: [RelatedLocation] = []
    var node: GraphNode
    var path: String
}

/// Where Terraform and Kubernetes name models: attributes listed in
/// `rules/data/model-attributes.yaml`, vLLM servers, and KServe InferenceServices.
enum ModelMentions {
    static func all(in graph: Graph, data: RuleData = .builtIn) -> [ModelMention] {
        var mentions: [ModelMention] = []
        for node in graph.nodes(.resource) where graph.mayExist(node) {
            for attribute in data.modelAttributes[node.type] ?? [] {
                for value in values(at: attribute.path, in: node.attributes) {
                    guard let id = value.string else { continue }
                    mentions.append(ModelMention(id: id, lookup: id, provider: attribute.provider, range: value.range,
                                                 related: value.evidence.unique, node: node, path: attribute.path))
                }
            }
        }
        for workload in graph.nodes(.workload) {
            mentions += PodTemplate.all(of: workload).flatMap(\.allContainers).compactMap { vllm($0, in: workload) }
        }
        for object in graph.nodes(.kubernetesObject) where isInferenceService(object) {
            mentions += kserve(object)
        }
        return mentions
    }

    /// Every value at a dotted path, looking into every block of a repeated nested block.
    static func values(at path: String, in root: Value) -> [Value] {
        path.split(separator: ".").reduce([root]) { values, key in
            values.flatMap(\.elements).compactMap { $0[String(key)] }
        }
    }

    /// `vllm serve <model>`, `--model <id>`, or the first argument of a vLLM image's entrypoint,
    /// with `--revision`. Kubernetes `$(VAR)` references are expanded from the container's env.
    static func vllm(_ container: Value, in node: GraphNode) -> ModelMention? {
        let command = ContainerCommand(container)
        let image = container["image"]?.string?.lowercased() ?? ""
        guard image.contains("vllm") || command.words.contains(where: { $0.text.contains("vllm") }) else { return nil }
        var model = command.word(after: "serve", where: { $0.hasSuffix("vllm") }) ?? command.option("--model")
        if model == nil, container["command"] == nil, image.contains("vllm"), let first = command.words.first,
           !first.text.hasPrefix("-") {
            model = first
        }
        guard let model else { return nil }
        let name = container["name"]?.string ?? ""
        return mention(model, revision: command.option("--revision"), command: command, node: node, path: "containers.\(name).model")
    }

    static func isInferenceService(_ node: GraphNode) -> Bool {
        node.type.hasPrefix("serving.kserve.io/") && node.type.hasSuffix("/InferenceService")
    }

    /// A predictor's `storageUri: hf://org/model[:hash]`, the Hugging Face runtime's `--model_id`
    /// with `--model_revision`, and vLLM in custom predictor containers.
    static func kserve(_ object: GraphNode) -> [ModelMention] {
        guard let predictor = object.attributes.at("spec.predictor") else { return [] }
        var mentions: [ModelMention] = []
        for key in ["model", "huggingface"] {
            guard let model = predictor[key] else { continue }
            if let uri = model["storageUri"], let text = uri.string, text.hasPrefix("hf://") {
                mentions.append(ModelMention(id: text, lookup: text, provider: "huggingface", range: uri.range,
                                             related: uri.evidence.unique, node: object, path: "predictor.\(key).storageUri"))
            }
            let command = ContainerCommand(model)
            if let id = command.option("--model_id"),
               let found = mention(id, revision: command.option("--model_revision"), command: command, node: object,
                                   path: "predictor.\(key).args") {
                mentions.append(found)
            }
        }
        return mentions + (predictor["containers"]?.elements ?? []).compactMap { vllm($0, in: object) }
    }

    /// A Hugging Face mention for a model word and its revision word, once both are expanded.
    static func mention(_ model: ContainerCommand.Word, revision: ContainerCommand.Word?, command: ContainerCommand, node: GraphNode,
                        path: String) -> ModelMention? {
        var related: [RelatedLocation] = []
        guard let id = command.expand(model, into: &related) else { return nil }
        var lookup = id
        if let revision {
            guard let text = command.expand(revision, into: &related) else { return nil }
            lookup += "@" + text
        }
        return ModelMention(id: lookup, lookup: lookup, provider: "huggingface", range: model.value.range,
                            related: related.unique, node: node, path: path)
    }
}

/// A container's `command` and `args` as words, each with the value that wrote it. A string with
/// spaces (a `sh -c` script) is split into words that share its value.
struct ContainerCommand {
    struct Word {
        var text: String
        var value: Value
    }

    var words: [Word] = []
    /// Literal env values by name, for `$(VAR)` expansion.
    var environment: [String: Value] = [:]

    init(_ container: Value) {
        for key in ["command", "args"] {
            for value in container[key]?.elements ?? [] {
                guard let text = value.string else { continue }
                let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
                    .map { String($0).trimmingQuotes }.filter { !$0.isEmpty && $0 != "\\" }
                words += parts.map { Word(text: $0, value: value) }
            }
        }
        for variable in container["env"]?.elements ?? [] {
            if let name = variable["name"]?.string, let value = variable["value"], value.string != nil {
                environment[name] = value
            }
        }
    }

    /// The word after `keyword` when the word before it passes `test` (`vllm serve <model>`).
    func word(after keyword: String, where test: (String) -> Bool) -> Word? {
        for index in words.indices.dropFirst() where words[index].text == keyword && test(words[index - 1].text) {
            if index + 1 < words.count, !words[index + 1].text.hasPrefix("-") { return words[index + 1] }
        }
        return nil
    }

    /// The value of `--flag value` or `--flag=value`.
    func option(_ flag: String) -> Word? {
        for (index, word) in words.enumerated() {
            if word.text == flag, index + 1 < words.count { return words[index + 1] }
            if word.text.hasPrefix(flag + "=") { return Word(text: String(word.text.dropFirst(flag.count + 1)), value: word.value) }
        }
        return nil
    }

    /// The word with Kubernetes `$(VAR)` references replaced by the container's literal env
    /// values; nil when one is not known (`valueFrom`, undeclared) or the word is a shell `$VAR`.
    func expand(_ word: Word, into related: inout [RelatedLocation]) -> String? {
        var text = Substring(word.text), out = ""
        while let dollar = text.firstIndex(of: "$") {
            out += text[..<dollar]
            let rest = text[text.index(after: dollar)...]
            guard rest.first == "(", let close = rest.firstIndex(of: ")") else { return nil }
            let name = String(rest[rest.index(after: rest.startIndex)..<close])
            guard let value = environment[name], let literal = value.string else { return nil }
            related.append(RelatedLocation(range: value.range, message: "`\(name)` is set here"))
            out += literal
            text = rest[rest.index(after: close)...]
        }
        return out + text
    }
}

private extension String {
    var trimmingQuotes: String {
        var text = Substring(self)
        while let first = text.first, first == "\"" || first == "'" { text = text.dropFirst() }
        while let last = text.last, last == "\"" || last == "'" { text = text.dropLast() }
        return String(text)
    }
}
