import Foundation
import HTTPTypes
import LoketApp
import LoketDomain
import LoketTestSupport
import Testing

/// The holder's document page: what the ready email links to, where they book the pickup at the
/// desk where the document lies or schedule its delivery, with refusals next to their fields.
@Suite(.timeLimit(.minutes(3))) struct DocumentPagesTests: PageTests {
    @Test func theHolderChoosesDeliveryOnTheirDocumentsPage() async throws {
        try await TestServer.run(network: DocumentFlowTests.network) { server, api in
            let (id, token) = try await DocumentFlowTests.register(server.loket, readyOn: "2022-06-01")
            let path = "/documents/\(id)?token=\(token)"
            let page = try await get(api, path, language: "en")
            #expect(page.status == 200)
            #expect(page.body.contains("Collect it at the desk") && page.body.contains("Have it delivered"))
            #expect(page.body.contains(#"<option value="20220601-1010-doc""#))
            #expect(page.body.contains(#"<option value="2022-06-02""#))
            // Pickup times grouped by day, a few per day, over several days.
            #expect(page.body.contains(#"<optgroup label="Wednesday 1 June 2022">"#))
            #expect(page.body.contains(#"<optgroup label="Thursday 2 June 2022">"#))
            // A Dutch address is asked as Dutch forms ask it: postcode and house number first.
            let postcode = try #require(page.body.range(of: #"<label for="postcode">"#))
            let house = try #require(page.body.range(of: #"<label for="houseNumber">"#))
            let street = try #require(page.body.range(of: #"<label for="street">"#))
            #expect(postcode.lowerBound < house.lowerBound && house.lowerBound < street.lowerBound)
            // Opened from the email in a browser that chose no language: the holder's language.
            let fromEmail = try await api.get(path)
            #expect(fromEmail.body.contains(#"<html lang="en" dir="ltr">"#))
            let nl = try await get(api, path, language: "nl")
            #expect(nl.body.contains("Ophalen aan het loket") && nl.body.contains("Laten bezorgen"))
            // A wrong postcode is shown next to its field, and nothing is scheduled.
            let fields = [
                "token": token, "street": "Plein", "houseNumber": "2", "postcode": "25", "city": "Den Haag",
                "date": "2022-06-02", "dateOfBirth": "1990-12-10",
            ]
            // Without the holder's date of birth the link alone sends the card nowhere.
            var notHolder = fields
            notHolder["dateOfBirth"] = "1990-12-11"
            notHolder["postcode"] = "2511 CR"
            let refused = try await post(api, "/documents/\(id)/delivery", notHolder, language: "en")
            #expect(refused.status == 422 && refused.body.contains(#"id="dateOfBirth-error""#))
            let wrong = try await post(api, "/documents/\(id)/delivery", fields, language: "en")
            #expect(wrong.status == 422 && wrong.body.contains(#"id="postcode-error""#))
            #expect(try await server.loket.documents.document(id: id, token: token).document.status == .ready)
            var right = fields
            right["postcode"] = "2511 CR"
            let scheduled = try await post(api, "/documents/\(id)/delivery", right, language: "en")
            #expect(scheduled.status == 303)
            let after = try await get(api, try #require(scheduled.headers[.location]), language: "en")
            #expect(after.body.contains("Delivery scheduled") && after.body.contains("2511 CR"))
            // The page never shows without its token.
            #expect(try await get(api, "/documents/\(id)?token=wrong").status == 404)
        }
    }

    @Test func theHolderBooksThePickupOnTheirDocumentsPage() async throws {
        try await TestServer.run(network: DocumentFlowTests.network) { server, api in
            let (id, token) = try await DocumentFlowTests.register(server.loket, readyOn: "2022-06-01")
            let booked = try await post(
                api, "/documents/\(id)/pickup", ["token": token, "slot": "20220602-0900-doc"], language: "en")
            #expect(booked.status == 303)
            #expect(booked.headers[.location]?.hasPrefix("/manage/") == true)
            let view = try await server.loket.documents.document(id: id, token: token)
            #expect(view.document.status == .pickupBooked && view.pickup?.date == LocalDate(iso: "2022-06-02"))
            let page = try await get(api, "/documents/\(id)?token=\(token)", language: "en")
            #expect(page.body.contains("Collection appointment booked") && !page.body.contains("Have it delivered"))
        }
    }

    @Test func theHolderSwitchesFromDeliveryToPickupUntilTheCourierHasTheCard() async throws {
        let clock = ManualClock(date: "2022-06-01", time: "10:00")
        try await TestServer.run(network: DocumentFlowTests.network, clock: clock) { server, api in
            let loket = server.loket
            let (id, token) = try await DocumentFlowTests.register(loket, readyOn: "2022-06-01")
            let (fixedID, fixedToken) = try await DocumentFlowTests.register(
                loket, readyOn: "2022-06-01", vNumber: "2234567890")
            for (document, link) in [(id, token), (fixedID, fixedToken)] {
                _ = try await loket.documents.scheduleDocumentDelivery(
                    id: document, token: link, street: "Plein", houseNumber: "2", postcode: "2511 CR",
                    city: "Den Haag", date: "2022-06-02", dateOfBirth: "1990-12-10")
            }
            #expect(try await loket.documents.courierManifest(date: "2022-06-02").count == 2)
            // Delivery chosen, the holder may still collect it instead: choosing a time drops the delivery.
            let page = try await get(api, "/documents/\(id)?token=\(token)", language: "en")
            #expect(
                page.body.contains("Collect it at the desk instead") && page.body.contains("the delivery is cancelled"))
            let booked = try await post(
                api, "/documents/\(id)/pickup", ["token": token, "slot": "20220602-0900-doc"], language: "en")
            #expect(booked.status == 303)
            let view = try await loket.documents.document(id: id, token: token)
            #expect(view.document.status == .pickupBooked && view.document.delivery == nil)
            // It is off the courier's list.
            #expect(try await loket.documents.courierManifest(date: "2022-06-02").count == 1)

            // From 16:00 the working day before, the manifest is fixed: the courier has the card.
            clock.advance(minutes: 6 * 60)
            let fixed = try await get(api, "/documents/\(fixedID)?token=\(fixedToken)", language: "nl")
            #expect(!fixed.body.contains("Toch liever ophalen") && !fixed.body.contains(#"name="slot""#))
            let refused = try await post(
                api, "/documents/\(fixedID)/pickup", ["token": fixedToken, "slot": "20220603-0900-doc"], language: "nl")
            #expect(refused.status == 409)
            #expect(refused.body.contains("De koerier heeft de pas al voor de bezorgdag"))
            #expect(
                try await loket.documents.document(id: fixedID, token: fixedToken).document.status == .deliveryScheduled
            )
        }
    }
}
