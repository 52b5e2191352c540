import ParapetCore
import ParapetFacts
import ParapetGraph
import ParapetSyntax
import Testing

/// Builds the graph and facts of in-memory files.
func facts(_ files: [(String, String)]) -> (Graph, Facts) {
    let loader = Loader()
    let parsed = files.compactMap { loader.load(SourceFile(path: $0.0, text: $0.1)) }
    let graph = GraphBuilder.build(parsed)
    return (graph, Facts(graph: graph))
}

func deployment(_ name: String, namespace: String = "agents", labels: String = "app: bot", extra: String = "") -> String {
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: \(name)
      namespace: \(namespace)
    spec:
      template:
        metadata:
          labels: {\(labels)}
        spec:
          containers:
            - name: main
              image: bot:1.0.0
    \(extra)
    """
}

func policy(_ name: String, namespace: String = "agents", selector: String = "{matchLabels: {app: bot}}", types: String? = "[Egress]",
            egress: String? = "[{to: [{namespaceSelector: {matchLabels: {name: gateway}}}]}]") -> String {
    var text = """
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: \(name)
      namespace: \(namespace)
    spec:
      podSelector: \(selector)

    """
    if let types { text += "  policyTypes: \(types)\n" }
    if let egress { text += "  egress: \(egress)\n" }
    return text
}

struct PostureCase: CustomTestStringConvertible, Sendable {
    var name: String
    var files: [(String, String)]
    var state: NetworkPosture.State
    var reason: String
    var testDescription: String { name }
}

@Suite struct NetworkPostureTests {
    static let cases: [PostureCase] = [
        PostureCase(name: "no policy in the namespace", files: [("a.yaml", deployment("bot"))],
                    state: .notIsolated, reason: "namespace `agents` has no NetworkPolicy"),
        PostureCase(name: "a policy of another namespace", files: [("a.yaml", deployment("bot")), ("p.yaml", policy("p", namespace: "other"))],
                    state: .notIsolated, reason: "namespace `agents` has no NetworkPolicy"),
        PostureCase(name: "ingress-only policy selects it", files: [("a.yaml", deployment("bot")), ("p.yaml", policy("p", types: "[Ingress]", egress: nil))],
                    state: .notIsolated, reason: "selected by no NetworkPolicy that restricts egress"),
        PostureCase(name: "egress policy with an allow-list", files: [("a.yaml", deployment("bot")), ("p.yaml", policy("p"))],
                    state: .restricted, reason: "NetworkPolicy `p` restricts egress"),
        PostureCase(name: "egress section without policyTypes", files: [("a.yaml", deployment("bot")), ("p.yaml", policy("p", types: nil))],
                    state: .restricted, reason: "NetworkPolicy `p` restricts egress"),
        PostureCase(name: "deny-all egress", files: [("a.yaml", deployment("bot")), ("p.yaml", policy("p", selector: "{}", egress: nil))],
                    state: .denied, reason: "NetworkPolicy `p` allows no egress traffic"),
        PostureCase(name: "allow-all rule", files: [("a.yaml", deployment("bot")), ("p.yaml", policy("p", egress: "[{}]"))],
                    state: .allowsAll, reason: "NetworkPolicy `p` allows all destinations on all ports"),
        PostureCase(name: "0.0.0.0/0 without except", files: [("a.yaml", deployment("bot")),
                                                               ("p.yaml", policy("p", egress: "[{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]"))],
                    state: .allowsAll, reason: "NetworkPolicy `p` allows traffic to `0.0.0.0/0` on all ports"),
        PostureCase(name: "0.0.0.0/0 with except is an allow-list", files: [("a.yaml", deployment("bot")),
                    ("p.yaml", policy("p", egress: "[{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]}]"))],
                    state: .restricted, reason: "NetworkPolicy `p` restricts egress"),
        PostureCase(name: "selector of other pods", files: [("a.yaml", deployment("bot")), ("p.yaml", policy("p", selector: "{matchLabels: {app: web}}"))],
                    state: .notIsolated, reason: "selected by no NetworkPolicy that restricts egress"),
        PostureCase(name: "unknown policy types of a selecting policy", files: [("main.tf", """
            variable "types" {}
            resource "kubernetes_network_policy" "p" {
              metadata {
                name      = "p"
                namespace = "agents"
              }
              spec {
                pod_selector {}
                policy_types = var.types
              }
            }
            """), ("a.yaml", deployment("bot"))],
                    state: .unknown, reason: "`policyTypes` of NetworkPolicy `p`: variable `types` has no value"),
        PostureCase(name: "unknown selector", files: [("main.tf", """
            variable "app" {}
            resource "kubernetes_network_policy" "p" {
              metadata {
                name      = "p"
                namespace = "agents"
              }
              spec {
                pod_selector {
                  match_labels = { app = var.app }
                }
                policy_types = ["Egress"]
              }
            }
            """), ("a.yaml", deployment("bot"))],
                    state: .unknown, reason: "NetworkPolicy `p` has a pod selector Parapet cannot read (label `app` is variable `app` has no value)"),
        PostureCase(name: "a policy in another deployment unit does not cover it",
                    files: [("envs/prod/a.yaml", deployment("bot")), ("envs/staging/a.yaml", deployment("bot")), ("envs/prod/p.yaml", policy("p"))],
                    state: .notIsolated, reason: "namespace `agents` has no NetworkPolicy"),
        PostureCase(name: "a shared policy covers every unit",
                    files: [("envs/prod/a.yaml", deployment("bot")), ("envs/staging/a.yaml", deployment("bot")), ("p.yaml", policy("p"))],
                    state: .restricted, reason: "NetworkPolicy `p` restricts egress"),
    ]

    @Test(arguments: cases)
    func egressPosture(_ example: PostureCase) throws {
        let (graph, facts) = facts(example.files)
        // The workload read last: in the unit cases, the staging copy.
        let workload = try #require(graph.nodes(.workload).last)
        let posture = try #require(facts.workload(workload.id)?.egress)
        #expect(posture.state == example.state)
        #expect(posture.reason == example.reason)
    }

    @Test func ingressIsJudgedSeparately() throws {
        let (graph, facts) = facts([("a.yaml", deployment("bot")), ("p.yaml", policy("p", types: "[Ingress, Egress]"))])
        let workload = try #require(graph.nodes(.workload).first)
        #expect(facts.workload(workload.id)?.ingress.state == .denied)
        #expect(facts.workload(workload.id)?.egress.state == .restricted)
    }
}

@Suite struct WorkloadFactsTests {
    @Test func containersCarryTheirMissingLimits() throws {
        let (graph, facts) = facts([("a.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: gpu}
            spec:
              initContainers:
                - name: fetch
                  image: fetch:1
                  resources: {limits: {cpu: "1", memory: 1Gi}}
              containers:
                - name: serve
                  image: serve:1
                  resources:
                    requests: {nvidia.com/gpu: 1}
                    limits: {cpu: "2"}
            """)])
        let workload = try #require(graph.nodes(.workload).first)
        let containers = try #require(facts.workload(workload.id)?.containers)
        #expect(containers.map(\.name) == ["fetch", "serve"])
        #expect(containers.map(\.isInit) == [true, false])
        #expect(containers[0].missingLimits.isEmpty)
        #expect(containers[1].missingLimits == ["memory", "nvidia.com/gpu"])
    }

    @Test func quotasCountOnlyWithinTheUnit() throws {
        let quota = "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: agents}\nspec: {hard: {limits.cpu: \"4\"}}\n"
        let (graph, facts) = facts([("envs/prod/a.yaml", deployment("bot")), ("envs/staging/a.yaml", deployment("bot")), ("envs/prod/q.yaml", quota)])
        let quotas = graph.nodes(.workload).map { facts.workload($0.id)?.quotas.count ?? -1 }
        #expect(quotas == [1, 0])
    }

    @Test func servicesAndMonitorsAreFound() throws {
        let service = "apiVersion: v1\nkind: Service\nmetadata: {name: bot, namespace: agents, labels: {app: bot}}\nspec: {selector: {app: bot}}\n"
        let monitor = """
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: bot, namespace: agents}
            spec: {selector: {matchLabels: {app: bot}}}
            """
        let (graph, facts) = facts([("a.yaml", deployment("bot")), ("s.yaml", service), ("m.yaml", monitor)])
        let node = try #require(graph.nodes(.workload).first)
        let workload = try #require(facts.workload(node.id))
        #expect(workload.services.count == 1)
        #expect(workload.monitors.count == 1)
        #expect(workload.serviceAccount.name == "default")
        #expect(workload.isLongRunning)
    }
}

