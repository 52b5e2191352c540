import ParapetCore
import ParapetFacts
import ParapetGraph

struct FirewallUnrestrictedEgressRule: Rule {
    static let metadata = RuleMetadata(
        code: "EGR205", name: "firewall-unrestricted-egress", family: .egress, defaultSeverity: .warning,
        summary: "Finds GCP firewall and Azure network security rules that allow egress to anywhere on all ports.",
        rationale: """
            A GCP `EGRESS` firewall rule that allows `0.0.0.0/0` (written, or implied by leaving out \
            `destination_ranges`), or an Azure `Outbound` `Allow` rule to `*`, `Internet` or \
            `0.0.0.0/0`, lets the instances behind it send data anywhere. As for security groups, \
            a rule narrowed to some ports is a deliberate choice and is not flagged, and values \
            not known before apply are never guessed.
            """,
        remediation: "Allow egress only to the destination ranges or service tags the workload needs, on the ports it uses.",
        examples: [
            .triggering("""
                resource "google_compute_firewall" "agents" {
                  name               = "agents-egress"
                  network            = "default"
                  direction          = "EGRESS"
                  destination_ranges = [↓"0.0.0.0/0"]

                  allow {
                    protocol = "all"
                  }
                }

                resource "azurerm_network_security_rule" "out" {
                  name                        = "any-out"
                  priority                    = 100
                  direction                   = "Outbound"
                  access                      = "Allow"
                  protocol                    = "*"
                  source_port_range           = "*"
                  destination_port_range      = "*"
                  source_address_prefix       = "*"
                  destination_address_prefix  = ↓"Internet"
                  resource_group_name         = "rg"
                  network_security_group_name = "nsg"
                }
                """, fileName: "main.tf"),
            .passing("""
                resource "google_compute_firewall" "agents" {
                  name               = "agents-egress"
                  network            = "default"
                  direction          = "EGRESS"
                  destination_ranges = ["0.0.0.0/0"]

                  allow {
                    protocol = "tcp"
                    ports    = ["443"]
                  }
                }

                resource "azurerm_network_security_rule" "out" {
                  name                        = "vnet-out"
                  priority                    = 100
                  direction                   = "Outbound"
                  access                      = "Allow"
                  protocol                    = "*"
                  source_port_range           = "*"
                  destination_port_range      = "*"
                  source_address_prefix       = "*"
                  destination_address_prefix  = "VirtualNetwork"
                  resource_group_name         = "rg"
                  network_security_group_name = "nsg"
                }
                """, fileName: "main.tf"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for node in context.graph.nodes(.resource) where context.graph.mayExist(node) {
            switch node.type {
            case "google_compute_firewall":
                findings += [googleFirewall(node)].compactMap { $0 }
            case "azurerm_network_security_rule":
                findings += [azureRule(node.attributes, of: node, path: "")].compactMap { $0 }
            case "azurerm_network_security_group":
                for (index, rule) in (node.attributes["security_rule"]?.elements ?? []).enumerated() {
                    findings += [azureRule(rule, of: node, path: "security_rule[\(index)].")].compactMap { $0 }
                }
            default:
                continue
            }
        }
        return findings
    }
}

private extension FirewallUnrestrictedEgressRule {
    func googleFirewall(_ node: GraphNode) -> Finding? {
        let rule = node.attributes
        guard rule["direction"]?.string?.uppercased() == "EGRESS", rule["disabled"]?.bool != true,
              rule["disabled"]?.isUnknown != true,
              let all = (rule["allow"]?.elements ?? []).first(where: googleAllowsAllPorts) else { return nil }
        let traffic = googleScope(all).display
        guard let ranges = rule["destination_ranges"] else {
            // Without destination ranges (or address groups, FQDNs, …) an egress rule covers every address.
            let otherDestinations = rule.members?.contains { $0.key.hasPrefix("destination_") } ?? false
            guard !otherDestinations, let direction = rule["direction"] else { return nil }
            return finding("Egress allows \(traffic) to `0.0.0.0/0`: no `destination_ranges`", at: direction.range,
                           node: node, path: "direction", related: direction.provenance(outside: node, what: "`EGRESS`").unique)
        }
        guard !ranges.isUnknown, let open = ranges.elements.first(where: { $0.string.map(NetworkRange.isAnywhere) == true }) else { return nil }
        let (at, related) = ranges.locate(open, in: node)
        return finding("Egress allows \(traffic) to `\(open.display)`", at: at, node: node, path: "destination_ranges", related: related.unique)
    }

    /// An `allow` block without `ports` allows every port of its protocol.
    func googleAllowsAllPorts(_ allow: Value) -> Bool { googleScope(allow).isAll }

    func googleScope(_ allow: Value) -> TrafficScope {
        TrafficScope.of(protocol: allow["protocol"]?.string, ports: Self.ports(allow["ports"].map { [$0] } ?? nil))
    }

    /// The spans written in port attributes, joined: all when one covers every port; nil when no
    /// port attribute is written.
    static func ports(_ values: [Value]?) -> PortSpan? {
        guard let values else { return nil }
        var spans: [PortSpan] = []
        for value in values {
            if let reason = value.unknownReason { return .unknown(reason) }
            for element in value.elements {
                guard let text = element.scalarString, let span = PortSpan.parse(text) else { continue }
                spans.append(span)
            }
        }
        return PortSpan.coversAll(spans) ? .all : .span(low: 0, high: 0)
    }

    func azureRule(_ rule: Value, of node: GraphNode, path: String) -> Finding? {
        guard rule["direction"]?.string?.lowercased() == "outbound", rule["access"]?.string?.lowercased() == "allow",
              let proto = rule["protocol"]?.string else { return nil }
        let written = ([rule["destination_port_range"]] + (rule["destination_port_ranges"]?.elements ?? [])).compactMap { $0 }
        // Azure requires a port range; one that is absent is not guessed to be all ports.
        let scope = TrafficScope.of(protocol: proto, ports: written.isEmpty ? .unknown("no destination port range") : Self.ports(written))
        guard scope.isAll else { return nil }
        for key in ["destination_address_prefix", "destination_address_prefixes"] {
            guard let prefixes = rule[key], !prefixes.isUnknown,
                  let open = prefixes.elements.first(where: { $0.string.map(NetworkRange.isAnywhere) == true }) else { continue }
            let traffic = scope.display
            let (at, related) = prefixes.locate(open, in: node)
            return finding("Outbound rule allows \(traffic) to `\(open.display)`", at: at, node: node, path: path + key, related: related.unique)
        }
        return nil
    }
}
