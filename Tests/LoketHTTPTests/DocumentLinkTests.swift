import Foundation
import LoketDomain
import LoketTestSupport
import Testing

@testable import LoketApp

/// The link in a document's emails opens it until the card reaches its holder or a month after
/// its last change: a forwarded or leaked mail cannot redirect a card later. The customer token
/// the case system was given keeps working.
@Suite(.timeLimit(.minutes(3))) struct DocumentLinkTests {
    @Test func theEmailsLinkLapses() async throws {
        try await TestServer.run(network: DocumentFlowTests.network) { server, _ in
            let loket = server.loket
            let (id, token) = try await DocumentFlowTests.register(loket, readyOn: "2022-06-01")
            let link = loket.documentStore.linkToken(document: id)
            #expect(try await loket.documents.document(id: id, token: link).document.id == id)
            server.clock.advance(minutes: 29 * 24 * 60)
            #expect(try await loket.documents.document(id: id, token: link).document.id == id)
            server.clock.advance(minutes: 2 * 24 * 60)
            do {
                _ = try await loket.documents.document(id: id, token: link)
                Issue.record("a month after its last change the link must lapse")
            } catch let error as Refusal {
                #expect(error.kind == .gone && error.code == "link_expired")
            }
            #expect(try await loket.documents.document(id: id, token: token).document.id == id)
        }
    }

    /// A link alone cannot send a card to another door: the holder's date of birth is asked,
    /// and after five wrong ones in a day the card takes no address until the next.
    @Test func aDeliveryAddressNeedsTheHoldersDateOfBirth() async throws {
        try await TestServer.run(network: DocumentFlowTests.network) { server, _ in
            let loket = server.loket
            let (id, token) = try await DocumentFlowTests.register(loket, readyOn: "2022-06-01")
            func deliver(born: String) async throws -> Delivery {
                try await loket.documents.scheduleDocumentDelivery(
                    id: id, token: token, street: "Plein", houseNumber: "2", postcode: "2511 CR", city: "Den Haag",
                    date: "2022-06-02", dateOfBirth: born)
            }
            for day in 11...15 {
                await #expect(
                    throws: Refusal.invalid(
                        "dateOfBirth", "not_holder", "This is not the card holder's date of birth.")
                ) {
                    try await deliver(born: "1990-12-\(day)")
                }
            }
            do {
                _ = try await deliver(born: "1990-12-10")
                Issue.record("the sixth try in a day must be refused")
            } catch let error as Refusal {
                #expect(error.code == "too_many_checks")
            }
            server.clock.advance(minutes: 24 * 60)
            #expect(try await loket.documents.document(id: id, token: token).document.status == .ready)
        }
    }

    @Test(arguments: [
        (Document.Status.ready, 1.0, true), (.deliveryScheduled, 29.9, true), (.ready, 30.0, false),
        (.handedOver, 1.0, false), (.delivered, 1.0, false), (.returned, 1.0, false),
    ])
    func linkOpensUntilTheCardArrivesOrAMonthPasses(status: Document.Status, days: Double, opens: Bool) {
        let registered = Document(
            id: "d", kind: "residence-card", desk: "TS", readyOn: LocalDate(iso: "2022-06-01")!, status: status,
            pickupAppointment: nil, delivery: nil, handedOverAt: nil)
        let changed = Date(timeIntervalSince1970: 1_650_000_000)
        #expect(registered.linkOpens(lastChange: changed, now: changed.addingTimeInterval(days * 86_400)) == opens)
    }
}
