import Foundation
import LoketApp
import LoketDomain
import LoketNotifications
import LoketStorage
import LoketTestSupport
import SQLKit
import Synchronization
import Testing

/// The mail dispatcher over a real outbox on both engines, with a transport that records (and
/// fails when told to) and the manual clock: reminders go out at their time and only for the
/// appointment as it stands, and a failed send is tried again after growing pauses.
@Suite(.timeLimit(.minutes(3))) struct MailDispatchTests {
    /// Records each message it is handed; the first `failures` sends fail.
    final class RecordingTransport: MailTransport {
        struct Refused: Error {}
        private let state: Mutex<(attempts: Int, failures: Int, sent: [MailMessage])>

        init(failures: Int = 0) { state = Mutex((0, failures, [])) }

        var attempts: Int { state.withLock { $0.attempts } }
        var sent: [MailMessage] { state.withLock { $0.sent } }

        func send(_ message: MailMessage) async throws {
            try state.withLock {
                $0.attempts += 1
                guard $0.attempts > $0.failures else { throw Refused() }
                $0.sent.append(message)
            }
        }
    }

    struct Setup {
        let loket: Loket
        let database: Database
        let dispatcher: MailDispatcher
        let clock: ManualClock
    }

    /// A Loket that writes messages with reminders a day ahead, and its dispatcher.
    func withMail(
        _ engine: TestDatabase.Engine, _ transport: RecordingTransport, _ body: (Setup) async throws -> Void
    ) async throws {
        let (database, _, drop) = try await TestDatabase.make(engine)
        let clock = ManualClock(date: "2022-06-01", time: "10:00")
        var options = ServerOptions(network: TestNetwork.network)
        options.now = clock.source
        options.mail = MailOptions(transport: transport, from: "loket@example.nl", reminderLead: 24 * 3600)
        let dispatcher = MailDispatcher(
            outbox: OutboxStore(database: database),
            appointments: AppointmentStore(database: database),
            documents: DocumentStore(database: database, logger: TestDatabase.logger, links: options.manageLinkKeys),
            invitations: InvitationStore(database: database, links: options.manageLinkKeys),
            network: TestNetwork.network, transport: transport, from: "loket@example.nl",
            publicURL: "http://127.0.0.1:8080", now: clock.source, logger: TestDatabase.logger)
        let loket = Loket(options: options, database: database, logger: TestDatabase.logger)
        do {
            try await body(Setup(loket: loket, database: database, dispatcher: dispatcher, clock: clock))
        } catch {
            await drop()
            throw error
        }
        await drop()
    }

    func book(_ loket: Loket, _ slot: String, name: String) async throws -> ConfirmedBooking {
        let held = try await loket.booking.hold(
            desk: "TS", product: "BIO", persons: 1, slot: slot, client: nil, idempotency: nil)
        return try await loket.booking.confirm(
            hold: held.hold.id, holdToken: held.token,
            customer: Customer(
                name: name, email: "\(name.lowercased())@example.nl", phone: nil, vNumber: TestPeople.vNumber(name),
                language: .en),
            client: nil, idempotency: nil)
    }

    /// The reminders in the outbox, as (revision, sent, skipped), oldest first.
    func reminders(_ database: Database) async throws -> [String] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT revision, sent_at, skipped_at FROM outbox WHERE kind = 'reminder' ORDER BY send_after
                """
            ).all().map { row in
                let sent = try row.decode(column: "sent_at", as: Int?.self) != nil
                let skipped = try row.decode(column: "skipped_at", as: Int?.self) != nil
                return
                    "r\(try row.decode(column: "revision", as: Int.self)) \(sent ? "sent" : skipped ? "skipped" : "due")"
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func remindersGoOutAtTheirTimeForTheAppointmentAsItStands(engine: TestDatabase.Engine) async throws {
        let transport = RecordingTransport()
        try await withMail(engine, transport) { setup in
            let (loket, clock, dispatcher) = (setup.loket, setup.clock, setup.dispatcher)
            // Friday 3 June 09:00 and 10:00: reminders due Thursday 09:00 and 10:00.
            let ana = try await book(loket, "20220603-0900-bio", name: "Ana")
            let bo = try await book(loket, "20220603-1000-bio", name: "Bo")
            #expect(try await dispatcher.deliverDue() == 2) // the confirmations

            // Bo moves to Tuesday 7 June 09:00 (Monday is Whit Monday; the reminder is due then, at 09:00);
            // Ana cancels.
            let later = try await loket.booking.hold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220607-0900-bio", client: nil, idempotency: nil)
            _ = try await loket.booking.reschedule(
                id: bo.appointment.id, token: bo.manageToken, hold: later.hold.id, holdToken: later.token,
                idempotency: nil)
            _ = try await loket.booking.cancel(id: ana.appointment.id, token: ana.manageToken)
            #expect(try await dispatcher.deliverDue() == 2) // the move and the cancellation

            clock.set(date: "2022-06-02", time: "08:59")
            #expect(try await dispatcher.deliverDue() == 0)
            #expect(try await reminders(setup.database) == ["r0 due", "r0 due", "r1 due"])
            // Both Thursday reminders fall due, for an appointment cancelled and one moved.
            clock.set(date: "2022-06-02", time: "10:00")
            #expect(try await dispatcher.deliverDue() == 0)
            #expect(try await reminders(setup.database) == ["r0 skipped", "r0 skipped", "r1 due"])
            clock.set(date: "2022-06-06", time: "08:59")
            #expect(try await dispatcher.deliverDue() == 0)
            clock.set(date: "2022-06-06", time: "09:00")
            #expect(try await dispatcher.deliverDue() == 1)
            #expect(try await reminders(setup.database) == ["r0 skipped", "r0 skipped", "r1 sent"])
            #expect(
                transport.sent.map(\.to).sorted() == [
                    "ana@example.nl", "ana@example.nl", "bo@example.nl", "bo@example.nl", "bo@example.nl",
                ])
            // The reminder names the appointment as it stands: Tuesday, not Friday.
            #expect(transport.sent.last?.to == "bo@example.nl")
            #expect(transport.sent.last?.text.contains("Tuesday 7 June 2022") == true)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aFailedSendIsTriedAgainAfterGrowingPauses(engine: TestDatabase.Engine) async throws {
        let transport = RecordingTransport(failures: 2)
        try await withMail(engine, transport) { setup in
            let (clock, dispatcher) = (setup.clock, setup.dispatcher)
            _ = try await book(setup.loket, "20220603-0900-bio", name: "Ana")
            #expect(try await dispatcher.deliverDue() == 0)
            #expect(transport.attempts == 1)
            // Not again until 10 s have passed, then 20 s more after the second failure.
            #expect(try await dispatcher.deliverDue() == 0)
            clock.advance(seconds: 9)
            #expect(try await dispatcher.deliverDue() == 0)
            #expect(transport.attempts == 1)
            clock.advance(seconds: 1)
            #expect(try await dispatcher.deliverDue() == 0)
            #expect(transport.attempts == 2)
            clock.advance(seconds: 19)
            #expect(try await dispatcher.deliverDue() == 0)
            #expect(transport.attempts == 2)
            clock.advance(seconds: 1)
            #expect(try await dispatcher.deliverDue() == 1)
            #expect(transport.attempts == 3)
            #expect(transport.sent.map(\.to) == ["ana@example.nl"])
            let row = try await setup.database.session { db in
                try #require(
                    try await db.raw("SELECT attempts, sent_at FROM outbox WHERE kind = 'confirmation'")
                        .first())
            }
            #expect(try row.decode(column: "attempts", as: Int.self) == 3)
            #expect(try row.decode(column: "sent_at", as: Int?.self) != nil)
        }
    }
}
