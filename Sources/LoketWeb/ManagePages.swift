import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The manage page the confirmation links to: the appointment, its calendar file, and moving
/// or cancelling it. The manage token is the only secret in any URL.
struct ManagePages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.manage.route, use: appointment)
        router.get(PagePath.calendarFile.route, use: calendarFile)
        router.get(PagePath.reschedule.route, use: rescheduleCalendar)
        router.post(PagePath.reschedule.route, use: reschedule)
        router.get(PagePath.cancel.route, use: cancelQuestion)
        router.post(PagePath.cancel.route, use: cancel)
    }

    /// `GET /manage/{id}`
    @Sendable func appointment(_ request: Request, context: LoketRequestContext) async throws -> Response {
        try await openAppointment(request, context) { web, appointment, token in
            managePage(
                web, appointment, token: token, booked: request.query("booked") == "1",
                moved: request.query("moved") == "1")
        }
    }

    /// `GET /manage/{id}/calendar.ics`
    @Sendable func calendarFile(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let appointment = try await loket.booking.appointment(
            id: context.parameters.require("id"), token: request.query("token"))
        guard let desk = loket.network.desk(appointment.desk) else {
            throw Refusal(.notFound, field: "desk", code: "unknown_desk", "Unknown desk.")
        }
        let language = appointment.language
        let invite = CalendarInvite(
            method: .publish, uid: "\(appointment.id)@loket", sequence: appointment.revision,
            date: appointment.date, start: appointment.startTime, end: appointment.endTime,
            summary: "\(productName(appointment.product, language)) — \(desk.name)", location: place(desk),
            description: "\(WebCopy.text("code", language)): \(appointment.code ?? appointment.id)",
            organizer: organizer, stamp: loket.now())
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/calendar; charset=utf-8; method=PUBLISH",
                .contentDisposition: "attachment; filename=\"loket-appointment.ics\"", .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: invite.text)))
    }

    /// `GET /manage/{id}/reschedule`
    @Sendable func rescheduleCalendar(_ request: Request, context: LoketRequestContext) async throws -> Response {
        var web = web(request)
        let id = try context.parameters.require("id")
        let token = request.query("token") ?? ""
        do {
            try loket.admit(.slotReads, client: context.client)
            let appointment = try await loket.booking.appointment(id: id, token: token)
            // In the language the manage page showed, as every page of the appointment.
            if !web.languageChosen { web.language = appointment.language }
            guard appointment.state == .confirmed else { return cancelledPage(web) }
            // Moved as often as allowed: the calendar would only end in a refusal.
            let allowed = loket.network.fairness.movesAllowed
            guard appointment.movesLeft(allowed: allowed) > 0 else {
                return problem(web, Appointment.moveLimitReached(allowed: allowed).asRefusal)
            }
            let desk = try loket.rules.desk(appointment.desk)
            let product = try loket.rules.product(appointment.product, at: desk)
            let view = try await calendarView(
                web, desk: desk, product: product, persons: appointment.persons, assistance: appointment.assistance,
                month: request.query("month"), date: request.query("date"), path: PagePath.reschedule.link(id),
                token: token, backHref: PagePath.manage.link(id, query: ["token": token]),
                title: WebCopy.text("rescheduleTitle", web.language), fixedPersons: true)
            return pages.render("calendar", web, title: view.title, page: view.page)
        } catch let error as Refusal {
            return problem(web, error)
        }
    }

    /// `POST /manage/{id}/reschedule`
    @Sendable func reschedule(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let id = try context.parameters.require("id")
        let form = try await web.form(request)
        let token = form["token"] ?? ""
        do {
            let appointment = try await loket.booking.appointment(id: id, token: token)
            // Asked first: a move gives up the time held now and counts against the limit.
            guard form["confirm"] == "1" else {
                var web = web
                if !web.languageChosen { web.language = appointment.language }
                return try moveQuestionPage(web, appointment, slot: form["slot"], token: token)
            }
            _ = try await loket.booking.move(appointment, token: token, to: form["slot"], client: context.client)
            return redirect(PagePath.manage.link(id, query: ["token": token, "moved": "1"]))
        } catch let error as Refusal {
            return problem(web, error)
        }
    }

    /// `GET /manage/{id}/cancel`
    @Sendable func cancelQuestion(_ request: Request, context: LoketRequestContext) async throws -> Response {
        try await openAppointment(request, context) { web, appointment, token in
            cancelPage(web, appointment, token: token)
        }
    }

    /// `POST /manage/{id}/cancel`
    @Sendable func cancel(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let form = try await web.form(request)
        do {
            _ = try await loket.booking.cancel(id: context.parameters.require("id"), token: form["token"])
            return cancelledPage(web)
        } catch let error as Refusal {
            return problem(web, error)
        }
    }
}

