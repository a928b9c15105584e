import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// Staff book from the urgent reserve (spoedafspraak) with a reason, for a customer at the desk
/// or on the phone. The reserve's slots are shown next to the ordinary ones; the reason is kept
/// with the appointment and counted in the urgent-capacity report.
struct UrgentBookingPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.urgent.route, use: urgentForm)
        router.post(PagePath.urgent.route, use: bookUrgent)
    }

    /// `GET /staff/desks/{desk}/urgent`
    @Sendable func urgentForm(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let code = try context.parameters.require("desk")
        return try await asStaff(request, .clerk, desk: code) { _, web in
            return try await urgentPage(
                web, desk: code, product: request.query("product"), persons: request.query("persons"),
                date: request.query("date"))
        }
    }

    /// What the clerk filled in, checked all at once to show every problem next to its field:
    /// the reason for urgency, every person of a group (for products with one live booking per
    /// person) and the time.
    private func urgentBooking(
        _ form: [String: String], _ web: WebRequest
    ) -> (urgent: (reason: UrgentReserve.Reason, note: String?)?, customer: Customer?, errors: [FieldError]) {
        var errors: [FieldError] = []
        var urgent: (reason: UrgentReserve.Reason, note: String?)?
        do {
            urgent = try UrgentReserve.Reason.checked(reason: form["reason"], note: form["note"], field: "")
        } catch {
            errors.append(
                FieldError(field: String(error.field.drop { $0 == "." }), message: WebCopy.message(error, web.language))
            )
        }
        let details = CustomerForm(
            form,
            companions: companionCount(
                product: form["product"] ?? "", persons: PartySize.shown(form["persons"])),
            vNumber: form["vNumber"], language: form["language"])
        errors += fieldErrors(details.problems, web)
        if (form["slot"] ?? "").isEmpty {
            errors.append(FieldError(field: "slot", message: WebCopy.text("chooseTime", web.language)))
        }
        return (urgent, details.customer, errors)
    }

    /// `POST /staff/desks/{desk}/urgent`
    @Sendable func bookUrgent(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let code = try context.parameters.require("desk")
        return try await asStaff(request, .clerk, desk: code) { account, web in
            let form = try await web.form(request)
            let (urgent, customer, errors) = urgentBooking(form, web)
            guard errors.isEmpty, let urgent, let customer else {
                return try await urgentPage(
                    web, desk: code, product: form["product"], persons: form["persons"], date: form["date"],
                    form: form, errors: errors)
            }
            do {
                let booking = try await loket.booking.bookUrgent(
                    desk: code, product: form["product"], persons: PartySize.sent(form["persons"]),
                    slot: form["slot"], customer: customer, reason: urgent.reason, note: urgent.note,
                    staff: account.id)
                let appointment = booking.appointment
                let notice = WebCopy.text(
                    "urgentBooked", web.language,
                    DateWording.dateTime(
                        appointment.date, appointment.startTime, appointment.endTime, web.language),
                    appointment.code ?? appointment.id)
                return try await urgentPage(
                    web, desk: code, product: form["product"], persons: form["persons"], date: form["date"],
                    notice: notice)
            } catch let error as Refusal {
                return try await urgentPage(
                    web, desk: code, product: form["product"], persons: form["persons"], date: form["date"],
                    form: form,
                    errors: error.field.hasPrefix("customer.")
                        ? fieldErrors([error], web)
                        : [FieldError(field: "slot", message: WebCopy.message(error, web.language))])
            }
        }
    }
}

extension UrgentBookingPages {
    func urgentPage(
        _ web: WebRequest, desk code: String, product productKey: String?, persons personsText: String?, date: String?,
        form: [String: String] = [:], errors: [FieldError] = [], notice: String? = nil
    ) async throws -> Response {
        let rules = loket.rules
        guard let desk = rules.network.desk(code) else {
            return pages.problem(web, status: .notFound, message: WebCopy.text("notFoundText", web.language))
        }
        let language = web.language
        let products = desk.products.compactMap { rules.network.product($0) }
        let product = products.first { $0.key == productKey } ?? products[0]
        let persons = PartySize.shown(personsText)
        let today = loket.today
        let day = date.flatMap { LocalDate(iso: $0) }.map { min(max($0, today), rules.horizon(from: today)) } ?? today
        let slots = try await loket.availability.freeSlots(
            desk: desk, product: product, persons: persons, dates: day...day, urgent: true, rules: rules)
        return pages.render(
            "urgent", web, title: WebCopy.text("urgentTitle", language),
            page: UrgentPage(
                desk: code, product: product.key, persons: persons, date: day.iso, form: form, notice: notice,
                languageOptions: LanguageOption.all(chosen: form["language"], page: language),
                products: products.map {
                    UrgentPage.Choice(value: $0.key, name: $0.name(language), selected: $0.key == product.key)
                },
                personOptions: PartySize.options(persons),
                timesTitle: WebCopy.text("timesOn", language, DateWording.date(day, language)),
                times: slots.oneEachStart.map {
                    UrgentPage.Time(
                        key: $0.key.description, text: "\($0.start.text)–\($0.end.text)",
                        checked: $0.key.description == form["slot"])
                },
                reasons: UrgentReserve.Reason.allCases.map {
                    UrgentPage.Choice(
                        value: $0.rawValue, name: WebCopy.text("reason.\($0.rawValue)", language),
                        selected: $0.rawValue == form["reason"])
                },
                vNumberRequired: product.onePerPerson,
                // The clerk sees the people; the desk checks who comes, not an invitation.
                dateOfBirthRequired: false,
                companions: CompanionFields.rows(
                    count: companionCount(product: product.key, persons: persons), form: form, errors: errors, language)
            ),
            errors: errors, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
