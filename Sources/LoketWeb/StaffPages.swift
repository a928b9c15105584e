import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// Signing in and the clerk's day: agenda, check-in by appointment code, the waiting list,
/// calling the next customer to a counter, served or no-show. And the waiting-room display.
struct DeskDayPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.signIn.route, use: signInForm)
        router.post(PagePath.signIn.route, use: signIn)
        router.post(PagePath.signOut.route, use: signOut)
        router.get(PagePath.staffStart.route, use: start)
        router.get(PagePath.deskDay.route, use: deskDay)
        router.post(PagePath.checkIn.route, use: checkIn)
        router.post(PagePath.callNext.route, use: callNext)
        for (action, outcome) in [("served", Visit.State.served), ("no-show", .noShow)] {
            router.post(PagePath.visit.filling("outcome", with: action).route) { request, context in
                try await finishVisit(outcome, notice: action, request, context: context)
            }
        }
        router.get(PagePath.display.route, use: display)
    }

    /// The clerk ends a visit (served, or the customer did not come) and is back at the day.
    func finishVisit(
        _ outcome: Visit.State, notice: String, _ request: Request, context: LoketRequestContext
    ) async throws -> Response {
        let desk = try context.parameters.require("desk")
        return try await asStaff(request, .clerk, desk: desk) { account, web in
            let form = try await web.form(request)
            let place = try DeskDayPlace(form: form)
            let appointment = try context.parameters.require("id")
            do {
                _ = try await loket.deskDay.finishVisit(
                    appointment: appointment, desk: desk, outcome: outcome, staff: account.id)
                // Back to the day, at the same counter and hours, ready for the next call.
                return redirect(place.dayAddress(desk: desk, notice: notice))
            } catch let error as Refusal {
                // At the agenda's row of the appointment, in the page's language.
                return try await deskDayPage(
                    web, account: account, desk: desk, place: place,
                    errors: [FieldError(field: "visit-\(appointment)", message: WebCopy.message(error, web.language))])
            }
        }
    }

    /// `GET /staff/sign-in`
    @Sendable func signInForm(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        return pages.render("sign-in", web, title: WebCopy.text("signInTitle", web.language), page: SignInPage())
    }

    /// `POST /staff/sign-in`
    @Sendable func signIn(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let form = try await web.form(request)
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let outcome: StaffGate.SignIn
        do {
            outcome = try await gate.signIn(
                username: username, password: form["password"] ?? "", client: context.clientAddress)
        } catch let error as Refusal {
            var refused = pages.render(
                "sign-in", web, title: WebCopy.text("signInTitle", web.language),
                page: SignInPage(form: ["username": username]),
                errors: [FieldError(field: "username", message: WebCopy.message(error, web.language))],
                status: .init(code: error.kind.statusCode))
            refused.headers[.retryAfter] = error.retryAfter.map(String.init)
            return refused
        }
        switch outcome {
        case .signedIn(let account, let cookie):
            return redirect(
                account.role == .admin && account.desk == nil
                    ? PagePath.accounts.link() : PagePath.deskDay.link(account.desk ?? ""),
                cookies: [cookie])
        case .refused:
            return pages.render(
                "sign-in", web, title: WebCopy.text("signInTitle", web.language),
                page: SignInPage(form: ["username": username]),
                errors: [FieldError(field: "username", message: WebCopy.text("badSignIn", web.language))],
                status: .unauthorized)
        }
    }

    /// `POST /staff/sign-out`
    @Sendable func signOut(_ request: Request, context: LoketRequestContext) async throws -> Response {
        _ = try await web(request).form(request)
        let cookie = try await gate.signOut(request)
        return redirect(PagePath.signIn.link(), cookies: cookie.map { [$0] } ?? [])
    }

    /// `GET /staff`
    @Sendable func start(_ request: Request, context: LoketRequestContext) async throws -> Response {
        guard let account = try await gate.account(request) else { return redirect(PagePath.signIn.link()) }
        return redirect(account.desk.map { PagePath.deskDay.link($0) } ?? PagePath.accounts.link())
    }

    /// `GET /staff/desks/{desk}`
    @Sendable func deskDay(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let desk = try context.parameters.require("desk")
        return try await asStaff(request, .clerk, desk: desk) { account, web in
            try await deskDayPage(
                web, account: account, desk: desk, place: DeskDayPlace(query: request),
                noticeKey: request.query("notice"))
        }
    }

    /// `POST /staff/desks/{desk}/check-in`
    @Sendable func checkIn(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let desk = try context.parameters.require("desk")
        return try await asStaff(request, .clerk, desk: desk) { account, web in
            let form = try await web.form(request)
            let place = try DeskDayPlace(form: form)
            do {
                let item = try await loket.deskDay.checkIn(
                    code: form["code"] ?? "", desk: desk, notifySoon: form["notifySoon"] == "1", staff: account.id)
                let notice = WebCopy.text(
                    "checkedIn", web.language, item.customerName, Self.ticketText(item.visit))
                return try await deskDayPage(web, account: account, desk: desk, place: place, notice: notice)
            } catch let error as Refusal {
                return try await deskDayPage(
                    web, account: account, desk: desk, place: place,
                    errors: [FieldError(field: "code", message: WebCopy.message(error, web.language))])
            }
        }
    }

    /// `POST /staff/desks/{desk}/call-next`
    @Sendable func callNext(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let desk = try context.parameters.require("desk")
        return try await asStaff(request, .clerk, desk: desk) { account, web in
            let form = try await web.form(request)
            let place = try DeskDayPlace(form: form)
            let counter = place.counter
            // The queues ticked (`queue-B`, …), only letters the desk has; none ticked, or
            // all, calls from every queue (a customer whose product left the desk included).
            let letters = Set(loket.deskDay.queues(desk: desk).map(\.letter))
            let ticked = Set(form.keys.filter { $0.hasPrefix("queue-") }.map { String($0.dropFirst(6)) })
                .intersection(letters)
            let queues = ticked == letters ? [] : ticked
            guard !counter.isEmpty, counter.count <= WorkstationCounter.maxLength else {
                return try await deskDayPage(
                    web, account: account, desk: desk, place: DeskDayPlace(counter: "", window: place.window),
                    queues: queues,
                    errors: [
                        FieldError(field: "counter", message: WebCopy.text("error.counter.required", web.language))
                    ])
            }
            let called = try await loket.deskDay.callNext(
                desk: desk, counter: counter, queues: queues, staff: account.id)
            let notice =
                called.map {
                    WebCopy.text("called", web.language, Self.ticketText($0.visit), counter, $0.customerName)
                }
                ?? WebCopy.text(queues.isEmpty ? "nobodyWaiting" : "nobodyWaitingInQueues", web.language)
            return try await deskDayPage(
                web, account: account, desk: desk, place: place, queues: queues, notice: notice)
        }
    }

    /// `GET /display/{desk}`
    @Sendable func display(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        do {
            let desk = try loket.rules.desk(context.parameters.get("desk"))
            let recent = try await loket.deskDay.recentCalls(desk: desk.code)
            // Who stands at a counter now: a served or absent customer leaves the screen.
            let calls = recent.filter { $0.state == .called }
            let next = try await loket.deskDay.nextTickets(desk: desk.code)
            // The screen reloads itself with the moment of the latest call it knew; a later
            // call chimes, once. (Not on the first load: nobody was called just then.)
            let newest = recent.first?.calledAt.map { String(Int($0.timeIntervalSince1970 * 1000)) } ?? "0"
            let chime = request.query("seen").map { $0 != newest } ?? false
            var headers: HTTPFields = [:]
            // Its own policy: as every page's, and the chime's sound from this site.
            headers[.contentSecurityPolicy] =
                "default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
            // A screen for everyone in the waiting room: both languages at once.
            return pages.render(
                "display", web,
                title: "\(WebCopy.text("displayTitle", .nl)) / \(WebCopy.text("displayTitle", .en)) — \(desk.name)",
                page: DisplayPage(
                    calls: calls.map {
                        DisplayPage.Call(ticket: Self.ticketText($0), counter: $0.counter ?? "")
                    },
                    next: next.map(\.description), chime: chime,
                    refresh: "5; url=" + PagePath.display.link(desk.code, query: ["seen": newest])),
                headers: headers)
        } catch let error as Refusal {
            return problem(web, error)
        }
    }
}

