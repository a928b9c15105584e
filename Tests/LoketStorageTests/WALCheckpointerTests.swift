import Foundation
import Logging
import SQLKit
import Testing

@testable import LoketStorage

/// The writer's commits reach the database file by the checkpointer's connection: the database
/// file alone, without its write-ahead log, holds them.
@Suite struct WALCheckpointerTests {
    @Test func committedPagesReachTheDatabaseFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loket-wal-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("loket.sqlite").path
        let notes = 40
        let copy = folder.appendingPathComponent("copy.sqlite").path
        try await Self.with(path, checkpointAt: 4) { writer in
            try await writer.withConnection { db in
                try await db.raw("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)").run()
                for _ in 0..<notes {
                    try await db.raw("INSERT INTO notes (body) VALUES (\(bind: String(repeating: "x", count: 2000)))")
                        .run()
                }
            }
            await writer.checkpointer?.idle()
            // The file as it is on disk now, its log left behind: only checkpointed pages are in it.
            try FileManager.default.copyItem(atPath: path, toPath: copy)
        }
        let count = try await Self.with(copy) { reader in
            try await reader.withConnection { db in
                try await db.raw("SELECT count(*) AS n FROM notes").first()?.decode(column: "n", as: Int.self)
            }
        }
        #expect(count == notes)
    }

    /// Runs `body` with a writer on `path`, closed after it whatever happens.
    private static func with<R: Sendable>(
        _ path: String, checkpointAt pages: Int32 = 1000, _ body: (SQLiteWriter) async throws -> R
    ) async throws -> R {
        let writer = try SQLiteWriter(path: path, checkpointAt: pages, logger: Logger(label: "test"))
        do {
            let result = try await body(writer)
            await writer.shutdown()
            return result
        } catch {
            await writer.shutdown()
            throw error
        }
    }
}