struct TrafficCase: Sendable, CustomTestStringConvertible {
    var proto: String?
    var ports: PortSpan?
    var expected: TrafficScope
    var testDescription: String { "\(proto ?? "nil") \(String(describing: ports))" }
}

@Suite struct TrafficScopeTests {
    static let cases: [TrafficCase] = [
        TrafficCase(proto: "-1", ports: .span(low: 0, high: 0), expected: .allTraffic),
        TrafficCase(proto: "all", ports: nil, expected: .allTraffic),
        TrafficCase(proto: "*", ports: .span(low: 80, high: 80), expected: .allTraffic),
        TrafficCase(proto: "tcp", ports: .span(low: 0, high: 65535), expected: .allPorts(protocol: "tcp")),
        TrafficCase(proto: "TCP", ports: .span(low: 1, high: 65535), expected: .allPorts(protocol: "tcp")),
        TrafficCase(proto: "6", ports: nil, expected: .allPorts(protocol: "tcp")),
        TrafficCase(proto: "udp", ports: .all, expected: .allPorts(protocol: "udp")),
        TrafficCase(proto: "tcp", ports: .span(low: 443, high: 443), expected: .narrower),
        TrafficCase(proto: "tcp", ports: .span(low: 2, high: 65535), expected: .narrower),
        // ICMP has no ports: "every ICMP type to anywhere" is not all traffic, for every rule.
        TrafficCase(proto: "icmp", ports: nil, expected: .narrower),
        TrafficCase(proto: "icmp", ports: .span(low: -1, high: -1), expected: .narrower),
        TrafficCase(proto: "Icmp", ports: .all, expected: .narrower),
        TrafficCase(proto: nil, ports: nil, expected: .unknown("protocol is not known")),
        TrafficCase(proto: "tcp", ports: .unknown("`from_port` is unknown"), expected: .unknown("`from_port` is unknown")),
    ]

