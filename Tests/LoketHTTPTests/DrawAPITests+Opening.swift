import Foundation
import LoketDomain
import LoketTestSupport
import Testing

/// What a product in draw mode opens: days months away and days this week in draws of their own.
extension DrawAPITests {
    @Test func daysMonthsAwayAndDaysThisWeekAreDrawnApart() async throws {
        // Thursday 2 June: Friday 10 June comes into the horizon, and Tuesday 7 June's reserve
        // comes up for release. Two requests a person cannot compare: two draws.
        try await TestServer.run(network: Self.network(counters: 2, horizonDays: 8, urgentShare: 0.5)) { server, _ in
            try await server.loket.draws.setMode(desk: "RACE", product: "BIO", on: true, staff: "manager")
            server.clock.advance(minutes: 24 * 60)
            #expect(try await server.loket.draws.run().opened == 2)
            let draws = try await server.loket.draws.listed(desk: "RACE", product: "BIO")
            let far = try #require(draws.first { !$0.days.isEmpty })
            let near = try #require(draws.first { !$0.reserveDays.isEmpty })
            #expect(far.days == [LocalDate(iso: "2022-06-10")!] && far.reserveDays.isEmpty)
            #expect(near.reserveDays == [LocalDate(iso: "2022-06-07")!] && near.days.isEmpty)
            #expect(far.places > 0 && near.places > 0)
        }
    }
}
