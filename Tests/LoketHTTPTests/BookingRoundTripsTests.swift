import Foundation
import LoketApp
import LoketDomain
import LoketTestSupport
import Testing

/// What a booking asks of the database, on both engines: every statement is a round trip to
/// PostgreSQL, and the booking path is the one bots and people hit hardest.
@Suite(.timeLimit(.minutes(3))) struct BookingRoundTripsTests: PageTests {
    static func reads(_ table: String, in statements: [String]) -> Int {
        statements.filter { $0.contains("FROM \(table) ") || $0.hasSuffix("FROM \(table)") }.count
    }

    /// What draws withhold is read once and kept while no draw changes, however many bookings
    /// move the desk's capacity; a change of draw mode is read at the next hold. A hold is one
    /// statement on PostgreSQL; a confirmation reads its hold once and writes everything else
    /// in one more statement, with no transaction around them.
    @Test(arguments: TestDatabase.engines)
    func aBookingAsksTheDatabaseOnlyWhatIsNeeded(engine: TestDatabase.Engine) async throws {
        let log = StatementLog()
        try await TestServer.run(
            engine: engine, network: TestNetwork.single(counters: 2), databaseLogger: log.logger,
            options: Self.quickHashes
        ) { server, api in
            let chef = try await server.loket.staff.createStaff(
                username: "chef", password: Self.password, role: .deskManager, desk: "RACE", by: nil)
            _ = try await WaitlistAPITests.book(api, slot: "20220602-0900-one", name: "First")

            let hold = try await log.recording {
                try await api.post("/api/v1/holds", #"{"desk":"RACE","product":"BIO","slot":"20220602-0910-one"}"#)
            }
            #expect(hold.status == 201)
            #expect(Self.reads("draw_modes", in: log.executed) == 0, "\(log.executed)")
            #expect(Self.reads("draws", in: log.executed) == 0, "\(log.executed)")
            if engine == .postgres {
                // One statement, committing by itself (and the announcement to other servers).
                #expect(log.executed.filter { !$0.hasPrefix("SELECT pg_notify") }.count == 1, "\(log.executed)")
                // Prepared once per connection, not parsed and planned again for every hold.
                #expect(log.prepared.count == 1, "\(log.prepared)")
            }
            log.clear()
            let confirmed = try await log.recording {
                try await api.post(
                    "/api/v1/appointments",
                    #"{"hold":"\#(hold.json["id"] as! String)","holdToken":"\#(hold.json["token"] as! String)","customer":\#(WaitlistAPITests.customer("Second"))}"#
                )
            }
            #expect(confirmed.status == 201)
            #expect(Self.reads("holds", in: log.executed) == 1, "\(log.executed)")
            if engine == .postgres {
                // The hold read, then its confirmation, the claim, the appointment and the
                // message written in one statement that needs no transaction: two round trips.
                // (The hold's announcement goes out in its own time, and may fall in here.)
                #expect(log.executed.filter { !$0.hasPrefix("SELECT pg_notify") }.count == 2, "\(log.executed)")
                #expect(log.executed.filter { $0.hasPrefix("WITH taken AS") }.count == 1, "\(log.executed)")
                #expect(log.prepared.count == 2, "\(log.prepared)")
            }

            // The desk manager switches draw mode on: the next hold reads the draws again.
            try await server.loket.draws.setMode(desk: "RACE", product: "BIO", on: true, staff: chef.id)
            log.clear()
            try await log.recording {
                _ = try await WaitlistAPITests.book(api, slot: "20220602-0920-one", name: "Third")
            }
            #expect(Self.reads("draw_modes", in: log.executed) == 1, "\(log.executed)")
        }
    }

    /// Holds that find what draws withhold unread share one read of it: a crowd of bots at an
    /// entry that just lapsed does not queue a read each for the read connections.
    @Test(arguments: TestDatabase.engines)
    func holdsAtOnceReadTheDrawsOnce(engine: TestDatabase.Engine) async throws {
        let log = StatementLog()
        try await TestServer.run(
            engine: engine, network: TestNetwork.single(counters: 50), databaseLogger: log.logger,
            options: Self.quickHashes
        ) { server, _ in
            let booking = server.loket.booking
            try await log.recording {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<40 {
                        group.addTask {
                            _ = try await booking.hold(
                                desk: "RACE", product: "BIO", persons: 1, slot: "20220602-0900-one", client: nil,
                                idempotency: nil)
                        }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(Self.reads("draws", in: log.executed) == 1, "\(log.executed)")
            #expect(Self.reads("draw_modes", in: log.executed) == 1, "\(log.executed)")
        }
    }
}
