import Foundation
import LoketDomain
import LoketYAML
import Yams

/// `loket check`: every problem of a configuration file, each with the line it is on, without
/// starting a server.
public enum ConfigurationCheck {
    public struct Finding: Sendable, CustomStringConvertible {
        public let file: String
        public let line: Int?
        public let problem: String

        /// `file:line: problem`, as compilers and editors read it.
        public var description: String { "\(file):\(line.map(String.init) ?? "?"): \(problem)" }
    }

    /// The problems of the desk network file at `url`; none when it is valid.
    public static func deskNetwork(_ url: URL) -> [Finding] {
        findings(url) { text in _ = try DeskNetworkFile.parse(text, path: url.path) }
    }

    /// The problems of the biometrics policy file at `url`; none when it is valid.
    public static func biometricsPolicy(_ url: URL) -> [Finding] {
        findings(url) { _ in _ = try BiometricsPolicyFile.load(url) }
    }

    static func findings(_ url: URL, _ read: (String) throws -> Void) -> [Finding] {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            return [Finding(file: url.path, line: nil, problem: "cannot be read")]
        }
        do {
            _ = try Yams.compose(yaml: text)
        } catch {
            // Yams says where: "3:7: error: parser: did not find expected ..."
            let said = "\(error)"
            let line = said.split(separator: ":", maxSplits: 1).first.flatMap { Int($0) }
            let problem = line == nil ? said : String(said.drop { $0 != " " }.dropFirst())
            return [Finding(file: url.path, line: line, problem: "not YAML: \(problem)")]
        }
        do {
            try read(text)
            return []
        } catch let invalid as DeskNetworkFile.Invalid {
            return invalid.problems.map { problem in
                // A problem starts with the path it is about: `desks[DH].roster[1]: ...`.
                let path = problem.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
                return Finding(file: url.path, line: YAMLLocation.line(of: path, in: text), problem: problem)
            }
        } catch {
            return [Finding(file: url.path, line: nil, problem: "\(error)")]
        }
    }
}
