import Foundation
import LoketTestSupport
import SQLKit
import Testing

@testable import LoketStorage

/// The statements a booking runs on every request go to PostgreSQL as prepared statements: the
/// same rows as unnamed ones, prepared once per connection, and one per set of value types (a nil has its value's).
@Suite(.timeLimit(.minutes(3)), .enabled(if: TestDatabase.engines.contains(.postgres)))
struct PostgresSessionTests {
    /// The prepared statements of the session's connection, by name.
    func prepared(_ db: any SQLDatabase) async throws -> [String: String] {
        let rows = try await db.raw("SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'loket_%'")
            .all()
        var statements: [String: String] = [:]
        for row in rows {
            statements[try row.decode(column: "name", as: String.self)] = try row.decode(
                column: "statement", as: String.self)
        }
        return statements
    }

    /// Runs `body` on one connection to a new database, dropping it afterwards.
    func onOneConnection(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let (database, _, drop) = try await TestDatabase.make(.postgres)
        do {
            try await database.session(body)
        } catch {
            await drop()
            throw error
        }
        await drop()
    }

    @Test func aStatementIsPreparedOnceAndAnswersAsAnUnnamedOne() async throws {
        try await onOneConnection { db in
            #expect(db is PostgresSession)
            let before = try await prepared(db)
            let query: SQLQueryString = "SELECT \(bind: "Ana") || ' ' || \(bind: 7) AS greeting"
            let unnamed = try #require(try await db.raw(query).first())
            for _ in 0..<3 {
                let row = try #require(try await db.firstRow(preparing: query))
                #expect(
                    try row.decode(column: "greeting", as: String.self)
                        == unnamed.decode(column: "greeting", as: String.self))
            }
            let added = try await prepared(db).filter { before[$0.key] == nil }
            #expect(added.count == 1)
            #expect(added.values.first?.contains("SELECT $1 || ' ' || $2 AS greeting") == true)
        }
    }

    /// A nil is bound with the type of what it would hold: a customer without a phone number
    /// runs the same statement as one with, whichever came first on the connection.
    @Test func aNilIsTheSameStatementAsAValue() async throws {
        try await onOneConnection { db in
            let before = try await prepared(db)
            let query = { (name: String?) -> SQLQueryString in "SELECT COALESCE(\(bind: name), 'nobody') AS name" }
            let nobody = try #require(try await db.firstRow(preparing: query(nil)))
            let named = try #require(try await db.firstRow(preparing: query("Ana")))
            let nobodyAgain = try #require(try await db.firstRow(preparing: query(nil)))
            #expect(try nobody.decode(column: "name", as: String.self) == "nobody")
            #expect(try named.decode(column: "name", as: String.self) == "Ana")
            #expect(try nobodyAgain.decode(column: "name", as: String.self) == "nobody")
            #expect(try await prepared(db).filter { before[$0.key] == nil }.count == 1)
        }
    }

    /// Values of other types are another statement: a statement is prepared with its values' types.
    @Test func valuesOfAnotherTypeAreAnotherStatement() async throws {
        try await onOneConnection { db in
            let before = try await prepared(db)
            let number = try #require(try await db.firstRow(preparing: "SELECT \(bind: 7)::text AS value"))
            let text = try #require(try await db.firstRow(preparing: "SELECT \(bind: "seven")::text AS value"))
            #expect(try number.decode(column: "value", as: String.self) == "7")
            #expect(try text.decode(column: "value", as: String.self) == "seven")
            #expect(try await prepared(db).filter { before[$0.key] == nil }.count == 2)
        }
    }

    @Test func noRowIsNoRow() async throws {
        try await onOneConnection { db in
            let found = try await db.firstRow(preparing: "SELECT 1 AS one WHERE \(bind: 1) = 2") != nil
            #expect(!found)
        }
    }

    /// A value PostgresNIO cannot bind by itself (PostgresKit sends it as JSON) goes unprepared.
    @Test func aValueOnlyCodableCanBindIsSentUnnamed() async throws {
        struct Point: Codable, Sendable { let x: Int }
        try await onOneConnection { db in
            let before = try await prepared(db)
            let row = try #require(
                try await db.firstRow(preparing: "SELECT (\(bind: Point(x: 3)))::jsonb ->> 'x' AS x"))
            #expect(try row.decode(column: "x", as: String.self) == "3")
            #expect(try await prepared(db).filter { before[$0.key] == nil }.isEmpty)
        }
    }

    /// PostgresNIO keeps a failed preparation for the life of its connection: after one, the
    /// statement runs again on another connection once it can.
    @Test func aStatementThatCouldNotBePreparedRunsOnceItCan() async throws {
        let (database, _, drop) = try await TestDatabase.make(.postgres)
        do {
            let query: SQLQueryString = "SELECT n FROM later WHERE n = \(bind: 1)"
            await #expect(throws: (any Error).self) {
                try await database.session { db in try await db.firstRow(preparing: query) != nil }
            }
            let found = try await database.session { db in
                try await db.raw("CREATE TABLE later (n integer)").run()
                try await db.raw("INSERT INTO later VALUES (1)").run()
                return try await db.firstRow(preparing: query) != nil
            }
            #expect(found)
        } catch {
            await drop()
            throw error
        }
        await drop()
    }
}
