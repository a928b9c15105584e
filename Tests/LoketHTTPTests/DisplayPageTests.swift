import Foundation
import LoketApp
import LoketDomain
import LoketTestSupport
import Testing

/// The waiting-room screen: who stands at a counter now (a served customer leaves it), who is
/// next ("your turn soon"), and a chime once for each new call.
@Suite(.timeLimit(.minutes(3))) struct DisplayPageTests: PageTests {
    @Test func theScreenShowsTheCallsNowTheNextAndChimesOnceForANewCall() async throws {
        let clock = ManualClock(date: "2022-06-01", time: "08:00")
        try await TestServer.run(clock: clock) { server, api in
            let loket = server.loket
            var ids: [String] = []
            for (index, time) in ["0800", "0810", "0820", "0830", "0840"].enumerated() {
                let booked = try await loket.bookBiometrics("20220602-\(time)-bio", name: "Person \(index)")
                ids.append(booked.appointment.code!)
            }
            clock.advance(minutes: 24 * 60)
            for code in ids { _ = try await loket.deskDay.checkIn(code: code, desk: "TS", staff: "clerk") }
            let first = try #require(try await loket.deskDay.callNext(desk: "TS", counter: "3", staff: "clerk"))

            let screen = try await api.get("/display/TS")
            #expect(screen.body.contains("<tr><td>B001</td><td>3</td></tr>"))
            #expect(screen.body.contains("<ol><li>B002</li><li>B003</li><li>B004</li></ol>"))
            #expect(screen.headers[.contentSecurityPolicy]?.contains("media-src 'self'") == true)
            // The reload carries the moment of the latest call the screen knew; a later call
            // chimes, once, and the first load of a screen stays quiet.
            #expect(!screen.body.contains("<audio"))
            let seen = try #require(screen.body.firstMatch(of: #/url=/display/TS\?seen=(\d+)"/#)).1
            #expect(
                try await api.get("/display/TS?seen=0").body.contains(
                    #"<audio src="/static/chime.wav" autoplay></audio>"#))
            #expect(!(try await api.get("/display/TS?seen=\(seen)").body.contains("<audio")))
            #expect(try await api.get("/static/chime.wav").headers[.contentType] == "audio/wav")

            // Served: off the screen, and no chime for it; the next call chimes.
            _ = try await loket.deskDay.finishVisit(
                appointment: first.appointment.id, desk: "TS", outcome: .served, staff: "clerk")
            let after = try await api.get("/display/TS?seen=\(seen)")
            #expect(!after.body.contains("<tr><td>B001</td>") && !after.body.contains("<audio"))
            clock.advance(minutes: 1)
            _ = try await loket.deskDay.callNext(desk: "TS", counter: "5", staff: "clerk")
            let next = try await api.get("/display/TS?seen=\(seen)")
            #expect(next.body.contains("<tr><td>B002</td><td>5</td></tr>") && next.body.contains("<audio"))
            #expect(next.body.contains("<ol><li>B003</li><li>B004</li><li>B005</li></ol>"))
        }
    }
}
