import ParapetCore

/// A string template: a quoted string or a heredoc. Literal parts hold decoded text: escapes
/// resolved (quoted strings), `$${` and `%%{` unescaped, indentation removed (`<<-`) and
/// whitespace stripped next to `~` markers, so that evaluating a template needs no source.
public struct HCLTemplate: Sendable, Equatable {
    public enum Style: Sendable, Hashable {
        case quoted
        /// `<<EOF` (`flush` false) or `<<-EOF` (`flush` true, common indentation removed).
        case heredoc(marker: String, flush: Bool)
    }

    public var style: Style
    public var parts: [HCLTemplatePart]

    public init(style: Style, parts: [HCLTemplatePart]) {
        self.style = style
        self.parts = parts
    }

    /// The text when the template is only literal text (no interpolation, no directive).
    public var literalString: String? {
        var text = ""
        for part in parts {
            guard case .literal(let chunk) = part.kind else { return nil }
            text += chunk
        }
        return text
    }
}

/// Whether a `~` strip marker is on the left (`${~`, `%{~`) or right (`~}`) of a tag.
public struct HCLStrip: Sendable, Hashable {
    public var left: Bool
    public var right: Bool

    public init(left: Bool = false, right: Bool = false) {
        self.left = left
        self.right = right
    }

    public static let none = HCLStrip()
}

public struct HCLTemplatePart: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Decoded literal text; the range is the raw source text it came from.
        case literal(String)
        /// `${ expression }`
        indirect case interpolation(HCLExpression, strip: HCLStrip)
        /// `%{ if }` … `%{ else }` … `%{ endif }`
        indirect case ifDirective(HCLTemplateIf)
        /// `%{ for }` … `%{ endfor }`
        indirect case forDirective(HCLTemplateFor)
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

public struct HCLTemplateIf: Sendable, Equatable {
    public var condition: HCLExpression
    public var then: [HCLTemplatePart]
    /// Nil when there is no `%{ else }`.
    public var `else`: [HCLTemplatePart]?
    public var ifStrip: HCLStrip
    public var elseStrip: HCLStrip?
    public var endStrip: HCLStrip

    public init(condition: HCLExpression, then: [HCLTemplatePart], else: [HCLTemplatePart]?, ifStrip: HCLStrip,
                elseStrip: HCLStrip?, endStrip: HCLStrip) {
        self.condition = condition
        self.then = then
        self.else = `else`
        self.ifStrip = ifStrip
        self.elseStrip = elseStrip
        self.endStrip = endStrip
    }
}

public struct HCLTemplateFor: Sendable, Equatable {
    public var keyVariable: String?
    public var valueVariable: String
    public var collection: HCLExpression
    public var body: [HCLTemplatePart]
    public var forStrip: HCLStrip
    public var endStrip: HCLStrip

    public init(keyVariable: String?, valueVariable: String, collection: HCLExpression, body: [HCLTemplatePart],
                forStrip: HCLStrip, endStrip: HCLStrip) {
        self.keyVariable = keyVariable
        self.valueVariable = valueVariable
        self.collection = collection
        self.body = body
        self.forStrip = forStrip
        self.endStrip = endStrip
    }
}
