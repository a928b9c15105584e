import Foundation
import LoketDomain
import Yams

/// Reads the biometrics policy: the one shipped with Loket, or the operator's own.
public enum BiometricsPolicyFile {
    public static func loadBundled() throws -> BiometricsPolicy {
        try load(Bundle.module.url(forResource: "biometrics-policy", withExtension: "yaml")!)
    }

    public static func load(_ url: URL) throws -> BiometricsPolicy {
        try YAMLDecoder().decode(BiometricsPolicy.self, from: String(contentsOf: url, encoding: .utf8))
    }
}
