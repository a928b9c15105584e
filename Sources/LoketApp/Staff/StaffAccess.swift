import LoketDomain
import LoketStorage

/// Who may use Loket besides customers: staff accounts, sign-in and sessions, the audit log of
/// their actions, and the API keys of service clients (case systems, couriers).
public struct StaffAccess: UseCaseArea {
    let context: UseCaseContext
    let staffStore: StaffStore
    let serviceClientStore: ServiceClientStore
    let passwordHasher: PasswordHasher
}
