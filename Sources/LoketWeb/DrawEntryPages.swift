import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// Entering a draw and following the entry: the form at `/draws/{id}/enter`, then the entry's
/// page at `/draws/{id}/entries/{entry}` (entered, drawn or not drawn). The entry's token stays
/// in this browser, in a cookie only that page gets; personal details travel only in the POST.
extension DrawPages {
    /// `GET /draws/{id}/enter`
    @Sendable func entryForm(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        do {
            let draw = try await loket.draws.draw(id: context.parameters.require("id"))
            let persons = PartySize.shown(request.query("persons"))
            return drawEnterPage(web, draw: draw, persons: persons)
        } catch let error as Refusal {
            return problem(web, error)
        }
    }

    /// To the new entry's page, its token in a cookie for that page alone until the draw is
    /// over: the address a customer may share holds no secret.
    private func entryPage(_ entry: DrawEntry, token: String, of draw: Draw) -> Response {
        let path = PagePath.drawEntry.link(draw.id, entry.id)
        let life = draw.closesAt.timeIntervalSince(loket.now()) + Self.drawEntryCookieLife
        return redirect(
            PagePath.drawEntry.link(draw.id, entry.id, query: ["entered": "1"]),
            cookies: [
                Cookie(
                    name: WebRequest.drawEntryCookie, value: token, maxAge: Int(life), path: path,
                    secure: secureCookies, httpOnly: true, sameSite: .strict)
            ])
    }

