import Foundation
import LoketDomain
import SQLKit

/// The service's own systems that call Loket (case systems, couriers): their API keys, stored
/// only as SHA-256 digests, like partners'.
public struct ServiceClientStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Registers a client; returns it and its API key, shown once.
    public func add(
        name: String, kind: ServiceClient.Kind, now: Date
    ) async throws -> (
        client: ServiceClient, apiKey: String
    ) {
        let id = Identifiers.make()
        let key = (kind == .caseSystem ? "lkcs_" : "lkco_") + Identifiers.token()
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO service_clients (id, kind, name, key_hash, created_at)
                VALUES (\(bind: id), \(bind: kind.rawValue), \(bind: name), \(bind: Identifiers.hash(key)), \(bind: now.millis))
                """
            ).run()
        }
        return (ServiceClient(id: id, kind: kind, name: name), key)
    }

    /// The client whose API key this is, or nil for an unknown key.
    public func client(apiKey: String) async throws -> ServiceClient? {
        let row = try await database.session { db in
            try await db.raw(
                "SELECT id, kind, name FROM service_clients WHERE key_hash = \(bind: Identifiers.hash(apiKey))"
            ).first()
        }
        guard let row else { return nil }
        let stored = try row.decode(model: ClientRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard let kind = ServiceClient.Kind(rawValue: stored.kind) else { return nil }
        return ServiceClient(id: stored.id, kind: kind, name: stored.name)
    }

    /// A `service_clients` row as a key finds it.
    struct ClientRow: Decodable {
        let id: String, kind: String, name: String
    }
}
