import ParapetCore
import ParapetSyntax
import Testing

/// The accessors rules use, and the decoding of literal text.
@Suite struct HCLAccessorTests {
    static let source = """
    resource "aws_instance" "web" {
      ami   = "ami-123"
      count = 2
      tags  = { Name = "web", "env" = var.env }
      ebs_block_device { size = 10 }
      ebs_block_device { size = 20 }
    }
    resource "aws_instance" "db" {}
    module "vpc" { source = "./vpc" }
    """

    @Test func bodyLookups() throws {
        let body = parseHCL(Self.source).file.body
        #expect(body.blocks(type: "resource").count == 2)
        #expect(body.blocks(type: "module").first?.labelValues == ["vpc"])
        let web = try #require(body.block(type: "resource", labels: "aws_instance", "web"))
        #expect(web.label(1) == "web" && web.label(2) == nil)
        #expect(body.block(type: "resource", labels: "aws_instance", "nope") == nil)
        #expect(web.body.attribute("ami")?.value.literalString == "ami-123")
        #expect(web.body["count"]?.numberValue == 2)
        #expect(web.body.blocks(type: "ebs_block_device").map { $0.body["size"]?.numberValue } == [10, 20])
        let tags = try #require(web.body["tags"])
        #expect(tags["Name"]?.literalString == "web")
        #expect(tags["env"]?.traversalPath == ["var", "env"])
        #expect(tags.objectItems?.map(\.keyName) == ["Name", "env"])
        #expect(web.body.attribute("missing") == nil)
    }

    @Test func literalsAndTypes() throws {
        let body = parseHCL("a = true\nb = null\nc = 1.5e3\nd = \"x${y}\"\ne = <<EOF\nhi\nEOF\nf = [1, 2]\n").file.body
        #expect(body["a"]?.boolValue == true)
        #expect(body["b"]?.isNull == true)
        #expect(body["c"]?.numberValue == 1500)
        #expect(body["d"]?.literalString == nil)
        #expect(body["e"]?.literalString == "hi\n")
        #expect(body["f"]?.tupleElements?.count == 2)
        #expect(body["a"]?.literalString == nil)
    }

    @Test func traversalPaths() throws {
        let body = parseHCL("""
        a = var.cidr
        b = aws_instance.web[count.index].id
        c = module.vpc.subnets["public"]
        d = local
        e = (var.x).y
        f = upper(var.x)
        """).file.body
        #expect(body["a"]?.traversalPath == ["var", "cidr"])
        #expect(body["a"]?.traversalRoot == "var")
        #expect(body["b"]?.traversalPath == nil)
        #expect(body["b"]?.staticTraversalPrefix == ["aws_instance", "web"])
        #expect(body["c"]?.traversalPath == ["module", "vpc", "subnets", "public"])
        #expect(body["d"]?.traversalPath == ["local"])
        #expect(body["e"]?.traversalPath == nil)
        #expect(body["f"]?.traversalPath == nil)
        #expect(body["f"]?.functionCall?.name == "upper")
    }

    @Test func referencesSkipForVariables() throws {
        let body = parseHCL("""
        a = [for k, v in var.map : "${k}-${v.name}-${local.suffix}" if v.enabled && var.on]
        b = "%{ for s in var.list }${s}${var.sep}%{ endfor }"
        c = { (var.key) = aws_s3_bucket.b.arn, plain = 1 }
        d = f(var.x[var.i])
        """).file.body
        func paths(_ name: String) -> [[String]] {
            (body[name]?.references ?? []).map { $0.staticTraversalPrefix }
        }
        #expect(paths("a") == [["var", "map"], ["local", "suffix"], ["var", "on"]])
        #expect(paths("b") == [["var", "list"], ["var", "sep"]])
        #expect(paths("c") == [["var", "key"], ["aws_s3_bucket", "b", "arn"]])
        #expect(paths("d") == [["var", "x"], ["var", "i"]])
    }

    @Test func providerFunctions() throws {
        let body = parseHCL("a = provider::aws::arn_parse(var.arn).region\nb = max(1, 2)\n").file.body
        guard case .traversal(let call, _)? = body["a"]?.kind, let function = call.functionCall else {
            Issue.record("expected a call followed by an attribute")
            return
        }
        #expect(function.name == "provider::aws::arn_parse")
        #expect(function.provider == "aws")
        #expect(function.baseName == "arn_parse")
        #expect(body["b"]?.functionCall?.provider == nil)
        #expect(body["b"]?.functionCall?.baseName == "max")
    }

    /// Cases of HCL's own spec suite (`specsuite/tests/expressions/heredoc.hcl`).
    @Test func flushHeredocSpecSuite() {
        let body = parseHCL("""
        basic = <<-EOT
          Foo
          Bar
          Baz
          EOT
        indented_more = <<-EOT
              Foo
                Bar
              Baz
            EOT
        indented_less = <<-EOT
              Foo
            Bar
              Baz
            EOT
        newlines_between = <<-EOT
          Foo

          Bar

          Baz
          EOT
        marker_at_suffix = <<EOT
            NOT EOT
            EOT
        """).file.body
        #expect(body["basic"]?.literalString == "Foo\nBar\nBaz\n")
        #expect(body["indented_more"]?.literalString == "Foo\n  Bar\nBaz\n")
        #expect(body["indented_less"]?.literalString == "  Foo\nBar\n  Baz\n")
        #expect(body["newlines_between"]?.literalString == "Foo\n\nBar\n\nBaz\n")
        #expect(body["marker_at_suffix"]?.literalString == "    NOT EOT\n")
    }

    @Test func quotedEscapes() {
        let body = parseHCL(#"a = "q\"b\\s\tt\n\u00e9\U0001F600 $${x} %%{y} $5 100%""#).file.body
        #expect(body["a"]?.literalString == "q\"b\\s\tt\né😀 ${x} %{y} $5 100%")
    }

    /// `<<-` indentation and `~` markers, checked against HashiCorp HCL's results.
    @Test func heredocIndentAndStrip() throws {
        let body = parseHCL("""
        a = <<-EOT
            one
              two

            three
          EOT
        b = <<EOT
          kept ${x}
        EOT
        c = <<-EOT
          %{ for n in l ~}
          - ${n}
          %{ endfor ~}
        EOT
        d = "x ${~ y ~} z"
        """).file.body
        #expect(body["a"]?.literalString == "one\n  two\n\nthree\n")
        let b = try #require(body["b"]?.template?.parts)
        guard case .literal(let kept) = b.first?.kind else {
            Issue.record("expected a literal")
            return
        }
        #expect(kept == "  kept ")
        // As in HCL: `~` strips before `<<-` removes indentation, and stripping the line break
        // after `%{ for ~}` hides that a new line starts, so `  - ` keeps its indentation.
        let c = try #require(body["c"]?.template?.parts)
        guard c.count == 1, case .forDirective(let loop) = c[0].kind else {
            Issue.record("expected one for directive, got \(c)")
            return
        }
        guard loop.body.count == 3, case .literal(let dash) = loop.body[0].kind, case .literal(let newline) = loop.body[2].kind else {
            Issue.record("unexpected loop body \(loop.body)")
            return
        }
        #expect(dash == "  - ")
        #expect(newline == "\n")
        let d = try #require(body["d"]?.template?.parts)
        guard case .literal(let x) = d.first?.kind, case .literal(let z) = d.last?.kind else {
            Issue.record("expected literals around the interpolation")
            return
        }
        #expect(x == "x" && z == "z")
    }
}
