import Foundation
import LoketConfig
import LoketDomain
import LoketTestSupport
import Testing

/// A document's life, event by event: every legal step and the refusals, without I/O; the Dutch
/// address check; and the courier's calendar.
struct DocumentLifecycleTests {
    static let readyOn = LocalDate(iso: "2022-06-07")!
    static let address = DutchAddress(street: "Lange Voorhout", houseNumber: "1", postcode: "2514 EA", city: "Den Haag")
    static let delivery = Delivery(
        id: "l", date: LocalDate(iso: "2022-06-09")!, window: TimeRange(text: "09:00-13:00")!, address: address,
        status: .scheduled, reason: nil)

    static func document(_ status: Document.Status) -> Document {
        Document(
            id: "d", kind: "residence-card", desk: "DH", readyOn: readyOn, status: status,
            pickupAppointment: status == .pickupBooked ? "a" : nil,
            delivery: [.deliveryScheduled, .outForDelivery].contains(status) ? delivery : nil, handedOverAt: nil)
    }

    typealias Step = (Document.Status, Document.Event, Outcome<Document.Status>)

    static let steps: [Step] = [
        (.inProduction, .arrive, .becomes(.ready)),
        (.ready, .arrive, .refused(.conflict, "document_ready")),
        (.ready, .bookPickup, .becomes(.pickupBooked)),
        (.pickupBooked, .bookPickup, .refused(.conflict, "document_pickup_booked")),
        (.deliveryScheduled, .bookPickup, .becomes(.pickupBooked)),
        (.outForDelivery, .bookPickup, .refused(.conflict, "document_out_for_delivery")),
        (.pickupBooked, .cancelPickup, .becomes(.ready)),
        (.ready, .cancelPickup, .refused(.conflict, "document_ready")),
        (.pickupBooked, .handOver, .becomes(.handedOver)),
        (.ready, .handOver, .becomes(.handedOver)),
        (.handedOver, .handOver, .refused(.conflict, "document_handed_over")),
        (.inProduction, .handOver, .refused(.conflict, "document_in_production")),
        (.ready, .scheduleDelivery, .becomes(.deliveryScheduled)),
        (.deliveryScheduled, .scheduleDelivery, .becomes(.deliveryScheduled)),
        (.outForDelivery, .scheduleDelivery, .refused(.conflict, "document_out_for_delivery")),
        (.pickupBooked, .scheduleDelivery, .refused(.conflict, "document_pickup_booked")),
        (.deliveryScheduled, .dispatch, .becomes(.outForDelivery)),
        (.ready, .dispatch, .refused(.conflict, "document_ready")),
        (.outForDelivery, .deliver, .becomes(.delivered)),
        (.deliveryScheduled, .deliver, .refused(.conflict, "document_delivery_scheduled")),
        (.outForDelivery, .fail, .becomes(.ready)),
        (.delivered, .fail, .refused(.conflict, "document_delivered")),
        (.ready, .returnUnclaimed, .becomes(.returned)),
        (.pickupBooked, .returnUnclaimed, .refused(.conflict, "document_pickup_booked")),
    ]

    @Test(arguments: steps.indices)
    func eachEventIsLegalOnlyWhereTheLifecycleSays(index: Int) {
        let (status, event, expected) = Self.steps[index]
        let workingDays = WorkingDays(holidays: TestNetwork.network.holidays)
        let later = Self.readyOn.adding(days: 200)
        let result = outcome(of: Self.document(status), state: \.status, event) {
            document throws(TransitionError<Document.Status, Document.Event>) in
            switch event {
            case .arrive: try document.arrive(today: Self.readyOn)
            case .bookPickup: try document.bookPickup(appointment: "b")
            case .cancelPickup: try document.cancelPickup()
            case .handOver: try document.handOver(at: Date(timeIntervalSince1970: 0))
            case .scheduleDelivery: try document.scheduleDelivery(Self.delivery)
            case .dispatch: try document.dispatch()
            case .deliver: try document.deliver()
            case .fail: try document.fail(reason: "nobody home")
            case .returnUnclaimed:
                try document.returnUnclaimed(today: later, afterWorkingDays: 60, workingDays: workingDays)
            }
        }
        #expect(result == expected, "\(status) \(event)")
    }

