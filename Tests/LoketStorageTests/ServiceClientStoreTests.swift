import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// The service's own clients (`ServiceClientStore`: case systems and couriers), on a real SQLite
/// file and a real PostgreSQL server: each is found by its API key, kept only as a digest that
/// belongs to one client.
@Suite(.timeLimit(.minutes(3))) struct ServiceClientStoreTests {
    /// A client of each kind is found by its own key, whose prefix names the kind; an unknown key
    /// finds nothing.
    @Test(arguments: TestDatabase.engines)
    func aClientIsFoundByItsKey(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clients = ServiceClientStore(database: store.database)
            let now = ManualClock(date: "2022-06-01").now
            let caseSystem = try await clients.add(name: "IND zaaksysteem", kind: .caseSystem, now: now)
            let courier = try await clients.add(name: "Koerier", kind: .courier, now: now)
            #expect(caseSystem.apiKey.hasPrefix("lkcs_") && courier.apiKey.hasPrefix("lkco_"))
            #expect(
                try await clients.client(apiKey: caseSystem.apiKey)
                    == ServiceClient(id: caseSystem.client.id, kind: .caseSystem, name: "IND zaaksysteem"))
            #expect(
                try await clients.client(apiKey: courier.apiKey)
                    == ServiceClient(id: courier.client.id, kind: .courier, name: "Koerier"))
            #expect(try await clients.client(apiKey: "lkcs_not-a-key") == nil)
            #expect(try await clients.client(apiKey: "") == nil)
            #expect(try await clients.client(apiKey: courier.apiKey.uppercased()) == nil)
        }
    }

    /// The key is stored only as its digest, and a digest belongs to one client: the table
    /// refuses a second row with it.
    @Test(arguments: TestDatabase.engines)
    func aKeyIsKeptAsADigestOfOneClient(engine: TestDatabase.Engine) async throws {
        try await withStores(engine) { store in
            let clients = ServiceClientStore(database: store.database)
            let now = ManualClock(date: "2022-06-01").now
            let added = try await clients.add(name: "Koerier", kind: .courier, now: now)
            let digest = try await store.database.session { db in
                try await db.raw("SELECT key_hash FROM service_clients").first()!.decode(
                    column: "key_hash", as: String.self)
            }
            #expect(digest != added.apiKey && !digest.contains(added.apiKey))
            @Sendable func insert(_ id: String, keyHash: String) async throws {
                try await store.database.transaction { db in
                    try await db.raw(
                        """
                        INSERT INTO service_clients (id, kind, name, key_hash, created_at)
                        VALUES (\(bind: id), 'courier', 'Copy', \(bind: keyHash), 0)
                        """
                    ).run()
                }
            }
            // The same row with another digest is written: what is refused next is the digest.
            try await insert("other", keyHash: String(repeating: "0", count: digest.count))
            await #expect(throws: (any Error).self) { try await insert("copy", keyHash: digest) }
            #expect(try await clients.client(apiKey: added.apiKey)?.name == "Koerier")
        }
    }
}
