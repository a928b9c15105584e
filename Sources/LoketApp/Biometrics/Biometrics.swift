import LoketDomain
import LoketStorage

/// Biometrics (biometrie): whether a visit is needed at all under the reuse rules, and the
/// captures recorded at a desk's appointment or reported by the case system.
public struct Biometrics: UseCaseArea {
    let context: UseCaseContext
    let biometricRecordStore: BiometricRecordStore
    /// The rules for reusing biometrics (`biometrics-policy.yaml`).
    public let biometricsPolicy: BiometricsPolicy
}
