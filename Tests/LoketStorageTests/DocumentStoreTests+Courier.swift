import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import SQLKit
import Testing

/// The courier's side of the document tables (`DocumentStore+Courier`, and the deliveries and
/// courier days of `DocumentStore+Holder`).
extension DocumentStoreTests {
    static let morning = TimeRange(from: LocalTime(text: "09:00")!, to: LocalTime(text: "13:00")!)
    static let afternoon = TimeRange(from: LocalTime(text: "13:00")!, to: LocalTime(text: "17:00")!)

    static func delivery(on date: String, _ window: TimeRange, postcode: String) -> Delivery {
        Delivery(
            id: DocumentStore.newDeliveryID(), date: day(date), window: window,
            address: DutchAddress(street: "Spui", houseNumber: "70", postcode: postcode, city: "Den Haag"),
            status: .scheduled, reason: nil)
    }

    /// Registers `name`'s document, ready on 1 June, and schedules `delivery` of it.
    func delivered(
        _ store: Stores, _ name: String, _ delivery: Delivery, now: Date
    ) async throws -> DocumentStore.Stored {
        let id = try await register(store, name, readyOn: "2022-06-01", now: now).stored.document.id
        try await change(store, id, .arrive, now: now) { try $0.arrive(today: Self.day("2022-06-01")) }
        try await store.database.write { tx in try await DocumentStore.insert(delivery, document: id, now: now, in: tx)
        }
        return try await change(store, id, .scheduleDelivery, now: now) { try $0.scheduleDelivery(delivery) }
    }

