import ParapetCore
import ParapetFacts
import ParapetGraph

struct SecurityGroupUnrestrictedEgressRule: Rule {
    static let metadata = RuleMetadata(
        code: "EGR201", name: "security-group-unrestricted-egress", family: .egress, defaultSeverity: .warning,
        summary: "Finds AWS security group egress rules (default security group included) open to `0.0.0.0/0` or `::/0` on all protocols or all ports.",
        rationale: """
            An egress rule to every address on every port lets a compromised agent or workload send \
            data anywhere and reach any command-and-control server. The CIDR is judged after \
            evaluation: a variable default, `terraform.tfvars`, a local or a module argument that \
            opens it is shown as the place it was decided. A rule narrowed to a port (HTTPS to \
            anywhere) is a deliberate choice and is not flagged; a CIDR that is not known before \
            apply (a data source, a resource attribute) is never guessed.
            """,
        remediation: "Limit egress to the CIDRs, prefix lists or security groups the workload needs, on the ports it uses.",
        examples: [
            .triggering("""
                resource "aws_security_group" "agent" {
                  name = "agent"

                  egress {
                    from_port   = 0
                    to_port     = 0
                    protocol    = "-1"
                    cidr_blocks = [↓"0.0.0.0/0"]
                  }
                }
                """, fileName: "main.tf"),
            .triggering("""
                variable "egress_cidr" {
                  type    = string
                  default = "10.0.0.0/8"
                }

                resource "aws_vpc_security_group_egress_rule" "all" {
                  security_group_id = "sg-0123456789abcdef0"
                  ip_protocol       = "tcp"
                  from_port         = 0
                  to_port           = 65535
                  cidr_ipv4         = ↓var.egress_cidr
                }
                """, fileName: "main.tf", companions: ["terraform.tfvars": "egress_cidr = \"0.0.0.0/0\"\n"]),
            .passing("""
                data "aws_vpc" "main" {
                  default = true
                }

                resource "aws_security_group" "agent" {
                  name = "agent"

                  egress {
                    from_port   = 443
                    to_port     = 443
                    protocol    = "tcp"
                    cidr_blocks = ["0.0.0.0/0"]
                  }

                  egress {
                    from_port   = 0
                    to_port     = 0
                    protocol    = "-1"
                    cidr_blocks = ["10.0.0.0/8", data.aws_vpc.main.cidr_block]
                  }
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for node in context.graph.nodes(.resource) where context.graph.mayExist(node) {
            switch node.type {
            // The default security group's `egress` blocks are managed rules like any group's; one
            // written with no `egress` block loses every egress rule, which is closed, not open.
            case "aws_security_group", "aws_default_security_group":
                for (index, rule) in (node.attributes["egress"]?.elements ?? []).enumerated() {
                    findings += [unrestricted(rule, of: node, shape: .inline, path: "egress[\(index)].")].compactMap { $0 }
                }
            case "aws_security_group_rule" where node.attributes["type"]?.string == "egress":
                findings += [unrestricted(node.attributes, of: node, shape: .inline, path: "")].compactMap { $0 }
            case "aws_vpc_security_group_egress_rule":
                findings += [unrestricted(node.attributes, of: node, shape: .vpcRule, path: "")].compactMap { $0 }
            default:
                continue
            }
        }
        return findings
    }
}

private extension SecurityGroupUnrestrictedEgressRule {
    /// Inline `egress` blocks and `aws_security_group_rule` share attribute names; the newer
    /// `aws_vpc_security_group_egress_rule` has one CIDR per rule and `ip_protocol`.
    enum Shape {
        case inline, vpcRule

        var cidrKeys: [String] { self == .inline ? ["cidr_blocks", "ipv6_cidr_blocks"] : ["cidr_ipv4", "cidr_ipv6"] }
        var protocolKey: String { self == .inline ? "protocol" : "ip_protocol" }
    }

    func unrestricted(_ rule: Value, of node: GraphNode, shape: Shape, path: String) -> Finding? {
        guard let (traffic, trafficDecided) = traffic(rule, shape: shape) else { return nil }
        var open: [(key: String, attribute: Value, element: Value)] = []
        for key in shape.cidrKeys {
            guard let attribute = rule[key], !attribute.isUnknown else { continue }
            for element in attribute.elements where element.string.map(NetworkRange.isAnywhere) == true {
                open.append((key, attribute, element))
            }
        }
        guard let first = open.first else { return nil }
        let related = open.flatMap { $0.attribute.locate($0.element, in: node).related } + trafficDecided
        var cidrs: [String] = []
        for item in open where !cidrs.contains(item.element.display) { cidrs.append(item.element.display) }
        let message = "Egress allows \(traffic) to \(cidrs.map { "`\($0)`" }.joined(separator: " and "))"
        return finding(message, at: first.attribute.locate(first.element, in: node).at, node: node, path: path + first.key,
                       related: related.unique)
    }

    /// The traffic the rule opens, by the one definition every egress rule uses (`TrafficScope`:
    /// protocol `-1` is all traffic and AWS ignores ports then); nil when narrower or not known.
    func traffic(_ rule: Value, shape: Shape) -> (String, [RelatedLocation])? {
        guard let protocolValue = rule[shape.protocolKey] else { return nil }
        let from = rule["from_port"], to = rule["to_port"]
        let ports: PortSpan? = if let low = from?.number, let high = to?.number { .span(low: low, high: high) } else { .unknown("ports are not known") }
        let scope = TrafficScope.of(protocol: protocolValue.scalarString, ports: ports)
        guard scope.isAll else { return nil }
        let evidence = scope == .allTraffic ? protocolValue.evidence : protocolValue.evidence + (from?.evidence ?? []) + (to?.evidence ?? [])
        return (scope.display, evidence)
    }
}