    @Test(arguments: cases)
    func scope(_ example: TrafficCase) {
        #expect(TrafficScope.of(protocol: example.proto, ports: example.ports) == example.expected)
    }

    @Test func anywhere() {
        #expect(NetworkRange.isAnywhere("0.0.0.0/0"))
        #expect(NetworkRange.isAnywhere("::/0"))
        #expect(NetworkRange.isAnywhere("Internet"))
        #expect(NetworkRange.isAnywhere("*"))
        #expect(!NetworkRange.isAnywhere("10.0.0.0/8"))
        #expect(!NetworkRange.isAnywhere("0.0.0.0/1"))
    }

    @Test func portSpans() {
        #expect(PortSpan.parse("*") == .all)
        #expect(PortSpan.parse("0-65535") == .span(low: 0, high: 65535))
        #expect(PortSpan.parse("443") == .span(low: 443, high: 443))
        #expect(PortSpan.parse("http") == nil)
        #expect(PortSpan.coversAll([.span(low: 443, high: 443), .span(low: 1, high: 65535)]))
        #expect(!PortSpan.coversAll([.span(low: 443, high: 443)]))
    }
}

/// A namespace of many policies: each workload lists the policies that select it (or cannot be
/// read) and a bounded number of the others, and counts them all, so memory stays linear.
@Suite struct ManyPoliciesTests {
    @Test func bystandersAreBoundedButCounted() throws {
        var files = [("bot.yaml", deployment("bot"))]
        for index in 0..<40 {
            files.append(("p\(index).yaml", policy("other-\(index)", selector: "{matchLabels: {app: other-\(index)}}")))
        }
        files.append(("select.yaml", policy("bot-egress")))
        let (graph, facts) = facts(files)
        let bot = try #require(graph.nodes(.workload).first)
        let egress = try #require(facts.workload(bot.id)).egress
        #expect(egress.policyCount == 41)
        #expect(egress.policies.count == NetworkPosture.listedBystanders + 1)
        #expect(egress.policies.contains { $0.name == "bot-egress" && $0.selects })
        #expect(egress.state == .restricted)
    }

    @Test func withoutASelectingPolicyTheCountStillSaysThereArePolicies() throws {
        var files = [("bot.yaml", deployment("bot"))]
        for index in 0..<20 {
            files.append(("p\(index).yaml", policy("other-\(index)", selector: "{matchLabels: {app: other-\(index)}}")))
        }
        let (graph, facts) = facts(files)
        let bot = try #require(graph.nodes(.workload).first)
        let egress = try #require(facts.workload(bot.id)).egress
        #expect(egress.state == .notIsolated)
        #expect(egress.policyCount == 20)
        #expect(egress.policies.count == NetworkPosture.listedBystanders)
        #expect(egress.reason == "selected by no NetworkPolicy that restricts egress")
    }
}
