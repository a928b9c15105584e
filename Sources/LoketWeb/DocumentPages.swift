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
extension WebApp {
    /// How many pickup times the page offers: enough to choose from on a phone.
    static let pickupChoices = 40

    func addDocumentRoutes(to router: Router<LoketRequestContext>) {
        router.get("/documents/{id}") { request, context in
            let web = web(request)
            let id = try context.parameters.require("id")
            return try await documentPage(web, id: id, token: request.query("token"))
        }
        router.post("/documents/{id}/pickup") { request, context in
            let web = web(request)
            let id = try context.parameters.require("id")
            let form = try await web.form(request)
            do {
                let view = try await loket.document(id: id, token: form["token"])
                let booking = try await loket.bookDocumentPickup(
                    id: id, token: form["token"], desk: view.document.desk, slot: form["slot"], client: context.client)
                return redirect("/manage/\(booking.appointment.id)?token=\(booking.manageToken)&booked=1")
            } catch let error as BookingError {
                return try await documentPage(
                    web, id: id, token: form["token"], form: form, errors: [FieldError(error, web.language)],
                    status: .init(code: error.kind.statusCode))
            }
        }
        router.post("/documents/{id}/delivery") { request, context in
            let web = web(request)
            let id = try context.parameters.require("id")
            let form = try await web.form(request)
            do {
                _ = try await loket.scheduleDocumentDelivery(
                    id: id, token: form["token"], street: form["street"], houseNumber: form["houseNumber"],
                    postcode: form["postcode"], city: form["city"], date: form["date"],
                    dateOfBirth: form["dateOfBirth"])
                return redirect("/documents/\(id)?token=\(form["token"] ?? "")&scheduled=1")
            } catch let error as BookingError {
                return try await documentPage(
                    web, id: id, token: form["token"], form: form, errors: [FieldError(error, web.language)],
                    status: .init(code: error.kind.statusCode))
            }
        }
    }

    func documentPage(
        _ web: WebRequest, id: String, token: String?, form: [String: String] = [:], errors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let view: Loket.DocumentView
        do {
            view = try await loket.document(id: id, token: token)
        } catch let error as BookingError {
            return problem(web, error)
        }
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
        if document.status == .ready, let desk {
            let product = kind?.product ?? "DOC"
            if let offered = loket.network.product(product) {
                let today = loket.today
                let first = max(document.readyOn, today)
                let last = loket.rules.horizon(from: today)
                let slots =
                    first <= last
                    ? try await loket.freeSlots(desk: desk, product: offered, persons: 1, dates: first...last) : []
                page.slots = slots.prefix(Self.pickupChoices).map {
                    DocumentPage.Option(
                        value: $0.key.description, label: DateWording.dateTime($0.date, $0.start, $0.end, language),
                        selected: form["slot"] == $0.key.description)
                }
                page.canPickUp = true
            }
        }
        if [.ready, .deliveryScheduled].contains(document.status), view.deliveryOffered {
            page.days = view.deliveryDays.map {
                DocumentPage.Option(
                    value: $0.iso, label: DateWording.date($0, language), selected: form["date"] == $0.iso)
            }
            page.canDeliver = !page.days.isEmpty
        }
        return pages.render(
            "document", web, title: WebCopy.text("documentTitle", language, name.lowercased()), page: page,
            errors: errors,
            status: status)
    }
}

extension FieldError {
    /// A refusal as a form shows it: next to the field the use case named (`address.postcode` is
    /// the field `postcode`), in the visitor's language.
    init(_ error: BookingError, _ language: Customer.Language) {
        let field = error.field.split(separator: ".").last.map(String.init) ?? error.field
        self.init(field: field, message: WebCopy.message(error, language))
    }
}