    /// The courier's places of a day are taken up to its limit, counted per day, and given back
    /// when a delivery gives way (never below zero).
    @Test(arguments: TestDatabase.engines)
    func courierPlacesAreTakenUpToTheDaysLimit(engine: TestDatabase.Engine) async throws {
        try await withDocuments(engine) { store, documents in
            let take = { (date: String) in
                try await store.database.write { tx in
                    try await DocumentStore.takeCourierPlace(on: Self.day(date), perDay: 2, in: tx)
                }
            }
            let taken = [try await take("2022-06-08"), try await take("2022-06-08"), try await take("2022-06-08")]
            #expect(taken == [true, true, false])
            #expect(try await take("2022-06-09"))
            let june = Self.day("2022-06-01")...Self.day("2022-06-30")
            #expect(
                try await documents.scheduledPerDay(june) == [Self.day("2022-06-08"): 2, Self.day("2022-06-09"): 1])
            #expect(try await documents.scheduledPerDay(Self.day("2022-06-10")...Self.day("2022-06-30")).isEmpty)
            let delivery = Self.delivery(on: "2022-06-09", Self.morning, postcode: "2511 AB")
            for _ in 0..<2 {
                try await store.database.write { tx in try await DocumentStore.cancelDelivery(delivery, in: tx) }
            }
            #expect(
                try await documents.scheduledPerDay(june) == [Self.day("2022-06-08"): 2, Self.day("2022-06-09"): 0])
        }
    }

    /// A scheduled delivery is read back with its document, counted in its window, and found by
    /// its id until another delivery replaces it or it is cancelled.
    @Test(arguments: TestDatabase.engines)
    func aDeliveryIsReadBackWithItsDocument(engine: TestDatabase.Engine) async throws {
        try await withDocuments(engine) { store, documents in
            let now = ManualClock(date: "2022-06-01").now
            let first = Self.delivery(on: "2022-06-08", Self.morning, postcode: "2511 AB")
            let stored = try await delivered(store, "Ana", first, now: now)
            #expect(stored.document.status == .deliveryScheduled && stored.document.delivery == first)
            _ = try await delivered(
                store, "Bo", Self.delivery(on: "2022-06-08", Self.morning, postcode: "2511 AC"), now: now)
            // Ana's delivery moves to the afternoon: the morning one is cancelled.
            let moved = Self.delivery(on: "2022-06-08", Self.afternoon, postcode: "2511 AB")
            let id = stored.document.id
            try await store.database.write { tx in
                try await DocumentStore.cancelDelivery(first, in: tx)
                try await DocumentStore.insert(moved, document: id, now: now, in: tx)
            }
            try await change(store, id, .scheduleDelivery, now: now) { try $0.scheduleDelivery(moved) }
            let (byOld, byNew, windows) = try await store.database.write { tx in
                (
                    try await DocumentStore.document(delivery: first.id, in: tx),
                    try await DocumentStore.document(delivery: moved.id, in: tx),
                    try await DocumentStore.windowsTaken(on: Self.day("2022-06-08"), in: tx)
                )
            }
            #expect(byOld == nil && byNew?.document.delivery == moved)
            #expect(windows == [Self.morning: 1, Self.afternoon: 1])
            #expect(try await documents.deliveryForMessage(id: first.id) == nil)
            let message = try #require(try await documents.deliveryForMessage(id: moved.id))
            #expect(message.0.document.id == id && message.1 == moved)
            #expect(message.0.holder == Self.holder("Ana"))
        }
    }

    /// The manifest lists a day's deliveries by postcode (cancelled ones left out); the days with
    /// deliveries still scheduled are found until each is dispatched, and the courier's reports
    /// are read back on the manifest.
    @Test(arguments: TestDatabase.engines)
    func theManifestIsFixedAtItsCutoffAndReportedOn(engine: TestDatabase.Engine) async throws {
        try await withDocuments(engine) { store, documents in
            let clock = ManualClock(date: "2022-06-01")
            let hague = try await delivered(
                store, "Ana", Self.delivery(on: "2022-06-08", Self.morning, postcode: "2511 AB"), now: clock.now)
            let amsterdam = try await delivered(
                store, "Bo", Self.delivery(on: "2022-06-08", Self.afternoon, postcode: "1011 AA"), now: clock.now)
            let cancelled = Self.delivery(on: "2022-06-08", Self.morning, postcode: "1000 AA")
            try await store.database.write { tx in
                try await DocumentStore.insert(cancelled, document: hague.document.id, now: clock.now, in: tx)
                try await DocumentStore.cancelDelivery(cancelled, in: tx)
            }
            var lines = try await documents.manifest(date: Self.day("2022-06-08"))
            #expect(lines.map(\.document) == [amsterdam.document.id, hague.document.id])
            #expect(lines.map(\.holderName) == ["Bo", "Ana"] && lines.map(\.desk) == ["TS", "TS"])
            #expect(lines.map(\.delivery) == [amsterdam.document.delivery, hague.document.delivery])
            // The day's scheduled deliveries (not the cancelled one), then dispatched: out, and no
            // longer scheduled.
            #expect(try await documents.scheduledDeliveryDays() == [Self.day("2022-06-08")])
            let scheduled = try await documents.scheduledDeliveries(on: Self.day("2022-06-08"))
            #expect(Set(scheduled) == [hague.document.id, amsterdam.document.id])
            for id in scheduled { try await change(store, id, .dispatch, now: clock.now) { try $0.dispatch() } }
            #expect(try await documents.scheduledDeliveryDays().isEmpty)
            let out = try #require(try await documents.documentForMessage(id: hague.document.id))
            #expect(out.document.status == .outForDelivery && out.document.delivery?.status == .outForDelivery)
            try await store.database.write { tx in
                try await DocumentStore.reported(
                    delivery: try #require(hague.document.delivery).id, delivered: true, reason: nil, in: tx)
                try await DocumentStore.reported(
                    delivery: try #require(amsterdam.document.delivery).id, delivered: false, reason: "not at home",
                    in: tx)
            }
            lines = try await documents.manifest(date: Self.day("2022-06-08"))
            #expect(lines.map(\.delivery.status) == [.failed, .delivered])
            #expect(lines.map(\.delivery.reason) == ["not at home", nil])
            #expect(try await documents.manifest(date: Self.day("2022-06-09")).isEmpty)
        }
    }

    /// Documents that reached their holder (handed over or delivered) on or after a day are
    /// counted with their desk, ready day and the day they were collected.
    @Test(arguments: TestDatabase.engines)
    func collectedDocumentsAreCountedFromTheirEvents(engine: TestDatabase.Engine) async throws {
        try await withDocuments(engine) { store, documents in
            let clock = ManualClock(date: "2022-06-01")
            let desk = try await register(store, "Ana", readyOn: "2022-06-01", now: clock.now).stored.document.id
            try await change(store, desk, .arrive, now: clock.now) { try $0.arrive(today: Self.day("2022-06-01")) }
            let courier = try await delivered(
                store, "Bo", Self.delivery(on: "2022-06-08", Self.morning, postcode: "2511 AB"), now: clock.now)
            _ = try await register(store, "Cas", readyOn: "2022-06-01", now: clock.now)
            clock.set(date: "2022-06-03", time: "23:59")
            try await change(store, desk, .handOver, by: "staff-1", now: clock.now) { try $0.handOver(at: clock.now) }
            clock.set(date: "2022-06-08", time: "10:00")
            try await change(store, courier.document.id, .dispatch, now: clock.now) { try $0.dispatch() }
            try await change(store, courier.document.id, .deliver, by: "courier-1", now: clock.now) {
                try $0.deliver()
            }
            let fromThird = try await documents.collected(since: Self.day("2022-06-03"))
            #expect(
                Set(fromThird) == [
                    CollectionWait.Collected(
                        desk: "TS", readyOn: Self.day("2022-06-01"), collectedOn: Self.day("2022-06-03")),
                    CollectionWait.Collected(
                        desk: "TS", readyOn: Self.day("2022-06-01"), collectedOn: Self.day("2022-06-08")),
                ])
            #expect(
                try await documents.collected(since: Self.day("2022-06-04")).map(\.collectedOn) == [
                    Self.day("2022-06-08")
                ])
            #expect(try await documents.collected(since: Self.day("2022-06-09")).isEmpty)
            #expect(try await events(store, courier.document.id).suffix(2) == ["dispatch", "deliver by courier-1"])
        }
    }
}
