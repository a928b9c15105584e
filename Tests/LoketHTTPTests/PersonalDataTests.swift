import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// Keeping less personal data (issue #10), through the use cases every channel calls: a BSN is
/// checked and dropped.
struct PersonalDataTests {
    static let bsn = "111222333"

    /// Every stored value of `table`, as text, for looking for something that must not be there.
    func dump(_ database: Database, _ table: String) async throws -> String {
        try await database.session { db in
            try await db.raw("SELECT * FROM \(unsafeRaw: table)").all().map { row in
                row.allColumns.map { (try? row.decode(column: $0, as: String?.self)) ?? nil }.compactMap { $0 }
                    .joined(separator: "|")
            }.joined(separator: "\n")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aBSNGivenAtBookingOrOnTheWaitlistIsNotStored(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine) { server, api in
            let hold = try await api.post(
                "/api/v1/holds", #"{"desk":"TS","product":"BIO","persons":1,"slot":"20220602-0900-bio"}"#)
            let customer =
                #"{"name":"Ana Silva","email":"ana@example.nl","vNumber":"1234567890","bsn":"\#(Self.bsn)","language":"en"}"#
            let booked = try await api.post(
                "/api/v1/appointments",
                #"{"hold":"\#(hold.json["id"] as! String)","holdToken":"\#(hold.json["token"] as! String)","customer":\#(customer)}"#
            )
            #expect(booked.status == 201, "\(booked.body)")
            let joined = try await api.post(
                "/api/v1/waitlist",
                #"{"desks":["TS"],"product":"BIO","persons":1,"from":"2022-06-03","to":"2022-06-10","customer":\#(customer)}"#
            )
            #expect(joined.status == 201, "\(joined.body)")
            for table in ["appointments", "waitlist"] {
                let stored = try await dump(server.database, table)
                #expect(stored.contains("ana@example.nl"), "the row is there")
                #expect(!stored.contains(Self.bsn), "no BSN in \(table)")
            }
        }
    }
}
