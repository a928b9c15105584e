import Foundation
import LoketDomain
import LoketYAML
import Yams

/// Reads the biometrics policy: the one shipped with Loket, or the operator's own.
public enum BiometricsPolicyFile {
    public static func loadBundled() throws -> BiometricsPolicy {
        try load(Bundle.module.url(forResource: "biometrics-policy", withExtension: "yaml")!)
    }

    public static func load(_ url: URL) throws -> BiometricsPolicy {
        let text = try String(contentsOf: url, encoding: .utf8)
        let policy = try YAMLDecoder().decode(BiometricsPolicy.self, from: text)
        let unknown = try UnknownKeys.find(in: text, decoded: policy)
        guard unknown.isEmpty else {
            throw DeskNetworkFile.Invalid(path: url.path, problems: unknown.map { "\($0): unknown key" })
        }
        return policy
    }
}
