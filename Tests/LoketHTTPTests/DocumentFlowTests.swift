import Foundation
import LoketApp
import LoketConfig
import LoketDomain
import LoketTestSupport
import Testing

/// A document from production to its holder, through the use cases on both engines: ready,
/// then delivered by the courier, or collected at the desk where it lies; a failed delivery
/// sends it back to the desk, ready again.
@Suite(.timeLimit(.minutes(3))) struct DocumentFlowTests {
    /// The test network's desk TS (DOC 09:00–12:00, one counter), with courier delivery from TS
    /// to the whole country, two deliveries a day.
    static let network = try! DeskNetworkFile.parse(
        TestNetwork.yaml + """

            documents:
              courier: {desks: [TS], postcodes: ["1000-9999"], perDay: 2, windows: ["09:00-13:00", "13:00-17:00"], daysOffered: 5}
            """)

    static let holder = Documents.HolderInput(
        name: "Ada Lovelace", email: "ada@example.nl", language: "en", dateOfBirth: "1990-12-10")

    /// Announces a residence card for Ada, ready at TS on `readyOn`.
    static func register(
        _ loket: Loket, readyOn: String = "2022-06-02", vNumber: String = "1234567890"
    )
        async throws -> (id: String, token: String)
    {
        let registered = try await loket.documents.registerDocument(
            kind: "residence-card", vNumber: vNumber, holder: holder, desk: "TS", readyOn: readyOn, caseSystem: "case")
        return (registered.document.id, registered.customerToken)
    }

    @Test(arguments: TestDatabase.engines)
    func aDocumentIsReadyOnItsDayThenDeliveredByTheCourier(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { server, _ in
            let loket = server.loket
            let (id, token) = try await Self.register(loket)
            #expect(try await loket.documents.document(id: id, token: token).document.status == .inProduction)
            // Thursday 2 June, 08:00: its day has come.
            server.clock.advance(minutes: 22 * 60)
            try await loket.documents.runDocuments()
            let ready = try await loket.documents.document(id: id, token: token)
            #expect(ready.document.status == .ready && ready.deliveryOffered)
            // Friday's manifest is fixed on Thursday at 16:00; until then Friday is on offer.
            #expect(ready.deliveryDays.first == LocalDate(iso: "2022-06-03"))
            let delivery = try await loket.documents.scheduleDocumentDelivery(
                id: id, token: token, street: "Lange Voorhout", houseNumber: "1", postcode: "2514ea", city: "Den Haag",
                date: "2022-06-03", dateOfBirth: "1990-12-10")
            #expect(delivery.address.postcode == "2514 EA" && delivery.window == TimeRange(text: "09:00-13:00"))
            // Moved to Monday while the manifest is open; Friday's place goes back.
            let moved = try await loket.documents.scheduleDocumentDelivery(
                id: id, token: token, street: "Lange Voorhout", houseNumber: "1", postcode: "2514 EA", city: "Den Haag",
                date: "2022-06-07", dateOfBirth: "1990-12-10")
            #expect(moved.date == LocalDate(iso: "2022-06-07"))
            // Friday 3 June, 16:00: Tuesday's manifest is fixed (Monday 6 June is Whit Monday, so its
            // working day before is Friday), and the courier gets it.
            server.clock.advance(minutes: (24 + 8) * 60)
            let manifest = try await loket.documents.courierManifest(date: "2022-06-07")
            #expect(manifest.map(\.document) == [id] && manifest.first?.delivery.status == .outForDelivery)
            #expect(try await loket.documents.document(id: id, token: token).document.status == .outForDelivery)
            // Too late to move it now.
            let late = await #expect(throws: Refusal.self) {
                try await loket.documents.scheduleDocumentDelivery(
                    id: id, token: token, street: "Plein", houseNumber: "2", postcode: "2511 CR", city: "Den Haag",
                    date: "2022-06-08", dateOfBirth: "1990-12-10")
            }
            #expect(late?.code == "document_out_for_delivery")
            let done = try await loket.documents.reportDelivery(
                id: moved.id, status: "delivered", reason: nil, courier: "ipkd")
            #expect(done.status == .delivered)
            // The retention after it reached its holder, who it was for and where it went are erased
            // (both addresses it was ever scheduled to); its steps stay.
            #expect(try await loket.operations.purge(dryRun: true).documents == 0)
            server.clock.advance(minutes: 91 * 24 * 60)
            let purged = try await loket.operations.purge()
            #expect(purged.documents == 1 && purged.deliveries == 2)
            #expect(try await loket.documents.document(id: id, token: token).document.status == .delivered)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aFailedDeliveryBringsTheDocumentBackForAPickupAtItsDesk(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: Self.network) { server, _ in
            let loket = server.loket
            let (id, token) = try await Self.register(loket, readyOn: "2022-06-01")
            let delivery = try await loket.documents.scheduleDocumentDelivery(
                id: id, token: token, street: "Plein", houseNumber: "2", postcode: "2511 CR", city: "Den Haag",
                date: "2022-06-02", dateOfBirth: "1990-12-10")
            server.clock.advance(minutes: 7 * 60) // 17:00: Thursday's manifest is fixed
            _ = try await loket.documents.courierManifest(date: "2022-06-02")
            let failed = try await loket.documents.reportDelivery(
                id: delivery.id, status: "failed", reason: "nobody home", courier: "ipkd")
            #expect(failed.status == .ready && failed.delivery?.reason == "nobody home")
            // Reported once only.
            await #expect(throws: Refusal.self) {
                try await loket.documents.reportDelivery(
                    id: delivery.id, status: "delivered", reason: nil, courier: "ipkd")
            }
            // A pickup elsewhere, or before the card is there, is refused with the field named.
            let elsewhere = await #expect(throws: Refusal.self) {
                try await loket.documents.bookDocumentPickup(
                    id: id, token: token, desk: "OLD", slot: "20220603-0900-doc", client: nil)
            }
            #expect(elsewhere?.field == "desk" && elsewhere?.code == "not_where_the_document_is")
            let booking = try await loket.documents.bookDocumentPickup(
                id: id, token: token, desk: "TS", slot: "20220603-0900-doc", client: nil)
            #expect(booking.appointment.product == "DOC" && booking.appointment.desk == "TS")
            let view = try await loket.documents.document(id: id, token: token)
            #expect(view.document.status == .pickupBooked && view.pickup?.id == booking.appointment.id)
            // Cancelling the pickup lets the holder choose again.
            _ = try await loket.booking.cancel(id: booking.appointment.id, token: booking.manageToken)
            #expect(try await loket.documents.document(id: id, token: token).document.status == .ready)
        }
    }

    @Test func aPickupCannotBeBeforeTheDocumentIsThere() async throws {
        try await TestServer.run(network: Self.network) { server, _ in
            let (id, token) = try await Self.register(server.loket, readyOn: "2022-06-03")
            server.clock.advance(minutes: 3 * 24 * 60)
            try await server.loket.documents.runDocuments()
            let early = await #expect(throws: Refusal.self) {
                try await server.loket.documents.bookDocumentPickup(
                    id: id, token: token, desk: "TS", slot: "20220602-0900-doc", client: nil)
            }
            #expect(early?.field == "slot")
        }
    }

    @Test func wrongDeliveryRequestsNameTheirFieldAndChangeNothing() async throws {
        try await TestServer.run(network: Self.network) { server, _ in
            let loket = server.loket
            let (id, token) = try await Self.register(loket, readyOn: "2022-06-01")
            func refusal(_ postcode: String, _ date: String?) async -> Refusal? {
                do {
                    _ = try await loket.documents.scheduleDocumentDelivery(
                        id: id, token: token, street: "Plein", houseNumber: "2", postcode: postcode, city: "Den Haag",
                        date: date, dateOfBirth: "1990-12-10")
                    return nil
                } catch {
                    return error as? Refusal
                }
            }
            #expect(await refusal("2511", "2022-06-02")?.field == "address.postcode")
            #expect(await refusal("2511 CR", nil)?.field == "date")
            #expect(await refusal("2511 CR", "2022-06-04")?.code == "not_offered") // a Saturday
            #expect(await refusal("2511 CR", "2022-07-01")?.code == "not_offered") // beyond the days offered
            #expect(try await loket.documents.document(id: id, token: token).document.status == .ready)
            // Two a day: a third holder finds Thursday full.
            for v in ["1111111111", "2222222222"] {
                let other = try await Self.register(loket, readyOn: "2022-06-01", vNumber: v)
                _ = try await loket.documents.scheduleDocumentDelivery(
                    id: other.id, token: other.token, street: "Plein", houseNumber: "2", postcode: "2511 CR",
                    city: "Den Haag", date: "2022-06-02", dateOfBirth: "1990-12-10")
            }
            #expect(
                try await loket.documents.document(id: id, token: token).deliveryDays.first
                    == LocalDate(iso: "2022-06-03"))
            // A wrong token opens nothing.
            await #expect(throws: Refusal.self) { try await loket.documents.document(id: id, token: "wrong") }
        }
    }
}
