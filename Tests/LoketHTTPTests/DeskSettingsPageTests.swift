import Foundation
import LoketDomain
import LoketTestSupport
import Testing

/// The desk manager's settings page: contents first, roster blocks named by what they serve
/// rather than their ids, and the forms folded away until one is used or refused.
@Suite(.timeLimit(.minutes(3))) struct DeskSettingsPageTests: PageTests {
    @Test func blocksAreNamedByWhatTheyServeAndTheFormsFoldUntilNeeded() async throws {
        try await TestServer.run(options: Self.quickHashes) { server, api in
            _ = try await server.loket.staff.createStaff(
                username: "chef", password: Self.password, role: .deskManager, desk: "TS", by: nil)
            let manager = try await signIn(api, "chef")
            let page = try await get(api, "/staff/desks/TS/settings", cookies: [manager], language: "en")
            #expect(page.body.contains(#"<nav aria-labelledby="contents"><h2 id="contents">On this page</h2>"#))
            #expect(
                page.body.contains(
                    #"<option value="bio">Biometrics, Mon, Tue, Wed, Thu, Fri, Sat 08:00–20:00: 2 counters</option>"#))
            #expect(page.body.contains(#"<details><summary id="counters">Counters in a roster block</summary>"#))
            // A change names the block by what it serves, not by its id.
            let saved = try await post(
                api, "/staff/desks/TS/settings/counters",
                ["block": "doc", "from": "2022-06-06", "until": "2022-06-06", "counters": "3"], cookies: [manager],
                language: "en")
            #expect(saved.status == 303)
            let changed = try await get(api, "/staff/desks/TS/settings", cookies: [manager], language: "en")
            #expect(
                changed.body.contains(
                    "Roster block Collect document, Mon, Tue, Wed, Thu, Fri 09:00–12:00 Monday 6 June 2022"))
            // A refused change opens its form, with the error at its field.
            let refused = try await post(
                api, "/staff/desks/TS/settings/counters",
                ["block": "doc", "from": "2022-06-08", "until": "2022-06-07", "counters": "3"], cookies: [manager],
                language: "en")
            #expect(refused.status == 422)
            #expect(refused.body.contains(#"<details open><summary id="counters">"#))
        }
    }
}
