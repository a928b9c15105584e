import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The holder's page for a document, where the ready email links to (`/documents/{id}?token=…`):
/// its status, and while it waits for a choice, a pickup slot at the desk where it lies or,
/// where offered, courier delivery to a Dutch address on one of the days on offer. The token
/// travels in the link and in the forms, as on the offer page.
struct DocumentPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.document.route, use: document)
        router.post(PagePath.documentPickup.route, use: bookPickup)
        router.post(PagePath.documentDelivery.route, use: scheduleDelivery)
    }

    /// `GET /documents/{id}`
    @Sendable func document(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let id = try context.parameters.require("id")
        return try await documentPage(web, id: id, token: request.query("token"))
    }

    /// `POST /documents/{id}/pickup`
    @Sendable func bookPickup(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let id = try context.parameters.require("id")
        let form = try await web.form(request)
        do {
            let view = try await loket.documents.document(id: id, token: form["token"])
            let booking = try await loket.documents.bookDocumentPickup(
                id: id, token: form["token"], desk: view.document.desk, slot: form["slot"], client: context.client)
            return redirect(
                PagePath.manage.link(booking.appointment.id, query: ["token": booking.manageToken, "booked": "1"]))
        } catch let error as Refusal {
            return try await documentPage(
                web, id: id, token: form["token"], form: form, errors: [FieldError(error, web.language)],
                status: .init(code: error.kind.statusCode))
        }
    }

    /// `POST /documents/{id}/delivery`
    @Sendable func scheduleDelivery(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let id = try context.parameters.require("id")
        let form = try await web.form(request)
        do {
            _ = try await loket.documents.scheduleDocumentDelivery(
                id: id, token: form["token"], street: form["street"], houseNumber: form["houseNumber"],
                postcode: form["postcode"], city: form["city"], date: form["date"],
                dateOfBirth: form["dateOfBirth"])
            return redirect(PagePath.document.link(id, query: ["token": form["token"] ?? "", "scheduled": "1"]))
        } catch let error as Refusal {
            return try await documentPage(
                web, id: id, token: form["token"], form: form, errors: [FieldError(error, web.language)],
                status: .init(code: error.kind.statusCode))
        }
    }
}

extension DocumentPages {
    /// The pickup times the page offers: a few spread over each of the first days with room,
    /// so that the holder chooses a day as well as a time, in a list short enough for a phone.
    static let pickupDays = 10
    static let pickupTimesPerDay = 6

    func documentPage(
        _ web: WebRequest, id: String, token: String?, form: [String: String] = [:], errors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let view: Documents.DocumentView
        do {
            view = try await loket.documents.document(id: id, token: token)
        } catch let error as Refusal {
            return problem(web, error)
        }
        // The page speaks the holder's language, as the email did, unless the visitor chose another.
        var web = web
        if !web.languageChosen, let holder = view.holderLanguage { web.language = holder }
        let language = web.language
        let document = view.document
        let settings = loket.network.documentSettings
        let kind = settings.kind(document.kind)
        let name = kind.map { $0.name(language) } ?? document.kind
        let desk = loket.network.desk(document.desk)
        var page = DocumentPage(
            id: document.id, token: token ?? "", name: name, place: desk.map(place) ?? document.desk,
            readyOn: DateWording.date(document.readyOn, language),
            status: WebCopy.text("documentStatus.\(document.status.rawValue)", language), form: form)
        if let delivery = document.delivery, [.deliveryScheduled, .outForDelivery].contains(document.status) {
            page.delivery =
                DateWording.dateTime(delivery.date, delivery.window.from, delivery.window.to, language)
                + ", \(delivery.address.street) \(delivery.address.houseNumber), \(delivery.address.postcode) \(delivery.address.city)"
        }
        if let pickup = view.pickup, document.status == .pickupBooked {
            page.pickup = DateWording.dateTime(pickup.date, pickup.startTime, pickup.endTime, language)
        }
        if view.pickupOffered, let desk {
            let product = kind?.product ?? "DOC"
            if let offered = loket.network.product(product) {
                let today = loket.today
                let first = max(document.readyOn, today)
                let last = loket.rules.horizon(from: today)
                let slots =
                    first <= last
                    ? try await loket.availability.freeSlots(
                        desk: desk, product: offered, persons: 1, dates: first...last) : []
                page.pickupDays = Self.spread(slots).map { day, times in
                    DocumentPage.Day(
                        label: DateWording.date(day, language),
                        times: times.map {
                            DocumentPage.Option(
                                value: $0.key.description, label: "\($0.start.text)–\($0.end.text)",
                                selected: form["slot"] == $0.key.description)
                        })
                }
                page.canPickUp = true
                page.pickupInstead = document.status == .deliveryScheduled
            }
        }
        if [.ready, .deliveryScheduled].contains(document.status), view.deliveryOffered {
            page.days = view.deliveryDays.map {
                DocumentPage.Option(
                    value: $0.iso, label: DateWording.date($0, language), selected: form["date"] == $0.iso)
            }
            page.canDeliver = !page.days.isEmpty
            page.movingDelivery = document.status == .deliveryScheduled
        }
        return pages.render(
            "document", web, title: WebCopy.text("documentTitle", language, name.lowercased()), page: page,
            errors: errors,
            status: status)
    }

    /// The first `pickupDays` days with room, each with at most `pickupTimesPerDay` of its times
    /// spread evenly from the first to the last.
    static func spread(_ slots: [Slot]) -> [(LocalDate, [Slot])] {
        var days: [(LocalDate, [Slot])] = []
        for slot in slots.sorted(by: { ($0.date, $0.start) < ($1.date, $1.start) }) {
            if days.last?.0 == slot.date {
                days[days.count - 1].1.append(slot)
            } else if days.count < pickupDays {
                days.append((slot.date, [slot]))
            }
        }
        return days.map { day, all in
            // One slot per start time (several roster blocks may offer the same minute).
            let times = all.oneEachStart
            guard times.count > pickupTimesPerDay else { return (day, times) }
            let picks = (0..<pickupTimesPerDay).map { $0 * (times.count - 1) / (pickupTimesPerDay - 1) }
            return (day, picks.map { times[$0] })
        }
    }
}

extension FieldError {
    /// A refusal as a form shows it: next to the field the use case named (`address.postcode` is
    /// the field `postcode`), in the visitor's language.
    init(_ error: Refusal, _ language: Customer.Language) {
        let field = error.field.split(separator: ".").last.map(String.init) ?? error.field
        self.init(field: field, message: WebCopy.message(error, language))
    }
}
