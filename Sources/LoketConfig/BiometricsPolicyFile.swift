import Foundation
import LoketDomain
import LoketYAML
import Yams

/// Reads the biometrics policy: the one shipped with Loket, or the operator's own.
public enum BiometricsPolicyFile {
    /// The policy shipped with Loket.
    public static var bundledURL: URL { Bundle.module.url(forResource: "biometrics-policy", withExtension: "yaml")! }

    public static func loadBundled() throws -> BiometricsPolicy { try load(bundledURL) }

    public static func load(_ url: URL) throws -> BiometricsPolicy {
        let text = try String(contentsOf: url, encoding: .utf8)
        let policy: BiometricsPolicy
        do {
            policy = try YAMLDecoder().decode(BiometricsPolicy.self, from: text)
        } catch let error as DecodingError {
            throw DeskNetworkFile.Invalid(path: url.path, problems: [DeskNetworkFile.describe(error)])
        }
        let unknown = try UnknownKeys.find(in: text, decoded: policy)
        guard unknown.isEmpty else {
            throw DeskNetworkFile.Invalid(path: url.path, problems: unknown.map { "\($0): unknown key" })
        }
        return policy
    }
}