    /// `POST /draws/{id}/enter`
    @Sendable func enter(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let id = try context.parameters.require("id")
        let form = try await web.form(request)
        let draw: Draw
        do {
            draw = try await loket.draws.draw(id: id)
        } catch let error as Refusal {
            return problem(web, error)
        }
        // The customer's details are checked here, all at once, to show every problem next to
        // its field; the use case checks the rest and takes the first problem as its answer.
        let persons = PartySize.sent(form["persons"])
        // The entrant's V-number is the entry's own field, checked by the use case.
        let details = CustomerForm(
            form, companions: PartySize.companions(form["persons"]), vNumber: nil, language: form["language"],
            prefix: "customer.")
        let problems = details.problems
        let otherDesks = loket.network.desks.map(\.code).filter { $0 != draw.desk && form["desk-\($0)"] == "1" }
        do {
            let entered = try await loket.draws.enter(
                id: id, vNumber: form["vNumber"], persons: persons, desks: [draw.desk] + otherDesks,
                days: draw.allDays.map(\.iso).filter { form["day-\($0)"] == "1" }, customer: details.checked,
                client: context.client)
            return entryPage(entered.entry, token: entered.token, of: draw)
        } catch let error as Refusal {
            let shown = [error] + problems.filter { $0.field != error.field }
            var response = drawEnterPage(
                web, draw: draw, persons: PartySize.shown(form["persons"]), form: form,
                errors: drawFieldErrors(shown, web), status: .init(code: error.kind.statusCode))
            if let seconds = error.retryAfter { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }

    /// `GET /draws/{id}/entries/{entry}`
    @Sendable func entry(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        do {
            let draw = try await loket.draws.draw(id: context.parameters.require("id"))
            let (entry, appointment) = try await loket.draws.entry(
                draw: draw.id, id: context.parameters.require("entry"),
                token: request.query("token") ?? request.cookies[WebRequest.drawEntryCookie]?.value)
            return drawEntryPage(
                web, draw: draw, entry: entry, appointment: appointment,
                justEntered: request.query("entered") == "1")
        } catch let error as Refusal {
            return problem(web, error)
        }
    }
}

extension DrawPages {
    /// How long the entry's cookie outlives the draw's window: as long as `/draws` lists the draw.
    static let drawEntryCookieLife: TimeInterval = 14 * 24 * 3600

    /// The entry form, or only that the draw has closed; `errors` next to their fields.
    func drawEnterPage(
        _ web: WebRequest, draw: Draw, persons: Int, form: [String: String] = [:], errors: [FieldError] = [],
        status: HTTPResponse.Status = .unprocessableContent
    ) -> Response {
        let language = web.language
        let title = WebCopy.text("drawEnterTitle", language)
        var page = DrawEnterPage(
            facts: drawFacts(draw, language), path: PagePath.drawEnter.link(draw.id),
            resultHref: PagePath.drawResult.link(draw.id))
        guard draw.isOpen(at: loket.now()) else {
            // Closed while the visitor filled in the form: that is all there is to say.
            page.closedText = WebCopy.text("drawClosedText", language)
            return pages.render("draw-enter", web, title: title, page: page, status: errors.isEmpty ? .ok : status)
        }
        let today = loket.today
        page.form = form
        page.persons = persons
        page.personOptions = PartySize.options(persons)
        page.days = draw.allDays.map { day in
            DrawEnterPage.Choice(
                id: "day-\(day.iso)", label: DateWording.date(day, language),
                checked: form["day-\(day.iso)"] == "1")
        }
        page.desks = loket.network.desks.filter {
            $0.code != draw.desk && $0.offers(draw.product) && !$0.isClosedForGood(on: today)
        }.map { desk in
            DrawEnterPage.Choice(
                id: "desk-\(desk.code)", label: "\(desk.name), \(desk.city)",
                checked: form["desk-\(desk.code)"] == "1")
        }
        page.desksHint = WebCopy.text(
            "drawDesksHint", language, loket.network.desk(draw.desk)?.name ?? draw.desk, "\(WaitlistEntry.maxDesks)")
        page.languageOptions = LanguageOption.all(chosen: form["language"], page: language)
        // Every person of a group takes part once: each is named with their V-number.
        page.dateOfBirthRequired = loket.network.product(draw.product)?.requiresInvitation == true
        page.companions = CompanionFields.rows(
            count: persons - 1, form: form, errors: errors, language, asksBirth: page.dateOfBirthRequired)
        return pages.render(
            "draw-enter", web, title: title, page: page, errors: errors, status: errors.isEmpty ? .ok : status)
    }

    /// Refusals as the entry form shows them: `days[2]` is the fieldset `days`, `customer.name`
    /// the field `name`, and what concerns the draw as a whole (`id` closed, `limit`) the draw.
    /// A message said differently for a draw than for a booking is `drawError.<field>.<code>`.
    func drawFieldErrors(_ errors: [Refusal], _ web: WebRequest) -> [FieldError] {
        errors.map { error in
            var field =
                error.field.hasPrefix("customer.") ? String(error.field.dropFirst("customer.".count)) : error.field
            if field.hasPrefix("companions["), error.code == "not_invited" {
                field = CompanionFields.formField(field)
            } else if let bracket = field.firstIndex(of: "[") {
                field = String(field[..<bracket])
            }
            if ["id", "limit", "entry"].contains(field) { field = "draw" }
            let shown = Refusal(
                error.kind, field: field, code: error.code, error.message, retryAfter: error.retryAfter)
            let drawKey = "drawError.\(field).\(error.code)"
            let message =
                WebCopy.texts[drawKey] == nil
                ? WebCopy.message(shown, web.language) : WebCopy.text(drawKey, web.language)
            return FieldError(field: field, message: CompanionFields.naming(message, field: field, web.language))
        }
    }

    /// One entry as its entrant sees it; just after entering, with what happens next.
    func drawEntryPage(
        _ web: WebRequest, draw: Draw, entry: DrawEntry, appointment: Appointment?, justEntered: Bool
    ) -> Response {
        let language = web.language
        let path = PagePath.drawEntry.link(draw.id, entry.id)
        var page = DrawEntryPage(
            justEntered: justEntered && entry.status == .entered, entryID: entry.id,
            facts: drawFacts(draw, language, days: entry.acceptableDays(in: draw)),
            statusHref: path, resultHref: PagePath.drawResult.link(draw.id))
        let title: String
        switch entry.status {
        case .entered:
            page.waitingText = WebCopy.text("drawWaitingText", language, DateWording.deadline(draw.closesAt, language))
            title = WebCopy.text(page.justEntered ? "drawEnteredTitle" : "drawEntryTitle", language)
        case .drawn:
            if let appointment, appointment.state == .confirmed {
                page.drawn = DrawEntryPage.Drawn(
                    when: DateWording.dateTime(appointment.date, appointment.startTime, appointment.endTime, language),
                    where: loket.network.desk(appointment.desk).map(place) ?? appointment.desk, code: appointment.code)
            } else {
                page.drawnWithoutAppointment = true
            }
            title = WebCopy.text("drawDrawnTitle", language)
        case .notDrawn:
            page.notDrawnText = WebCopy.text(
                entry.waitlistEntry == nil ? "drawNoWaitText" : "drawNotDrawnText", language)
            title = WebCopy.text("drawNotDrawnTitle", language)
        }
        return pages.render("draw-entry", web, title: title, page: page)
    }
}