extension DeskDayPages {
    /// The desk's day at `place`: how far it has come, who is waiting, and the appointments in
    /// its window (around now when it has none).
    func deskDayPage(
        _ web: WebRequest, account: StaffAccount, desk code: String, place: DeskDayPlace, queues: Set<String>? = nil,
        notice: String? = nil, noticeKey: String? = nil, errors: [FieldError] = []
    ) async throws -> Response {
        guard let desk = loket.network.desk(code) else {
            return pages.problem(web, status: .notFound, message: WebCopy.text("notFoundText", web.language))
        }
        let (place, calling, headers) = workstation(web, desk: code, place: place, queues: queues)
        let now = loket.now()
        let window = place.window ?? .around(DeskTime(now, timeZone: loket.rules.timeZone).time)
        async let progress = loket.deskDay.dayProgress(desk: code)
        let agenda = try await loket.deskDay.agenda(desk: code, window: window)
        let cards = try await loket.documents.pickupDocuments(desk: code)
        // In the order the desk calls them: appointment time, then arrival.
        let waiting = agenda.filter { $0.visit?.state == .waiting }.sorted {
            ($0.appointment.startTime.minutes, $0.visit?.checkedInAt ?? .distantPast)
                < ($1.appointment.startTime.minutes, $1.visit?.checkedInAt ?? .distantPast)
        }
        let language = web.language
        let day = try await progress
        let page = DeskDayPage(
            desk: code, counter: place.counter, from: place.from, back: place.suffix,
            notice: notice ?? noticeKey.flatMap { Self.noticeText($0, language) },
            isManager: account.may(.deskManager, at: code),
            invites: desk.products.contains { loket.network.product($0)?.requiresInvitation == true },
            settingsLink: WebCopy.text("settingsTitle", language, desk.name),
            progress: WebCopy.text(
                "dayProgress", language, String(day.total), String(day.expected), String(day.waiting),
                String(day.called), String(day.served), String(day.noShow)),
            windowText: window.isWholeDay
                ? WebCopy.text("agendaWholeDay", language)
                : WebCopy.text("agendaWindow", language, window.from.text, window.until.text),
            windowLinks: windowLinks(desk: desk, place: place, window: window, now: now, language),
            queues: loket.deskDay.queues(desk: code).map { queue in
                DeskDayPage.Queue(
                    letter: queue.letter, names: queue.products.map { $0.name(language) }.joined(separator: ", "),
                    checked: calling.isEmpty || calling.contains(queue.letter))
            },
            emptyText: WebCopy.text(day.total == 0 ? "noAppointments" : "noAppointmentsInWindow", language),
            waiting: waiting.map { item in
                DeskDayPage.Waiting(
                    ticket: Self.ticketText(item.visit), time: item.appointment.startTime.text, name: item.customerName,
                    assistance: item.assistance,
                    minutes: WebCopy.text("minutesWaiting", language, "\(item.visit?.waitingMinutes(now: now) ?? 0)"),
                    notifySoon: item.visit?.notifySoon ?? false)
            },
            agenda: agenda.map { row($0, desk: code, place: place, cards: cards, now: now, language) })
        return pages.render(
            "desk-day", web, title: WebCopy.text("dayTitle", language, desk.name), page: page,
            errors: errors, status: errors.isEmpty ? .ok : .unprocessableContent, headers: headers)
    }

