import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The waitlist on the web, wherever no time suits: joining at `/book/{product}/waitlist` (the
/// same use case as the API's), then the entry's page at `/waitlist/{id}`, which shows the
/// place in line and an offer when one is made, and lets the customer leave. The entry's token
/// is the secret in that page's address, as the manage token is in an appointment's.
struct WaitlistPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.waitlistJoin.route, use: joinForm)
        router.post(PagePath.waitlistJoin.route, use: join)
        router.get(PagePath.waitlistEntry.route, use: entry)
        router.post(PagePath.waitlistLeave.route, use: leave)
    }

    /// `GET /book/{product}/waitlist`
    @Sendable func joinForm(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        guard let product = loket.network.product(try context.parameters.require("product")) else {
            return pages.problem(web, status: .notFound, message: WebCopy.text("notFoundText", web.language))
        }
        var form: [String: String] = [:]
        for desk in loket.network.desks
        where request.query("desk") == desk.code || request.query("desk-\(desk.code)") == "1" {
            form["desk-\(desk.code)"] = "1"
        }
        // Opened from an invitation's link: its person's V-number and email are filled in.
        if let invitation = try await invitation(in: request), invitation.product == product.key {
            form["vNumber"] = invitation.vNumber
            form["email"] = invitation.email
        }
        let persons = PartySize.shown(request.query("persons"))
        return waitlistJoinPage(web, product: product, persons: persons, form: form, errors: [])
    }

    /// `POST /book/{product}/waitlist`
    @Sendable func join(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let form = try await web.form(request)
        guard let product = loket.network.product(try context.parameters.require("product")) else {
            return pages.problem(web, status: .notFound, message: WebCopy.text("notFoundText", web.language))
        }
        // For showing the form again; the use case gets the size as sent (below).
        let persons = PartySize.shown(form["persons"])
        // Every problem with the details at once, next to its field; the use case checks the rest.
        let details = CustomerForm(
            form, companions: PartySize.companions(form["persons"]), vNumber: form["vNumber"],
            language: web.language.rawValue)
        let problems = details.problems
        do {
            let joined = try await loket.waitlist.join(
                desks: loket.network.desks.map(\.code).filter { form["desk-\($0)"] == "1" },
                // As sent: the use case refuses a size the form does not offer (a select box tampered
                // with) at its field, where a clamped one would join for another party.
                product: product.key, persons: PartySize.sent(form["persons"]), from: form["from"]?.nilIfBlank,
                to: form["to"]?.nilIfBlank, documentExpiresOn: nil, customer: details.checked, appointment: nil,
                appointmentToken: nil, client: context.client)
            return redirect(
                PagePath.waitlistEntry.link(joined.entry.id, query: ["token": joined.token, "joined": "1"]))
        } catch let error as Refusal {
            let shown =
                [error] + problems.filter { $0.field != error.field && "customer." + $0.field != error.field }
            var response = waitlistJoinPage(
                web, product: product, persons: persons, form: form, errors: waitlistFieldErrors(shown, web),
                status: .init(code: error.kind.statusCode))
            if let seconds = error.retryAfter { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }

    /// `GET /waitlist/{id}`
    @Sendable func entry(_ request: Request, context: LoketRequestContext) async throws -> Response {
        var web = web(request)
        let token = request.query("token")
        do {
            let entry = try await loket.waitlist.entry(id: context.parameters.require("id"), token: token)
            if !web.languageChosen { web.language = entry.language }
            return try await waitlistEntryPage(
                web, entry: entry, token: token ?? "", justJoined: request.query("joined") == "1")
        } catch let error as Refusal where error.kind == .notFound || error.kind == .unauthorized {
            return pages.problem(
                web, status: .init(code: error.kind.statusCode), message: WebCopy.text("offerBadLink", web.language)
            )
        }
    }

    /// `POST /waitlist/{id}/leave`
    @Sendable func leave(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let id = try context.parameters.require("id")
        let form = try await web.form(request)
        let token = form["token"]
        do {
            let entry = try await loket.waitlist.entry(id: id, token: token)
            var web = web
            if !web.languageChosen { web.language = entry.language }
            // Leaving gives up the place in line for good: asked first, with a way back.
            guard form["confirm"] == "1" else {
                return try await waitlistEntryPage(web, entry: entry, token: token ?? "", confirmingLeave: true)
            }
            try await loket.waitlist.leave(id: id, token: token)
            return pages.render(
                "waitlist-entry", web, title: WebCopy.text("waitlistLeftTitle", web.language),
                page: WaitlistEntryPage(
                    justJoined: false, facts: nil, message: WebCopy.text("waitlistLeftText", web.language)))
        } catch let error as Refusal {
            return problem(web, error)
        }
    }
}

extension WaitlistPages {
    /// The join form with `errors` next to their fields.
    func waitlistJoinPage(
        _ web: WebRequest, product: Product, persons: Int, form: [String: String], errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = web.language
        let today = loket.today
        let horizon = loket.rules.horizon(from: today)
        var form = form
        form["from"] = form["from"] ?? today.iso
        form["to"] = form["to"] ?? horizon.iso
        let desks = loket.network.desks.filter { $0.offers(product.key) && !$0.isClosedForGood(on: today) }
        let asksBirth = product.requiresInvitation
        let page = WaitlistJoinPage(
            productName: product.name(language), path: PagePath.waitlistJoin.link(product.key), form: form,
            persons: persons,
            personOptions: PartySize.options(persons),
            desks: desks.map {
                WaitlistJoinPage.Choice(
                    id: "desk-\($0.code)", label: "\($0.name), \($0.city)", checked: form["desk-\($0.code)"] == "1")
            },
            desksHint: WebCopy.text("waitlistDesksHint", language, "\(WaitlistEntry.maxDesks)"),
            datesHint: WebCopy.text("waitlistDatesHint", language, DateWording.date(horizon, language)),
            firstDay: today.iso, lastDay: horizon.iso, vNumberRequired: product.onePerPerson,
            dateOfBirthRequired: asksBirth,
            companions: CompanionFields.rows(
                count: persons - 1, form: form, errors: errors, language, asksBirth: asksBirth),
            backHref: PagePath.desks.link(product.key))
        return pages.render(
            "waitlist-join", web, title: WebCopy.text("waitlistJoinTitle", language), page: page, errors: errors,
            status: errors.isEmpty ? .ok : status)
    }

    /// Refusals as the join form shows them: `desks[2]` is the fieldset `desks`, `customer.name`
    /// the field `name`, a companion's the companion's field.
    func waitlistFieldErrors(_ errors: [Refusal], _ web: WebRequest) -> [FieldError] {
        errors.map { error in
            var field =
                error.field.hasPrefix("customer.") ? String(error.field.dropFirst("customer.".count)) : error.field
            if field.hasPrefix("companions[") {
                field = CompanionFields.formField(field)
            } else if let bracket = field.firstIndex(of: "[") {
                field = String(field[..<bracket])
            }
            let shown = Refusal(
                error.kind, field: field, code: error.code, error.message, retryAfter: error.retryAfter)
            return FieldError(
                field: field,
                message: CompanionFields.naming(WebCopy.message(shown, web.language), field: field, web.language))
        }
    }

    /// The entry as its customer sees it: still waiting (with the place in line), offered (with
    /// the offer's link), or over.
    func waitlistEntryPage(
        _ web: WebRequest, entry: WaitlistEntry, token: String, justJoined: Bool = false,
        confirmingLeave: Bool = false
    ) async throws -> Response {
        let language = web.language
        let desks = entry.desks.compactMap { loket.network.desk($0) }.map { "\($0.name), \($0.city)" }
        var page = WaitlistEntryPage(
            justJoined: justJoined && entry.state == .waiting,
            facts: .init(
                productName: productName(entry.product, language), desks: desks.joined(separator: "; "),
                window: "\(DateWording.date(entry.from, language)) – \(DateWording.date(entry.to, language))",
                persons: entry.persons))
        let title: String
        switch entry.state {
        case .waiting, .offered:
            page.position = try await loket.waitlist.position(of: entry).map(String.init)
            page.leavePath = PagePath.waitlistLeave.link(entry.id)
            page.token = token
            if entry.state == .offered {
                page.offerHref = PagePath.offer.link(entry.id, query: ["token": token])
            }
            title = WebCopy.text(confirmingLeave ? "waitlistLeaveQuestion" : "waitlistEntryTitle", language)
            if confirmingLeave {
                page.confirmingLeave = true
                page.offerHref = nil
                page.keepHref = PagePath.waitlistEntry.link(entry.id, query: ["token": token])
            }
        case .booked:
            page.message = WebCopy.text("waitlistBookedText", language)
            title = WebCopy.text("offerBookedTitle", language)
        case .left, .expired:
            page.message = WebCopy.text("waitlistOverText", language)
            title = WebCopy.text("waitlistOverTitle", language)
        }
        return pages.render("waitlist-entry", web, title: title, page: page)
    }
}

extension String {
    /// Nil for a field left empty, as the use cases read an absent one.
    var nilIfBlank: String? { trimmingCharacters(in: .whitespaces).isEmpty ? nil : self }
}