    @Test func aDocumentIsReadyOnlyFromItsDayAndReturnedOnlyWhenUnclaimedLongEnough() {
        let workingDays = WorkingDays(holidays: TestNetwork.network.holidays)
        var early = Self.document(.inProduction)
        #expect(
            answer { () throws(TransitionError<Document.Status, Document.Event>) in
                try early.arrive(today: Self.readyOn.adding(days: -1))
            }?.code == "not_ready_yet")
        var waiting = Self.document(.ready)
        #expect(
            answer { () throws(TransitionError<Document.Status, Document.Event>) in
                try waiting.returnUnclaimed(
                    today: Self.readyOn.adding(days: 10), afterWorkingDays: 60, workingDays: workingDays)
            }?.code == "not_unclaimed_yet")
    }

    @Test func aPickupReplacesADeliveryOnlyUntilTheCourierHasTheCard() throws {
        var document = Self.document(.deliveryScheduled)
        try document.bookPickup(appointment: "b")
        #expect(document.status == .pickupBooked && document.delivery == nil && document.pickupAppointment == "b")
        var fixed = Self.document(.deliveryScheduled)
        #expect(
            answer { () throws(TransitionError<Document.Status, Document.Event>) in
                try fixed.bookPickup(appointment: "b", deliveryFixed: true)
            }?.code == "delivery_fixed")
        #expect(fixed.status == .deliveryScheduled && fixed.delivery == Self.delivery)
    }

    @Test func aFailedDeliveryKeepsItsReasonAndTheDocumentIsReadyAgain() throws {
        var document = Self.document(.outForDelivery)
        try document.fail(reason: "nobody home")
        #expect(
            document.status == .ready && document.delivery?.status == .failed
                && document.delivery?.reason == "nobody home")
    }

    @Test(
        arguments: [
            ("2514EA", "12", "2514 EA", nil),
            ("2514 ea", "12a", "2514 EA", nil),
            ("0514 EA", "12", nil, "address.postcode"),
            ("2514 SS", "12", nil, "address.postcode"),
            ("25144", "12", nil, "address.postcode"),
            ("2514 EA", "0", nil, "address.houseNumber"),
            ("2514 EA", "", nil, "address.houseNumber"),
            ("2514 EA", "12<script>", nil, "address.houseNumber"),
        ] as [(String, String, String?, String?)])
    func aDutchAddressIsChecked(postcode: String, number: String, normalised: String?, field: String?) {
        do {
            let address = try DutchAddress.checked(
                street: "Plein", houseNumber: number, postcode: postcode, city: "Den Haag")
            #expect(address.postcode == normalised)
        } catch {
            #expect(error.field == field)
        }
    }

    static let courier = CourierRules(
        desks: ["DH"], postcodes: ["1000-2999"], perDay: 2,
        windows: [TimeRange(text: "09:00-13:00")!, TimeRange(text: "13:00-17:00")!], noticeWorkingDays: 2,
        manifestCutoff: LocalTime(text: "16:00"), daysOffered: 3)

    @Test func theShippedNetworkDeliversTheLargeDesksCardsEverywhere() throws {
        let courier = try #require(try DeskNetworkFile.loadBundled().documentSettings.courier)
        #expect(Set(courier.desks) == ["AM", "DH", "ZW", "DB"] && courier.postcodes == ["1000-9999"])
        #expect(courier.expectedShare == 0.3 && courier.perDay == 400)
    }

    @Test func theCourierDeliversFromItsDesksToItsPostcodes() {
        #expect(Self.courier.delivers(from: "DH", to: Self.address))
        #expect(!Self.courier.delivers(from: "AM", to: Self.address))
        let far = DutchAddress(street: "Markt", houseNumber: "1", postcode: "9711 AA", city: "Groningen")
        #expect(!Self.courier.delivers(from: "DH", to: far))
    }

    @Test func deliveryDaysAreWorkingDaysWhoseManifestIsOpenWithRoomLeft() {
        let workingDays = WorkingDays(holidays: TestNetwork.network.holidays)
        // Wednesday 8 June 2022, 15:59: Thursday's manifest is still open; at 16:00 it is fixed.
        let before = ManualClock(date: "2022-06-08", time: "15:59").now
        let after = ManualClock(date: "2022-06-08", time: "16:00").now
        let thursday = LocalDate(iso: "2022-06-09")!
        let open = Self.courier.deliveryDays(readyOn: Self.readyOn, now: before, booked: [:], workingDays: workingDays)
        #expect(open == [thursday, LocalDate(iso: "2022-06-10")!, LocalDate(iso: "2022-06-13")!])
        let fixed = Self.courier.deliveryDays(readyOn: Self.readyOn, now: after, booked: [:], workingDays: workingDays)
        #expect(fixed.first == LocalDate(iso: "2022-06-10"))
        #expect(Self.courier.manifestFixed(for: thursday, now: after, workingDays: workingDays))
        // A full day is not offered; the weekend never is.
        let full = Self.courier.deliveryDays(
            readyOn: Self.readyOn, now: after, booked: [LocalDate(iso: "2022-06-10")!: 2], workingDays: workingDays)
        #expect(full == [LocalDate(iso: "2022-06-13")!, LocalDate(iso: "2022-06-14")!])
        // Monday's manifest is fixed on Friday; the notice of a Monday delivery goes on the Thursday before.
        let monday = LocalDate(iso: "2022-06-13")!
        #expect(Self.courier.manifestDay(for: monday, workingDays: workingDays) == LocalDate(iso: "2022-06-10"))
        #expect(Self.courier.noticeDay(for: monday, workingDays: workingDays) == LocalDate(iso: "2022-06-09"))
    }

    @Test func eachDeliveryGetsTheEmptiestWindow() {
        let morning = TimeRange(text: "09:00-13:00")!
        let afternoon = TimeRange(text: "13:00-17:00")!
        #expect(Self.courier.window(taken: [:]) == morning)
        #expect(Self.courier.window(taken: [morning: 1]) == afternoon)
        #expect(Self.courier.window(taken: [morning: 1, afternoon: 1]) == morning)
    }

    @Test func theCollectionWaitIsMeasuredPerDeskAndWeekInWorkingDays() {
        let workingDays = WorkingDays(holidays: TestNetwork.network.holidays)
        func collected(_ desk: String, _ ready: String, _ on: LocalDate) -> CollectionWait.Collected {
            CollectionWait.Collected(desk: desk, readyOn: LocalDate(iso: ready)!, collectedOn: on)
        }
        // Cards ready at DH on 1 June 2022, collected in the week of 13 June; one at AM.
        let week = LocalDate(iso: "2022-06-13")!
        let dh = (1...12).map {
            collected("DH", "2022-06-01", workingDays.adding($0, to: LocalDate(iso: "2022-06-01")!))
        }
        .filter { $0.collectedOn.weekStart == week }
        let waits = CollectionWait.measure(
            dh + [collected("AM", "2022-06-13", LocalDate(iso: "2022-06-14")!)], workingDays: workingDays)
        #expect(waits.map(\.desk) == ["AM", "DH"])
        #expect(waits[0].p50 == 1 && waits[0].p90 == 1 && waits[0].documents == 1)
        let counts = dh.map { workingDays.count(from: $0.readyOn, to: $0.collectedOn) }.sorted()
        #expect(counts.count == 5)
        #expect(waits[1].documents == 5 && waits[1].p50 == counts[2] && waits[1].p90 == counts[4])
        #expect(waits[1].week == week)
    }
}