    /// The counter and queues chosen at this workstation, unless this request names them (then
    /// kept in the workstation's cookie).
    private func workstation(
        _ web: WebRequest, desk code: String, place: DeskDayPlace, queues: Set<String>?
    ) -> (place: DeskDayPlace, calling: Set<String>, headers: HTTPFields) {
        var place = place
        var headers: HTTPFields = [:]
        let kept = web.workstation.flatMap { $0.desk == code ? $0 : nil }
        let calling = queues ?? kept?.queues ?? []
        if place.counter.isEmpty, let kept {
            place = DeskDayPlace(counter: kept.counter, window: place.window)
        } else if let chosen = WorkstationCounter(desk: code, counter: place.counter, queues: calling),
            chosen != web.workstation
        {
            headers.append(HTTPField(name: .setCookie, value: chosen.cookie(secure: secureCookies).description))
        }
        return (place, calling, headers)
    }

    /// A notice after a redirect comes as a key in the address; unknown keys show nothing.
    private static func noticeText(_ key: String, _ language: Customer.Language) -> String? {
        [
            "served": WebCopy.text("markedServed", language), "no-show": WebCopy.text("markedNoShow", language),
            "captured": WebCopy.text("capturesRecorded", language),
            "handed-over": WebCopy.text("documentHandedOver", language),
            "captured-served": WebCopy.text("capturesRecordedServed", language),
            "handed-over-served": WebCopy.text("documentHandedOverServed", language),
        ][key]
    }

