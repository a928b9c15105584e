import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import LoketTestSupport
import Testing

/// Handing a document over at the desk, through the pages on both engines: the clerk's day shows
/// whether a pickup's card is there; the handover page finds the card by appointment code or
/// document id and records the handover only when the V-number and date of birth from the ID
/// are the holder's, at the desk where the card lies.
@Suite(.timeLimit(.minutes(3))) struct HandoverPagesTests: PageTests {
    /// Ada's, as `DocumentFlowTests.register` announces her card.
    static let vNumber = "1234567890"
    static let born = "1990-12-10"

    /// The events logged for document `id`, oldest first, each with who did it.
    func events(_ server: TestServer, _ id: String) async throws -> [(event: String, by: String?)] {
        try await server.database.session { db in
            try await db.raw("SELECT event, by FROM document_events WHERE document_id = \(bind: id) ORDER BY seq")
                .all().map {
                    (
                        event: try $0.decode(column: "event", as: String.self),
                        by: try $0.decode(column: "by", as: String?.self)
                    )
                }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theClerkHandsTheCardOverOnlyToItsHolder(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: DocumentFlowTests.network, options: Self.quickHashes) {
            server, api in
            let loket = server.loket
            let balie = try await loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "TS", by: nil)
            _ = try await loket.staff.createStaff(
                username: "elders", password: Self.password, role: .clerk, desk: "OLD", by: nil)
            // Ada's card is at TS today; she collects it at 11:00.
            let (id, token) = try await DocumentFlowTests.register(loket, readyOn: "2022-06-01")
            let pickup = try await loket.documents.bookDocumentPickup(
                id: id, token: token, desk: "TS", slot: "20220601-1100-doc", client: nil)
            let code = try #require(pickup.appointment.code)
            let clerk = try await signIn(api, "balie")

            // The day says the card is there and links to the handover page.
            let day = try await get(api, "/staff/desks/TS", cookies: [clerk])
            #expect(day.body.contains("Card ready"))
            #expect(day.body.contains("href=\"/staff/desks/TS/handover\""))
            #expect(try await get(api, "/staff/desks/TS/handover", cookies: [clerk]).status == 200)

            // Found by appointment code (typed loosely): whom it is for, and nothing to read off.
            let found = try await post(
                api, "/staff/desks/TS/handover",
                ["reference": code.lowercased().replacingOccurrences(of: "-", with: " ")],
                cookies: [clerk])
            #expect(found.status == 200)
            #expect(found.body.contains("Ada Lovelace") && found.body.contains("name=\"document\" value=\"\(id)\""))
            #expect(!found.body.contains(Self.vNumber) && !found.body.contains(Self.born))

            // A wrong date of birth is refused at its field, and nothing changes.
            let record = "/staff/desks/TS/handover/record"
            let wrong = try await post(
                api, record, ["document": id, "vNumber": Self.vNumber, "dateOfBirth": "1990-12-11"], cookies: [clerk])
            #expect(wrong.status == 422)
            #expect(wrong.body.contains("id=\"dateOfBirth-error\""))
            #expect(wrong.body.contains("This date of birth is not the card holder"))
            #expect(wrong.body.contains("Ada Lovelace"))
            #expect(try await loket.documents.document(id: id, token: token).document.status == .pickupBooked)
            let refusals = try await loket.staff.auditEntries(since: .distantPast).filter {
                $0.entry.action == .documentHandoverRefused
            }
            #expect(refusals.map(\.entry.target) == [id] && refusals.first?.entry.detail == "dateOfBirth")

            // Another desk's clerk can neither open TS's page nor hand TS's card over at their own.
            let other = try await signIn(api, "elders")
            let fields = ["document": id, "vNumber": Self.vNumber, "dateOfBirth": Self.born]
            #expect(try await post(api, record, fields, cookies: [other]).status == 403)
            #expect(
                try await post(api, "/staff/desks/TS/handover", ["reference": code], cookies: [other]).status == 403)
            let elsewhere = try await post(api, "/staff/desks/OLD/handover", ["reference": code], cookies: [other])
            #expect(elsewhere.status == 409 && elsewhere.body.contains("id=\"reference-error\""))
            #expect(elsewhere.body.contains("This card lies at another desk"))
            #expect(try await post(api, "/staff/desks/OLD/handover/record", fields, cookies: [other]).status == 409)
            // Without the form token, nothing either.
            #expect(try await post(api, record, fields, cookies: [clerk], csrf: nil).status == 403)
            #expect(try await loket.documents.document(id: id, token: token).document.status == .pickupBooked)
            #expect(
                try await loket.staff.auditEntries(since: .distantPast).allSatisfy {
                    $0.entry.action != .documentHandover
                })

            // A bad place in the day is refused, naming it, and hands nothing over.
            var lost = fields
            lost["from"] = "noon"
            let refusedPlace = try await post(api, record, lost, cookies: [clerk])
            #expect(refusedPlace.status == 422 && refusedPlace.body.contains("Give a time like 09:00"))
            #expect(try await loket.documents.document(id: id, token: token).document.status == .pickupBooked)

            // Opened from the whole day at counter 4, the page keeps that place through the search
            // and the check, and the handover goes back to it.
            let wholeDay = try await get(api, "/staff/desks/TS?counter=4&from=day", cookies: [clerk])
            #expect(wholeDay.body.contains("href=\"/staff/desks/TS/handover?counter=4&amp;from=day\""))
            let placed = try await get(api, "/staff/desks/TS/handover?counter=4&from=day", cookies: [clerk])
            #expect(placed.body.contains("href=\"/staff/desks/TS?counter=4&amp;from=day\""))
            let search = try await post(
                api, "/staff/desks/TS/handover", ["reference": code, "counter": "4", "from": "day"], cookies: [clerk])
            #expect(search.body.components(separatedBy: "name=\"from\" value=\"day\"").count == 3)
            #expect(search.body.components(separatedBy: "name=\"counter\" value=\"4\"").count == 3)

            // Both match: handed over, logged by the clerk and audited without personal data.
            var atPlace = fields
            atPlace["counter"] = "4"
            atPlace["from"] = "day"
            let done = try await post(api, record, atPlace, cookies: [clerk])
            #expect(done.status == 303)
            #expect(done.headers[.location] == "/staff/desks/TS?notice=handed-over&counter=4&from=day")
            let document = try await loket.documents.document(id: id, token: token).document
            #expect(document.status == .handedOver && document.handedOverAt == server.clock.now)
            let last = try #require(try await events(server, id).last)
            #expect(last.event == "handOver" && last.by == balie.id)
            let audit = try #require(
                try await loket.staff.auditEntries(since: .distantPast).first { $0.entry.action == .documentHandover })
            #expect(audit.entry.target == id && audit.entry.desk == "TS" && audit.username == "balie")
            #expect(audit.entry.detail == nil)
            let after = try await get(api, "/staff/desks/TS?notice=handed-over", cookies: [clerk])
            #expect(after.body.contains("The card is handed over.") && after.body.contains("Handed over"))

            // Once only.
            let again = try await post(api, "/staff/desks/TS/handover", ["reference": id], cookies: [clerk])
            #expect(again.status == 409 && again.body.contains("The document has already been handed over."))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aCardNotYetAtTheDeskIsRefused(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: DocumentFlowTests.network, options: Self.quickHashes) {
            server, api in
            let loket = server.loket
            _ = try await loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "TS", by: nil)
            let (id, token) = try await DocumentFlowTests.register(loket, readyOn: "2022-06-03")
            let clerk = try await signIn(api, "balie")

            let found = try await post(api, "/staff/desks/TS/handover", ["reference": id], cookies: [clerk])
            #expect(found.status == 409 && found.body.contains("id=\"reference-error\""))
            #expect(found.body.contains("The document is still being made"))
            #expect(!found.body.contains("Ada Lovelace"))
            // Posting the check straight away is refused by the lifecycle all the same.
            let forced = try await post(
                api, "/staff/desks/TS/handover/record",
                ["document": id, "vNumber": Self.vNumber, "dateOfBirth": Self.born], cookies: [clerk])
            #expect(forced.status == 409 && forced.body.contains("The document is still being made"))
            #expect(try await loket.documents.document(id: id, token: token).document.status == .inProduction)
            #expect(try await events(server, id).map(\.event) == ["register"])
            // An unknown reference names its field.
            let unknown = try await post(api, "/staff/desks/TS/handover", ["reference": "K7M2-Q9XD"], cookies: [clerk])
            #expect(
                unknown.status == 404 && unknown.body.contains("There is no card with this appointment code or id."))
        }
    }

    /// A card cannot be tried against many IDs: after five refused checks in a day even the
    /// holder's is refused until a day has passed, and a desk manager looks at it.
    @Test func refusedChecksAreCappedPerCard() async throws {
        try await TestServer.run(network: DocumentFlowTests.network) { server, _ in
            let loket = server.loket
            let (id, token) = try await DocumentFlowTests.register(loket, readyOn: "2022-06-01")
            _ = try await loket.documents.bookDocumentPickup(
                id: id, token: token, desk: "TS", slot: "20220601-1100-doc", client: nil)
            for day in 11...15 {
                await #expect(throws: Refusal.self) {
                    try await loket.documents.handOverDocument(
                        id: id, desk: "TS", vNumber: Self.vNumber, dateOfBirth: "1990-12-\(day)", staff: "s1")
                }
            }
            do {
                _ = try await loket.documents.handOverDocument(
                    id: id, desk: "TS", vNumber: Self.vNumber, dateOfBirth: Self.born, staff: "s1")
                Issue.record("the sixth check must be refused")
            } catch let error as Refusal {
                #expect(error.code == "too_many_checks" && error.field == "reference")
            }
            server.clock.advance(minutes: 24 * 60 + 1)
            let handed = try await loket.documents.handOverDocument(
                id: id, desk: "TS", vNumber: Self.vNumber, dateOfBirth: Self.born, staff: "s1")
            #expect(handed.status == .handedOver)
        }
    }

    /// A desk manager who checked the collector's ID hands the card over although it is not the
    /// holder's (a parent for a child), even past the day's refused checks; the override is
    /// audited naming what did not match. A clerk cannot, and is not offered it.
    @Test(arguments: TestDatabase.engines)
    func aDeskManagerMayOverrideTheCheckAudited(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: DocumentFlowTests.network, options: Self.quickHashes) {
            server, api in
            let loket = server.loket
            _ = try await loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "TS", by: nil)
            let chef = try await loket.staff.createStaff(
                username: "chef", password: Self.password, role: .deskManager, desk: "TS", by: nil)
            let (id, token) = try await DocumentFlowTests.register(loket, readyOn: "2022-06-01")
            _ = try await loket.documents.bookDocumentPickup(
                id: id, token: token, desk: "TS", slot: "20220601-1100-doc", client: nil)
            for day in 11...15 {
                _ = try? await loket.documents.handOverDocument(
                    id: id, desk: "TS", vNumber: Self.vNumber, dateOfBirth: "1990-12-\(day)", staff: "s1")
            }
            let parent = ["document": id, "vNumber": "5555555555", "dateOfBirth": "1960-01-01"]
            let record = "/staff/desks/TS/handover/record"

            let clerk = try await signIn(api, "balie")
            let clerkPage = try await post(api, "/staff/desks/TS/handover", ["reference": id], cookies: [clerk])
            #expect(clerkPage.status == 200 && !clerkPage.body.contains("name=\"override\""))
            var forged = parent
            forged["override"] = "1"
            #expect(try await post(api, record, forged, cookies: [clerk]).status == 403)

            let manager = try await signIn(api, "chef")
            let managerPage = try await post(api, "/staff/desks/TS/handover", ["reference": id], cookies: [manager])
            #expect(managerPage.body.contains("name=\"override\""))
            // Without ticking it, the manager meets the check like anyone.
            let unticked = try await post(api, record, parent, cookies: [manager])
            #expect(unticked.status == 409 && unticked.body.contains("name=\"override\""))
            #expect(try await loket.documents.document(id: id, token: token).document.status == .pickupBooked)

            let done = try await post(api, record, forged, cookies: [manager])
            #expect(done.status == 303)
            #expect(try await loket.documents.document(id: id, token: token).document.status == .handedOver)
            let audit = try await loket.staff.auditEntries(since: .distantPast)
            let override = try #require(audit.first { $0.entry.action == .documentHandoverOverride })
            #expect(override.entry.target == id && override.entry.detail == "vNumber,dateOfBirth")
            #expect(override.username == "chef" && override.entry.staff == chef.id)
            #expect(audit.contains { $0.entry.action == .documentHandover && $0.username == "chef" })
        }
    }

    /// From the agenda's row the card is found already, and handing it over also marks the
    /// called customer served: one step, no second click.
    @Test func aHandoverFromTheAgendaServesTheCustomerInOneStep() async throws {
        try await TestServer.run(network: DocumentFlowTests.network, options: Self.quickHashes) { server, api in
            let loket = server.loket
            let balie = try await loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "TS", by: nil)
            let (id, token) = try await DocumentFlowTests.register(loket, readyOn: "2022-06-01")
            let pickup = try await loket.documents.bookDocumentPickup(
                id: id, token: token, desk: "TS", slot: "20220601-1100-doc", client: nil)
            let code = try #require(pickup.appointment.code)
            _ = try await loket.deskDay.checkIn(code: code, desk: "TS", staff: balie.id)
            _ = try await loket.deskDay.callNext(desk: "TS", counter: "4", staff: balie.id)
            let clerk = try await signIn(api, "balie")

            let day = try await get(api, "/staff/desks/TS?counter=4&from=day", cookies: [clerk])
            let href = "/staff/desks/TS/handover?visit=\(pickup.appointment.id)&reference=\(code)&counter=4&from=day"
            #expect(day.body.contains("href=\"\(href.replacingOccurrences(of: "&", with: "&amp;"))\""))
            let page = try await get(api, href, cookies: [clerk])
            #expect(page.body.contains("Ada Lovelace") && page.body.contains("name=\"document\" value=\"\(id)\""))
            #expect(page.body.contains("name=\"visit\" value=\"\(pickup.appointment.id)\""))

            let done = try await post(
                api, "/staff/desks/TS/handover/record",
                [
                    "document": id, "vNumber": Self.vNumber, "dateOfBirth": Self.born, "visit": pickup.appointment.id,
                    "counter": "4", "from": "day",
                ], cookies: [clerk])
            #expect(done.headers[.location] == "/staff/desks/TS?notice=handed-over-served&counter=4&from=day")
            #expect(try await loket.documents.document(id: id, token: token).document.status == .handedOver)
            let visit = try await loket.deskDay.agenda(desk: "TS").first { $0.appointment.id == pickup.appointment.id }?
                .visit
            #expect(visit?.state == .served)
            let after = try await get(api, "/staff/desks/TS?notice=handed-over-served", cookies: [clerk])
            #expect(after.body.contains("The card is handed over and the customer is marked served."))
        }
    }
}
