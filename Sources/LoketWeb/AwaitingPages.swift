import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The page a third party's booking for an invited person links to (`Invitations.awaitPerson`): the
/// slot, and a date of birth for each person it names; confirming makes it an appointment. The
/// hold's secret travels in the link and in the form.
struct AwaitingPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.awaiting.route, use: awaiting)
        router.post(PagePath.awaiting.route, use: confirmAwaiting)
    }

    /// `GET /book/awaiting/{hold}`
    @Sendable func awaiting(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        return try await awaitingPage(
            web, hold: try context.parameters.require("hold"), token: request.query("token"), form: [:], errors: [])
    }

    /// `POST /book/awaiting/{hold}`
    @Sendable func confirmAwaiting(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let id = try context.parameters.require("hold")
        let form = try await web.form(request)
        guard let (_, named) = try await loket.invitations.awaitingBooking(hold: id, token: form["token"]) else {
            return awaitingGone(web)
        }
        var births: [LocalDate?] = []
        var problems: [Refusal] = []
        for field in Self.birthFields(of: named) {
            switch Customer.dateOfBirth(form[field], field: field) {
            case .success(let birth?): births.append(birth)
            case .success(nil):
                births.append(nil)
                problems.append(.invalid(field, "invalid", "Give the date of birth."))
            case .failure(let problem):
                births.append(nil)
                problems.append(problem)
            }
        }
        guard problems.isEmpty else {
            return try await awaitingPage(
                web, hold: id, token: form["token"], form: form, errors: fieldErrors(problems, web))
        }
        do {
            let booking = try await loket.invitations.confirmAwaiting(
                hold: id, token: form["token"], datesOfBirth: births, client: context.client)
            return redirect(
                PagePath.manage.link(booking.appointment.id, query: ["token": booking.manageToken, "booked": "1"]))
        } catch let error as Refusal where error.field.hasPrefix("customer.") {
            // Someone not invited with this date of birth: said at that person's field.
            let field = Self.birthField(ofRefused: error.field)
            return try await awaitingPage(
                web, hold: id, token: form["token"], form: form,
                errors: [FieldError(field: field, message: WebCopy.message(error, web.language))])
        } catch let error as Refusal {
            return problem(web, error)
        }
    }
}

extension AwaitingPages {
    /// The form's date of birth fields: the customer's, then each companion's.
    static func birthFields(of customer: Customer) -> [String] {
        ["dateOfBirth"] + customer.companions.indices.map { "companion\($0 + 1).dateOfBirth" }
    }

    /// `customer.vNumber` is the customer's date of birth field, `customer.companions[0].vNumber` the first companion's.
    static func birthField(ofRefused field: String) -> String {
        let form = CompanionFields.formField(String(field.dropFirst("customer.".count)))
        guard let dot = form.lastIndex(of: ".") else { return "dateOfBirth" }
        return form[..<dot] + ".dateOfBirth"
    }

    func awaitingPage(
        _ web: WebRequest, hold id: String, token: String?, form: [String: String], errors: [FieldError]
    ) async throws -> Response {
        guard let (hold, named) = try await loket.invitations.awaitingBooking(hold: id, token: token),
            let desk = loket.network.desk(hold.desk)
        else { return awaitingGone(web) }
        let language = web.language
        let names = [named.name] + named.companions.map(\.name)
        let people = zip(Self.birthFields(of: named), names).map { field, name in
            AwaitingPage.Person(
                name: name,
                date: DateInput(
                    field: field, form: form, value: nil, error: errors.first { $0.field == field }?.message))
        }
        let until = DeskTime(hold.expiresAt, timeZone: DeskTime.amsterdam).time.text
        let page = AwaitingPage(
            booking: .init(
                productName: productName(hold.product, language),
                when: DateWording.dateTime(hold.date, hold.startTime, hold.endTime, language), where: place(desk),
                heldUntil: WebCopy.text("heldUntil", language, until), action: PagePath.awaiting.link(hold.id),
                token: token ?? "", people: people))
        return pages.render(
            "awaiting", web, title: WebCopy.text("awaitingTitle", language), page: page, errors: errors,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func awaitingGone(_ web: WebRequest) -> Response {
        pages.render(
            "awaiting", web, title: WebCopy.text("awaitingTitle", web.language),
            page: AwaitingPage(message: WebCopy.text("awaitingGone", web.language)), status: .gone)
    }
}

/// awaiting.mustache: a booking a third party made for invited people, to confirm with each
/// person's date of birth, or only a message.
struct AwaitingPage {
    struct Person { let name: String, date: DateInput }
    struct Booking {
        let productName: String, when: String, `where`: String, heldUntil: String, action: String, token: String
        let people: [Person]
    }
    var message: String?
    var booking: Booking?
}
