import Foundation
import LoketConfig
import Testing

/// `loket check`: each problem of a configuration file with the line it is on.
struct ConfigurationCheckTests {
    func findings(_ text: String, policy: Bool = false) throws -> [String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let found = policy ? ConfigurationCheck.biometricsPolicy(url) : ConfigurationCheck.deskNetwork(url)
        return found.map { $0.description.replacingOccurrences(of: url.path, with: "FILE") }
    }

    @Test func theShippedFilesAreValid() {
        #expect(ConfigurationCheck.deskNetwork(DeskNetworkFile.bundledURL).isEmpty)
        #expect(ConfigurationCheck.biometricsPolicy(BiometricsPolicyFile.bundledURL).isEmpty)
    }

    @Test func eachProblemNamesItsLine() throws {
        var lines = try String(contentsOf: DeskNetworkFile.bundledURL, encoding: .utf8).components(separatedBy: "\n")
        let slot = try #require(lines.firstIndex { $0.hasPrefix("slotMinutes:") })
        lines[slot] = "slotMinutes: 7"
        let roster = try #require(lines.firstIndex { $0.contains("{id: doc, products: [DOC]") })
        lines[roster] = lines[roster].replacingOccurrences(of: "counters: 6}", with: "counters: 6, countrs: 3}")
        let found = try findings(lines.joined(separator: "\n"))
        #expect(found.contains("FILE:\(slot + 1): slotMinutes: must divide 60"))
        #expect(found.contains { $0.hasPrefix("FILE:\(roster + 1): desks[") && $0.hasSuffix(".countrs: unknown key") })
        // A problem about a desk by its code finds the desk's roster line too.
        #expect(found.contains { $0.hasPrefix("FILE:\(roster + 1): desks[AM].roster[doc].hours: must align") })
    }

    @Test func aFileThatIsNotYAMLSaysWhere() throws {
        let found = try findings("a: 1\n  b: [\n", policy: true)
        #expect(found.count == 1 && found[0].hasPrefix("FILE:2: not YAML:"))
        let missing = try findings("rules: {}\n", policy: true)
        #expect(missing.count == 1 && missing[0].hasPrefix("FILE:"))
    }
}
