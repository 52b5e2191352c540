import ArgumentParser
import Foundation
import ParapetCore
import ParapetRules
import ParapetSyntax

/// `make bench` drives this: one stage per process, so each figure has its own peak RSS.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput of one pipeline stage over a directory (for `make bench`).",
        shouldDisplay: false)

    enum Stage: String, ExpressibleByArgument { case parse, scan }

    @Argument(help: "The directory to read.")
    var path: String

    @Option(help: "parse: discover, read and parse only; scan: the whole pipeline.")
    var stage: Stage = .scan

    @Option(help: "Repeat the stage this many times and report the best run.")
    var repeats: Int = 3

    @Option(help: "Worker threads (default: active cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Instead of measuring, write a deterministic corpus of about this many files into PATH.")
    var generate: Int?

    func run() throws {
        if let generate {
            try BenchCorpus.write(files: generate, into: path)
            return
        }
        var options = ScanOptions(roots: [path], workers: workers)
        options.releaseSyntaxTrees = true
        var best = Double.infinity
        var files = 0, bytes = 0, findings = 0
        var stages = ""
        // Peak RSS is read after the first run: the peak of one scan, as a user's process has it.
        // Later runs in the same process start from the allocator's leftovers of earlier ones.
        var rssMB = 0.0
        for run in 0..<max(1, repeats) {
            defer { if run == 0 { rssMB = Self.peakRSSMegabytes() } }
            let start = DispatchTime.now().uptimeNanoseconds
            switch stage {
            case .parse:
                let discovered = try Scan.discover(options)
                let parsed = Scan.load(discovered, options: options)
                files = parsed.count
                bytes = parsed.reduce(0) { $0 + $1.source.bytes.count }
            case .scan:
                let result = try Scan.run(options)
                files = result.files.count
                findings = result.findings.count
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if elapsed < best {
                    stages = result.timings.map { String(format: "%@ %.3f s", $0.stage, $0.seconds) }.joined(separator: ", ")
                }
                bytes = result.files.reduce(0) { sum, file in
                    let absolute = file.path.hasPrefix("/") ? file.path : FileManager.default.currentDirectoryPath + "/" + file.path
                    return sum + ((try? FileManager.default.attributesOfItem(atPath: absolute)[.size] as? Int) ?? 0)
                }
                best = min(best, elapsed)
                continue
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let mb = Double(bytes) / 1_000_000
        let line = String(format: "%-5@ %6d files %8.2f MB %8.3f s %9.1f files/s %7.2f MB/s %7.1f MB peak RSS%@",
                          stage.rawValue as NSString, files, mb, best, Double(files) / best, mb / best, rssMB,
                          (stage == .scan ? " (\(findings) findings)" : "") as NSString)
        print(line)
        if !stages.isEmpty { print("      stages: \(stages)") }
    }

    private static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }
}

/// A deterministic synthetic corpus: Terraform modules, Kubernetes manifests and agent configs.
enum BenchCorpus {
    static func write(files: Int, into directory: String) throws {
        let fm = FileManager.default
        for index in 0..<max(1, files / 4) {
            let folder = "\(directory)/project-\(index / 25)/part-\(index % 25)"
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try terraform(index).write(toFile: "\(folder)/main.tf", atomically: true, encoding: .utf8)
            try kubernetes(index).write(toFile: "\(folder)/deploy.yaml", atomically: true, encoding: .utf8)
            try mcp(index).write(toFile: "\(folder)/.mcp.json", atomically: true, encoding: .utf8)
            try codex(index).write(toFile: "\(folder)/config.toml", atomically: true, encoding: .utf8)
        }
    }

    static func terraform(_ i: Int) -> String {
        (0..<8).map { j in
            """
            variable "cidr_\(j)" {
              type    = string
              default = "10.\(i % 250).\(j).0/24"
            }

            resource "aws_security_group" "sg_\(i)_\(j)" {
              name   = "sg-${var.cidr_\(j)}-\(j)"
              vpc_id = aws_vpc.main.id
              egress {
                from_port   = 0
                to_port     = 0
                protocol    = "-1"
                cidr_blocks = \(j % 3 == 0 ? "[\"0.0.0.0/0\"]" : "[var.cidr_\(j)]")
              }
              tags = merge(local.tags, { Name = "sg-\(j)" })
            }

            resource "aws_db_instance" "db_\(i)_\(j)" {
              identifier          = "db-\(i)-\(j)"
              engine              = "postgres"
              instance_class      = "db.t4g.micro"
              skip_final_snapshot = \(j % 2 == 0)
              deletion_protection = \(j % 2 == 1)
            }

            """
        }.joined(separator: "\n")
    }

    static func kubernetes(_ i: Int) -> String {
        (0..<4).map { j in
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app-\(i)-\(j)
              namespace: ns-\(i % 7)
              labels: &labels
                app: app-\(i)-\(j)
                tier: backend
            spec:
              replicas: 2
              selector:
                matchLabels: *labels
              template:
                metadata:
                  labels: *labels
                spec:
                  containers:
                    - name: app
                      image: registry.example.com/app:\(j % 2 == 0 ? "latest" : "1.\(j).\(i)")
                      resources:
                        limits: { cpu: 500m, memory: 256Mi }
                      readinessProbe: { httpGet: { path: /ready, port: 8080 } }
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: np-\(i)-\(j)
              namespace: ns-\(i % 7)
            spec:
              podSelector:
                matchExpressions:
                  - { key: tier, operator: In, values: [backend] }
              policyTypes: [Ingress\(j % 2 == 0 ? ", Egress" : "")]
            """
        }.joined(separator: "\n---\n") + "\n"
    }

    static func mcp(_ i: Int) -> String {
        """
        {
          // generated
          "mcpServers": {
            "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github\(i % 2 == 0 ? "" : "@2025.4.8")"] },
            "remote": { "type": "http", "url": "https://mcp\(i).example.com/mcp", },
          }
        }

        """
    }

    static func codex(_ i: Int) -> String {
        """
        model = "gpt-4o\(i % 2 == 0 ? "" : "-2024-08-06")"
        approval_policy = "on-request"
        sandbox_mode = "workspace-write"

        [sandbox_workspace_write]
        network_access = \(i % 3 == 0)

        [mcp_servers.docs]
        command = "npx"
        args = ["-y", "@acme/docs-mcp@1.\(i).0"]

        """
    }
}
