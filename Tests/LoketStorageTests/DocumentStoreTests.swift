import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// The document tables (`DocumentStore`: documents, their events, deliveries and the courier's
/// days), on a real SQLite file and a real PostgreSQL server: what each operation writes and
/// reads back, what opens a document, and that a change is written only at the revision it was
/// read in. The use cases on top (the hand-over at the desk among them) are tested through the
/// API and the pages (LoketHTTPTests).
@Suite(.timeLimit(.minutes(3))) struct DocumentStoreTests {
    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func holder(_ name: String) -> Document.Holder {
        Document.Holder(
            name: name, email: "\(name.lowercased())@example.nl", language: .nl, dateOfBirth: day("1990-05-17"))
    }

    static func registration(_ name: String, readyOn: String) -> DocumentStore.Registration {
        DocumentStore.Registration(
            kind: "residence-card", vNumber: TestPeople.vNumber(name), holder: holder(name), desk: "TS",
            readyOn: day(readyOn), caseSystem: "cs-1")
    }

    /// Runs `body` with the document store (and one signing key for its links) on a new database.
    func withDocuments(
        _ engine: TestDatabase.Engine, _ body: (Stores, DocumentStore) async throws -> Void
    ) async throws {
        let links = try ManageLinkKeys([ManageLinkKeys.randomSecret()])
        try await withStores(engine) { store in
            try await body(store, DocumentStore(database: store.database, logger: TestDatabase.logger, links: links))
        }
    }

    /// Registers `name`'s document, ready on `readyOn`, as the case system does.
    func register(
        _ store: Stores, _ name: String, readyOn: String, now: Date
    ) async throws -> (stored: DocumentStore.Stored, token: String) {
        try await store.database.write { tx in
            try await DocumentStore.insert(Self.registration(name, readyOn: readyOn), now: now, in: tx)
        }
    }

    /// Applies `event` to document `id` as its lifecycle decides and writes it, as a use case does.
    @discardableResult
    func change(
        _ store: Stores, _ id: String, _ event: Document.Event, by: String? = nil, now: Date,
        _ body: @escaping @Sendable (inout Document) throws -> Void
    ) async throws -> DocumentStore.Stored {
        try await store.database.write { tx in
            let stored = try #require(try await DocumentStore.read(id: id, in: tx))
            var document = stored.document
            try body(&document)
            try await DocumentStore.write(document, readIn: stored, event: event, by: by, now: now, in: tx)
            return try #require(try await DocumentStore.read(id: id, in: tx))
        }
    }

    /// The document's history: each event and who did it, in order.
    func events(_ store: Stores, _ id: String) async throws -> [String] {
        try await store.database.session { db in
            try await db.raw("SELECT event, by FROM document_events WHERE document_id = \(bind: id) ORDER BY seq")
                .all().map {
                    let by = try $0.decode(column: "by", as: String?.self)
                    return try $0.decode(column: "event", as: String.self) + (by.map { " by \($0)" } ?? "")
                }
        }
    }

    /// A registered document is read back with every field, in production, with its holder and
    /// the case system's `register` event.
    @Test(arguments: TestDatabase.engines)
    func aRegisteredDocumentIsReadBackWithItsHolder(engine: TestDatabase.Engine) async throws {
        try await withDocuments(engine) { store, documents in
            let now = ManualClock(date: "2022-06-01").now
            let (stored, token) = try await register(store, "Ana", readyOn: "2022-06-03", now: now)
            let id = stored.document.id
            let expected = Document(
                id: id, kind: "residence-card", desk: "TS", readyOn: Self.day("2022-06-03"), status: .inProduction,
                pickupAppointment: nil, delivery: nil, handedOverAt: nil)
            #expect(stored.document == expected)
            #expect(stored.holder == Self.holder("Ana") && stored.vNumber == TestPeople.vNumber("Ana"))
            #expect(!token.isEmpty)
            let read = try await store.database.write { tx in try await DocumentStore.read(id: id, in: tx) }
            #expect(read?.document == expected && read?.holder == Self.holder("Ana"))
            #expect(try await documents.documentForMessage(id: id)?.document == expected)
            #expect(try await documents.documentForMessage(id: "none") == nil)
            #expect(try await events(store, id) == ["register by cs-1"])
        }
    }

    /// Documents in production whose ready day has come are due to arrive; later ones and those
    /// that arrived are not.
    @Test(arguments: TestDatabase.engines)
    func documentsAreDueOnTheirReadyDay(engine: TestDatabase.Engine) async throws {
        try await withDocuments(engine) { store, documents in
            let now = ManualClock(date: "2022-06-01").now
            let first = try await register(store, "Ana", readyOn: "2022-06-01", now: now).stored.document.id
            let second = try await register(store, "Bo", readyOn: "2022-06-02", now: now).stored.document.id
            _ = try await register(store, "Cas", readyOn: "2022-06-03", now: now)
            let arrived = try await register(store, "Dee", readyOn: "2022-05-31", now: now).stored.document.id
            try await change(store, arrived, .arrive, now: now) { try $0.arrive(today: Self.day("2022-06-01")) }
            #expect(Set(try await documents.dueToArrive(today: Self.day("2022-06-02"))) == [first, second])
            #expect(try await documents.dueToArrive(today: Self.day("2022-05-31")).isEmpty)
        }
    }

    /// A change is written only at the revision it was read in: a second write from the same read
    /// is refused with `documentChanged` and neither the status nor the history changes.
    @Test(arguments: TestDatabase.engines)
    func aChangeIsWrittenOnlyAtTheRevisionItWasReadIn(engine: TestDatabase.Engine) async throws {
        try await withDocuments(engine) { store, _ in
            let clock = ManualClock(date: "2022-06-01")
            let id = try await register(store, "Ana", readyOn: "2022-06-01", now: clock.now).stored.document.id
            let (read, arrived) = try await store.database.write { tx in
                let read = try #require(try await DocumentStore.read(id: id, in: tx))
                var arrived = read.document
                try arrived.arrive(today: Self.day("2022-06-01"))
                try await DocumentStore.write(arrived, readIn: read, event: .arrive, now: clock.now, in: tx)
                return (read, arrived)
            }
            var handing = arrived
            try handing.handOver(at: clock.now)
            let handed = handing
            await #expect(throws: Refusal.documentChanged) {
                try await store.database.write { tx in
                    try await DocumentStore.write(handed, readIn: read, event: .handOver, now: clock.now, in: tx)
                }
            }
            let now = try await store.database.write { tx in try await DocumentStore.read(id: id, in: tx) }
            #expect(now?.document.status == .ready && now?.document.handedOverAt == nil)
            #expect(try await events(store, id) == ["register by cs-1", "arrive"])
        }
    }

    /// The customer token always opens its document; the signed link from its emails only for 30
    /// days after the last change and not once the card has reached its holder. Each wrong way
    /// is refused.
    @Test(arguments: TestDatabase.engines)
    func aDocumentOpensWithItsTokenOrItsLink(engine: TestDatabase.Engine) async throws {
        try await withDocuments(engine) { store, documents in
            let clock = ManualClock(date: "2022-06-01")
            let (stored, token) = try await register(store, "Ana", readyOn: "2022-06-01", now: clock.now)
            let id = stored.document.id
            let other = try await register(store, "Bo", readyOn: "2022-06-01", now: clock.now).stored.document.id
            let link = documents.linkToken(document: id)
            let cases: [(id: String, token: String?, refusal: Refusal)] = [
                (id, nil, .documentTokenMissing), (id, "", .documentTokenMissing), ("none", token, .unknownDocument),
                (id, "not-the-token", .unknownDocument), (other, link, .unknownDocument),
            ]
            for example in cases {
                await #expect(throws: example.refusal) {
                    try await documents.document(id: example.id, token: example.token, now: clock.now)
                }
            }
            #expect(try await documents.document(id: id, token: token, now: clock.now).document.id == id)
            #expect(try await documents.document(id: id, token: link, now: clock.now).document.id == id)
            clock.advance(minutes: 30 * 24 * 60 - 1)
            let inTransaction = try await store.database.write { tx in
                try await documents.authorised(id: id, token: link, now: clock.now, in: tx)
            }
            #expect(inTransaction.document.id == id)
            clock.advance(minutes: 1)
            await #expect(throws: Refusal.documentLinkExpired) {
                try await documents.document(id: id, token: link, now: clock.now)
            }
            #expect(try await documents.document(id: id, token: token, now: clock.now).document.id == id)
            // A change starts the 30 days again; a hand-over ends the link for good.
            try await change(store, id, .arrive, now: clock.now) { try $0.arrive(today: Self.day("2022-07-01")) }
            #expect(try await documents.document(id: id, token: link, now: clock.now).document.status == .ready)
            try await change(store, id, .handOver, now: clock.now) { try $0.handOver(at: clock.now) }
            await #expect(throws: Refusal.documentLinkExpired) {
                try await documents.document(id: id, token: link, now: clock.now)
            }
        }
    }

    /// The document a pickup appointment collects is found by that appointment while it is
    /// booked, and by no other; written back as waiting for a choice, it is found no more.
    @Test(arguments: TestDatabase.engines)
    func aCancelledPickupLetsTheDocumentWaitAgain(engine: TestDatabase.Engine) async throws {
        try await withDocuments(engine) { store, _ in
            let now = ManualClock(date: "2022-06-01").now
            let id = try await register(store, "Ana", readyOn: "2022-06-01", now: now).stored.document.id
            try await change(store, id, .arrive, now: now) { try $0.arrive(today: Self.day("2022-06-01")) }
            let booked = try await change(store, id, .bookPickup, now: now) { try $0.bookPickup(appointment: "a-1") }
            #expect(booked.document.status == .pickupBooked && booked.document.pickupAppointment == "a-1")
            let (other, found) = try await store.database.write { tx in
                (
                    try await DocumentStore.pickupDocument(appointment: "a-2", in: tx),
                    try await DocumentStore.pickupDocument(appointment: "a-1", in: tx)
                )
            }
            #expect(other == nil && found?.document == booked.document)
            try await change(store, id, .cancelPickup, now: now) { try $0.cancelPickup() }
            let (cancelled, again) = try await store.database.write { tx in
                (
                    try await DocumentStore.read(id: id, in: tx),
                    try await DocumentStore.pickupDocument(appointment: "a-1", in: tx)
                )
            }
            #expect(again == nil)
            #expect(cancelled?.document.status == .ready && cancelled?.document.pickupAppointment == nil)
            #expect(try await events(store, id) == ["register by cs-1", "arrive", "bookPickup", "cancelPickup"])
        }
    }

    /// The documents ready since before a day are listed (those the application asks whether
    /// they waited too long); those not ready, or ready only from that day, are not.
    @Test(arguments: TestDatabase.engines)
    func documentsReadyBeforeADayAreListed(engine: TestDatabase.Engine) async throws {
        try await withDocuments(engine) { store, documents in
            let now = ManualClock(date: "2022-05-02").now
            let old = try await register(store, "Ana", readyOn: "2022-05-02", now: now).stored.document.id
            let young = try await register(store, "Bo", readyOn: "2022-06-17", now: now).stored.document.id
            let waiting = try await register(store, "Cas", readyOn: "2022-05-02", now: now).stored.document.id
            try await change(store, old, .arrive, now: now) { try $0.arrive(today: Self.day("2022-05-02")) }
            try await change(store, young, .arrive, now: now) { try $0.arrive(today: Self.day("2022-06-17")) }
            #expect(Set(try await documents.readyBefore(Self.day("2022-06-20"))) == [old, young])
            #expect(try await documents.readyBefore(Self.day("2022-06-17")) == [old])
            _ = waiting
            let later = ManualClock(date: "2022-06-20").now
            try await change(store, old, .returnUnclaimed, now: later) {
                try $0.returnUnclaimed(
                    today: Self.day("2022-06-20"), afterWorkingDays: 10,
                    workingDays: WorkingDays(holidays: TestNetwork.network.holidays))
            }
            #expect(try await documents.readyBefore(Self.day("2022-06-20")) == [young])
        }
    }
}