extension ManagePages {
    /// The appointment a manage address opens (`id`, `token`), in the language it was booked in
    /// until the visitor switches, for `page` while it stands; once cancelled, the page that says so.
    func openAppointment(
        _ request: Request, _ context: LoketRequestContext,
        _ page: (WebRequest, Appointment, String) -> Response
    ) async throws -> Response {
        var web = web(request)
        let token = request.query("token")
        do {
            let appointment = try await loket.booking.appointment(id: context.parameters.require("id"), token: token)
            if !web.languageChosen { web.language = appointment.language }
            guard appointment.state == .confirmed else { return cancelledPage(web) }
            return page(web, appointment, token ?? "")
        } catch let error as Refusal {
            return problem(web, error)
        }
    }

    func cancelledPage(_ web: WebRequest) -> Response {
        pages.render("cancelled", web, title: WebCopy.text("cancelledTitle", web.language), page: PlainPage())
    }

    func managePage(_ web: WebRequest, _ appointment: Appointment, token: String, booked: Bool, moved: Bool) -> Response
    {
        let desk = loket.network.desk(appointment.desk)
        let allowed = loket.network.fairness.movesAllowed
        let left = appointment.movesLeft(allowed: allowed)
        let movesText =
            switch left {
            case 0: WebCopy.text("noMovesLeft", web.language, "\(allowed)")
            case 1: WebCopy.text("oneMoveLeft", web.language)
            default: WebCopy.text("movesLeft", web.language, "\(left)")
            }
        return pages.render(
            "appointment", web, title: WebCopy.text(booked ? "bookedTitle" : "manageTitle", web.language),
            page: AppointmentPage(
                booked: booked, moved: moved, productName: productName(appointment.product, web.language),
                assistance: appointment.assistance,
                when: DateWording.dateTime(appointment.date, appointment.startTime, appointment.endTime, web.language),
                where: desk.map(place) ?? appointment.desk, persons: appointment.persons, routeHref: desk?.routeURL,
                code: appointment.code,
                rescheduleHref: left > 0 ? PagePath.reschedule.link(appointment.id, query: ["token": token]) : nil,
                movesText: movesText, icsHref: PagePath.calendarFile.link(appointment.id, query: ["token": token]),
                cancelHref: PagePath.cancel.link(appointment.id, query: ["token": token])))
    }

    /// The question before cancelling: what is cancelled, that the time goes to someone else, and
    /// a way back that keeps it.
    func cancelPage(_ web: WebRequest, _ appointment: Appointment, token: String) -> Response {
        return pages.render(
            "cancel", web, title: WebCopy.text("cancelQuestion", web.language),
            page: CancelPage(
                productName: productName(appointment.product, web.language),
                when: DateWording.dateTime(appointment.date, appointment.startTime, appointment.endTime, web.language),
                where: loket.network.desk(appointment.desk).map(place) ?? appointment.desk,
                persons: appointment.persons, cancelAction: PagePath.cancel.link(appointment.id), token: token,
                keepHref: PagePath.manage.link(appointment.id, query: ["token": token])))
    }
}
