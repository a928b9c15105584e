import Foundation
import LoketDomain

/// The service's own systems that call Loket: case systems and couriers, each with an API key.
extension StaffAccess {
    /// Registers a case system or a courier; returns it with its API key, shown once.
    public func addServiceClient(
        name: String, kind: ServiceClient.Kind
    ) async throws -> (
        client: ServiceClient, apiKey: String
    ) {
        try await serviceClientStore.add(name: name, kind: kind, now: now())
    }

    /// The client whose API key this is, if it is of `kind`: 401 for a missing or unknown key,
    /// 403 for a key of another kind (a courier's where a case system's is needed).
    public func serviceClient(apiKey: String?, kind: ServiceClient.Kind) async throws -> ServiceClient {
        guard let apiKey, !apiKey.isEmpty else {
            throw Refusal(
                .unauthorized, field: "Authorization", code: "missing_key",
                "Send the \(kind.rawValue) API key as Authorization: Bearer <key>.")
        }
        guard let client = try await serviceClientStore.client(apiKey: apiKey) else {
            throw Refusal(.unauthorized, field: "Authorization", code: "wrong_key", "This API key is not known.")
        }
        guard client.kind == kind else {
            throw Refusal(
                .forbidden, field: "Authorization", code: "wrong_kind",
                "This is a \(client.kind.rawValue) key; this needs a \(kind.rawValue) key.")
        }
        return client
    }
}
