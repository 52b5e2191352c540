import CTreeSitter
import CTreeSitterHCL

/// The tree-sitter-hcl node kinds the converter tells apart. Symbols are mapped once per parser so
/// that the walk compares small integers instead of type strings.
enum HCLNodeKind: UInt8 {
    case other, error
    // Named nodes.
    case configFile, body, attribute, block, blockStart, blockEnd, identifier, expression
    case literalValue, numericLit, boolLit, nullLit, stringLit, collectionValue
    case tuple, tupleStart, tupleEnd, object, objectStart, objectEnd, objectElem
    case index, newIndex, legacyIndex, getAttr, splat, attrSplat, fullSplat
    case forExpr, forTupleExpr, forObjectExpr, forIntro, forCond
    case variableExpr, functionCall, functionArguments, conditional
    case operation, unaryOperation, binaryOperation
    case templateExpr, quotedTemplate, heredocTemplate, heredocStart, heredocIdentifier, templateLiteral
    case templateInterpolation, templateDirective, templateFor, templateForStart, templateForEnd
    case templateIf, templateIfIntro, templateElseIntro, templateIfEnd, stripMarker, ellipsis, comment
    case quotedTemplateStart, quotedTemplateEnd, interpolationStart, interpolationEnd, directiveStart, directiveEnd
    // Anonymous tokens.
    case equals, colon, comma, openParen, closeParen, question, arrow, dot
    case keywordFor, keywordIn, keywordIf, keywordElse, keywordEndif, keywordEndfor
    case opMultiply, opDivide, opModulo, opPlus, opMinus, opGreater, opGreaterEqual, opLess, opLessEqual
    case opEqual, opNotEqual, opAnd, opOr, opNot

    static let named: [String: HCLNodeKind] = [
        "config_file": .configFile, "body": .body, "attribute": .attribute, "block": .block,
        "block_start": .blockStart, "block_end": .blockEnd, "identifier": .identifier, "expression": .expression,
        "literal_value": .literalValue, "numeric_lit": .numericLit, "bool_lit": .boolLit, "null_lit": .nullLit,
        "string_lit": .stringLit, "collection_value": .collectionValue, "tuple": .tuple, "tuple_start": .tupleStart,
        "tuple_end": .tupleEnd, "object": .object, "object_start": .objectStart, "object_end": .objectEnd,
        "object_elem": .objectElem, "index": .index, "new_index": .newIndex, "legacy_index": .legacyIndex,
        "get_attr": .getAttr, "splat": .splat, "attr_splat": .attrSplat, "full_splat": .fullSplat,
        "for_expr": .forExpr, "for_tuple_expr": .forTupleExpr, "for_object_expr": .forObjectExpr,
        "for_intro": .forIntro, "for_cond": .forCond, "variable_expr": .variableExpr,
        "function_call": .functionCall, "function_arguments": .functionArguments, "conditional": .conditional,
        "operation": .operation, "unary_operation": .unaryOperation, "binary_operation": .binaryOperation,
        "template_expr": .templateExpr, "quoted_template": .quotedTemplate, "heredoc_template": .heredocTemplate,
        "heredoc_start": .heredocStart, "heredoc_identifier": .heredocIdentifier,
        "template_literal": .templateLiteral, "template_interpolation": .templateInterpolation,
        "template_directive": .templateDirective, "template_for": .templateFor,
        "template_for_start": .templateForStart, "template_for_end": .templateForEnd, "template_if": .templateIf,
        "template_if_intro": .templateIfIntro, "template_else_intro": .templateElseIntro,
        "template_if_end": .templateIfEnd, "strip_marker": .stripMarker, "ellipsis": .ellipsis,
        "comment": .comment, "quoted_template_start": .quotedTemplateStart,
        "quoted_template_end": .quotedTemplateEnd, "template_interpolation_start": .interpolationStart,
        "template_interpolation_end": .interpolationEnd, "template_directive_start": .directiveStart,
        "template_directive_end": .directiveEnd,
    ]

    static let anonymous: [String: HCLNodeKind] = [
        "=": .equals, ":": .colon, ",": .comma, "(": .openParen, ")": .closeParen, "?": .question, "=>": .arrow,
        ".": .dot, "for": .keywordFor, "in": .keywordIn, "if": .keywordIf, "else": .keywordElse,
        "endif": .keywordEndif, "endfor": .keywordEndfor, "*": .opMultiply, "/": .opDivide, "%": .opModulo,
        "+": .opPlus, "-": .opMinus, ">": .opGreater, ">=": .opGreaterEqual, "<": .opLess, "<=": .opLessEqual,
        "==": .opEqual, "!=": .opNotEqual, "&&": .opAnd, "||": .opOr, "!": .opNot,
    ]

    var binaryOperator: HCLBinaryOperator? {
        switch self {
        case .opMultiply: .multiply
        case .opDivide: .divide
        case .opModulo: .modulo
        case .opPlus: .add
        case .opMinus: .subtract
        case .opGreater: .greater
        case .opGreaterEqual: .greaterOrEqual
        case .opLess: .less
        case .opLessEqual: .lessOrEqual
        case .opEqual: .equal
        case .opNotEqual: .notEqual
        case .opAnd: .and
        case .opOr: .or
        default: nil
        }
    }

    /// Tokens that a node's value depends on: parentheses, `...`, braces of blocks, operators.
    var isKeptToken: Bool {
        switch self {
        case .openParen, .closeParen, .ellipsis, .blockStart, .blockEnd, .opNot: true
        default: binaryOperator != nil
        }
    }

    /// Kinds whose value is their only child's value when they have just one.
    var passesThrough: Bool {
        switch self {
        case .expression, .literalValue, .collectionValue, .forExpr, .operation, .templateExpr, .index, .splat,
             .templateDirective: true
        default: false
        }
    }

    /// Kinds that count one level of nesting against `ScanLimits.maxDepth`.
    var nests: Bool {
        switch self {
        case .block, .expression, .operation, .templateDirective: true
        default: false
        }
    }
}

/// The tree-sitter-hcl language and its symbol table.
struct HCLGrammar {
    let language: OpaquePointer
    private let kinds: [HCLNodeKind]

    init() {
        language = tree_sitter_hcl()
        let count = Int(ts_language_symbol_count(language))
        var kinds = [HCLNodeKind](repeating: .other, count: count)
        for symbol in 0..<count {
            let id = TSSymbol(symbol)
            guard let cName = ts_language_symbol_name(language, id) else { continue }
            let name = String(cString: cName)
            switch ts_language_symbol_type(language, id) {
            case TSSymbolTypeRegular: kinds[symbol] = HCLNodeKind.named[name] ?? .other
            case TSSymbolTypeAnonymous: kinds[symbol] = HCLNodeKind.anonymous[name] ?? .other
            default: break
            }
        }
        self.kinds = kinds
    }

    @inline(__always)
    func kind(_ node: TSNode) -> HCLNodeKind {
        let symbol = Int(ts_node_symbol(node))
        // ERROR is the built-in symbol 65535, outside the language's table.
        return symbol < kinds.count ? kinds[symbol] : .error
    }
}