    /// Links to the hours before and after `window`, each saying which hours it shows ("Earlier"
    /// alone means little in a list of links), and only hours the desk is open: no "Earlier:
    /// 04:00–07:00" at a desk that opens at 08:00.
    private func windowLinks(
        desk: Desk, place: DeskDayPlace, window: AgendaWindow, now: Date, _ language: Customer.Language
    ) -> [DeskDayPage.WindowLink] {
        func link(_ window: AgendaWindow?, _ key: String) -> DeskDayPage.WindowLink? {
            window.map {
                DeskDayPage.WindowLink(
                    href: place.with(window: $0).dayAddress(desk: desk.code),
                    text: WebCopy.text(key, language, $0.from.text, $0.until.text))
            }
        }
        guard !window.isWholeDay else {
            return [
                DeskDayPage.WindowLink(
                    href: place.with(window: nil).dayAddress(desk: desk.code),
                    text: WebCopy.text("agendaShowNow", language))
            ]
        }
        let hours = desk.hours(
            on: DeskTime(now, timeZone: loket.rules.timeZone).date, workingDays: loket.rules.schedule.workingDays)
        return [
            link(window.earlier(within: hours), "agendaEarlier"), link(window.later(within: hours), "agendaLater"),
            link(.wholeDay, "agendaShowDay"),
        ]
        .compactMap { $0 }
    }

    /// One appointment of the agenda, with what the clerk may do at it now.
    private func row(
        _ item: AgendaItem, desk code: String, place: DeskDayPlace, cards: [String: Document], now: Date,
        _ language: Customer.Language
    ) -> DeskDayPage.Appointment {
        let card = cards[item.appointment.id]
        return DeskDayPage.Appointment(
            id: item.appointment.id,
            time: "\(item.appointment.startTime.text)–\(item.appointment.endTime.text)",
            name: item.customerName, assistance: item.assistance, code: item.appointment.code ?? "",
            persons: item.appointment.persons, product: productName(item.appointment.product, language),
            state: Self.stateText(item.visit, language), canServe: item.visit?.state == .called,
            // Not before the start: until then nobody has failed to come.
            canNoShow: item.visit == nil
                ? now >= item.appointment.startInstant
                : item.visit?.state == .waiting || item.visit?.state == .called,
            canCapture: item.appointment.product == Biometrics.biometricsProduct && item.visit?.state != .noShow,
            card: loket.documents.documentPickupProducts.contains(item.appointment.product)
                ? Self.cardText(card, language) : nil,
            canHandOver: [.ready, .pickupBooked].contains(card?.status),
            handoverHref: PagePath.handover.link(
                code, query: ["visit": item.appointment.id, "reference": item.appointment.code ?? item.appointment.id])
                + (place.query.isEmpty ? "" : "&\(place.query)"))
    }

    /// Where a visit stands, as the agenda says it.
    private static func stateText(_ visit: Visit?, _ language: Customer.Language) -> String {
        switch visit?.state {
        case nil: WebCopy.text("stateExpected", language)
        case .waiting?: "\(WebCopy.text("stateWaiting", language)) (\(Self.ticketText(visit)))"
        case .called?: "\(WebCopy.text("stateCalled", language)) \(visit?.counter ?? "")"
        case .served?: WebCopy.text("stateServed", language)
        case .noShow?: WebCopy.text("stateNoShow", language)
        }
    }

    /// Whether a pickup's card is here: ready (or booked, which it was ready for), handed over, or not.
    private static func cardText(_ card: Document?, _ language: Customer.Language) -> String {
        switch card?.status {
        case nil: WebCopy.text("cardUnknown", language)
        case .ready?, .pickupBooked?: WebCopy.text("cardReady", language)
        case .handedOver?: WebCopy.text("cardHandedOver", language)
        default: WebCopy.text("cardNotHere", language)
        }
    }

    /// A visit's ticket as the screen shows it ("B012"); a dash before check-in.
    static func ticketText(_ visit: Visit?) -> String {
        visit?.ticket?.description ?? "–"
    }
}

extension PageRoutes {
    /// Runs `page` for the signed-in account if it may act as `role` at `desk` (any desk when
    /// nil); otherwise answers with the sign-in page for nobody, 403 for too little right.
    func asStaff(
        _ request: Request, _ role: StaffRole, desk: String?,
        _ page: (StaffAccount, WebRequest) async throws -> Response
    ) async throws -> Response {
        var web = web(request)
        guard let account = try await gate.account(request) else { return redirect(PagePath.signIn.link()) }
        web.staff = account
        guard desk.map({ account.may(role, at: $0) }) ?? (account.active && account.role >= role) else {
            return pages.problem(web, status: .forbidden, message: WebCopy.text("noAccess", web.language))
        }
        // A refusal nobody caught on the way (a bad `from`, say) is a page in the clerk's
        // language naming what was wrong, not the API's JSON.
        do {
            return try await page(account, web)
        } catch let error as Refusal {
            return problem(web, error)
        }
    }
}
