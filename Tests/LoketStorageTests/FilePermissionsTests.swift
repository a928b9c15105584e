import Foundation
import LoketStorage
import LoketTestSupport
import Testing

/// The SQLite database holds personal data: a new one, and the `-wal` and `-shm` files beside it,
/// are readable and writable by their owner only.
@Suite(.timeLimit(.minutes(3))) struct FilePermissionsTests {
    @Test func aNewDatabaseIsTheOwnersAlone() async throws {
        let (database, path, drop) = try await TestDatabase.make(.sqlite)
        try await database.transaction { db in
            try await db.raw(
                "INSERT INTO service_clients (id, kind, name, key_hash, created_at) VALUES ('a', 'courier', 'x', 'h', 0)"
            ).run()
        }
        for suffix in ["", "-wal", "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path + suffix)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(suffix)")
        }
        await drop()
    }
}
