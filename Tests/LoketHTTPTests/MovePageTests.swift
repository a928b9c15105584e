import Foundation
import LoketApp
import LoketDomain
import LoketTestSupport
import Testing

/// Moving an appointment on its page asks first, as cancelling does: the time now, the new time
/// and the changes left after it; only the answer "yes" moves it.
@Suite(.timeLimit(.minutes(3))) struct MovePageTests: PageTests {
    @Test func aMoveIsAskedFirstAndSaysTheChangesLeft() async throws {
        try await TestServer.run { server, api in
            let loket = server.loket
            let booked = try await loket.bookBiometrics("20220602-0900-bio", name: "Ada Lovelace")
            let (id, token) = (booked.appointment.id, booked.manageToken)
            let path = "/manage/\(id)/reschedule"

            let asked = try await post(api, path, ["token": token, "slot": "20220603-1000-bio"])
            #expect(asked.status == 200 && asked.body.contains("Move your appointment?"))
            #expect(asked.body.contains("Thursday 2 June 2022, 09:00–09:10"))
            #expect(asked.body.contains("<strong>Friday 3 June 2022, 10:00–10:10</strong>"))
            #expect(asked.body.contains("After this you can change it 2 more times."))
            #expect(asked.body.contains(#"<input type="hidden" name="confirm" value="1">"#))
            #expect(asked.body.contains("href=\"/manage/\(id)?token=\(token)\">No, keep the time I have</a>"))
            // Nothing moved yet, and nothing was held.
            #expect(try await loket.booking.appointment(id: id, token: token).startTime == LocalTime(text: "09:00"))
            // A time that cannot be read is named, and nothing changes.
            let unreadable = try await post(api, path, ["token": token, "slot": "tomorrow"])
            #expect(unreadable.status == 422)

            let moved = try await post(api, path, ["token": token, "slot": "20220603-1000-bio", "confirm": "1"])
            #expect(moved.status == 303 && moved.headers[.location] == "/manage/\(id)?token=\(token)&moved=1")
            let after = try await loket.booking.appointment(id: id, token: token)
            #expect(after.date == LocalDate(iso: "2022-06-03") && after.startTime == LocalTime(text: "10:00"))
            // The last change allowed says so.
            _ = try await post(api, path, ["token": token, "slot": "20220603-1100-bio", "confirm": "1"])
            let last = try await post(api, path, ["token": token, "slot": "20220603-1200-bio"])
            #expect(last.body.contains("After this you cannot change it again."))
        }
    }

    /// A move refused after its slot was held (no changes left, from a page left open) gives the
    /// slot back at once: nobody else is kept from it until the hold lapses.
    @Test func aRefusedMoveGivesItsSlotBack() async throws {
        try await TestServer.run { server, api in
            let booked = try await server.loket.bookBiometrics("20220602-0900-bio", name: "Ada Lovelace")
            let (id, token) = (booked.appointment.id, booked.manageToken)
            let path = "/manage/\(id)/reschedule"
            for slot in ["20220603-1000-bio", "20220603-1100-bio", "20220603-1200-bio"] {
                let moved = try await post(api, path, ["token": token, "slot": slot, "confirm": "1"])
                #expect(moved.status == 303)
            }
            let refused = try await post(api, path, ["token": token, "slot": "20220603-1300-bio", "confirm": "1"])
            #expect(refused.status >= 400 && refused.status < 500)
            // The new time was held (so the refusal came from the move), and is held no more.
            let holds = try await server.database.session { db in
                try await db.raw("SELECT state FROM holds WHERE date = '2022-06-03' AND start_minute = 780").all()
                    .map { try $0.decode(column: "state", as: String.self) }
            }
            #expect(holds.count == 1 && holds.first != "active", "\(holds)")
            let after = try await server.loket.booking.appointment(id: id, token: token)
            #expect(after.startTime == LocalTime(text: "12:00"))
        }
    }
}
