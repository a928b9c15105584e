import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The customer's way to an appointment: product → (biometrics question) → desk → persons, day
/// and time → details → confirmation. Choices travel in the URL; personal details only in POSTs.
struct BookingPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.home.route, use: home)
        router.get(PagePath.desks.route, use: desks)
        router.get(PagePath.calendar.route, use: calendar)
        router.post(PagePath.calendar.route, use: holdSlot)
        router.get(PagePath.hold.route, use: details)
        router.get(PagePath.invitationBooking.route, use: invitation)
        router.post(PagePath.hold.route, use: confirm)
    }

    /// `GET /`
    @Sendable func home(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let products = loket.network.products.map { product in
            let name = product.name(web.language)
            // Biometrics first asks whether a visit is needed at all.
            return product.key == "BIO"
                ? HomePage.Product(
                    name: name, href: PagePath.biometricsQuestion.link(),
                    note: WebCopy.text("bioCheckHint", web.language))
                : HomePage.Product(name: name, href: PagePath.desks.link(product.key), note: nil)
        }
        return pages.render(
            "home", web, title: WebCopy.text("homeTitle", web.language), page: HomePage(products: products))
    }

    /// `GET /book/{product}/desks`
    @Sendable func desks(_ request: Request, context: LoketRequestContext) async throws -> Response {
        var web = web(request)
        let key = try context.parameters.require("product")
        guard let product = loket.network.product(key) else {
            return pages.problem(web, status: .notFound, message: WebCopy.text("notFoundText", web.language))
        }
        web.backPath = PagePath.desks.link(product.key)
        let made = try await publicPages.made(web.pageKey(web.backPath), generation: 0, now: loket.now()) { [web] in
            let waits = try await loket.availability.waitTimes(product: product.key)
            let desks = loket.network.desks.filter { $0.offers(product.key) }.map { desk in
                deskItem(desk, product: product.key, wait: waits.first { $0.desk == desk.code }, web.language)
            }
            return pages.prepare(
                "desks", web,
                title: "\(WebCopy.text("desksTitle", web.language)): \(productName(product.key, web.language))",
                page: DesksPage(desks: desks), headers: [.vary: "Cookie, Accept-Language"])
        }
        // The same for everyone in one language: sent past the router, chosen by language.
        return app.send(
            made, of: publicPages, web: web, to: request, context: context, canonical: web.backPath,
            varies: WebRequest.customerLanguage)
    }

    /// One desk on the desks page: closed for good (and where to go instead), or its wait and a
    /// link straight to its first free day, or to the waitlist when it has none.
    private func deskItem(
        _ desk: Desk, product: String, wait: WaitTime?, _ language: Customer.Language
    ) -> DesksPage.Desk {
        var item = DesksPage.Desk(name: desk.name, city: desk.city, tailored: desk.kind == .tailored)
        if desk.isClosedForGood(on: loket.today) {
            let successor = desk.successor.flatMap { loket.network.desk($0)?.name } ?? "—"
            item.closedText = WebCopy.text(
                "deskClosed", language, DateWording.date(desk.closedFrom!, language), successor)
            return item
        }
        item.href = PagePath.calendar.link(product, desk.code)
        item.chooseLabel = WebCopy.text("chooseDesk", language, desk.name)
        if let wait, let first = wait.firstFreeDate {
            // Straight to the first free day: the calendar opens on its month with its times.
            item.href = PagePath.calendar.link(product, desk.code, query: ["date": first.iso])
            item.waitText = WebCopy.text("waitDays", language, "\(wait.workingDaysToFirstSlot ?? 0)")
            item.firstFreeText = WebCopy.text("firstFree", language, DateWording.date(first, language))
        } else {
            item.noFree = true
            item.waitlistHref = PagePath.waitlistJoin.link(product, query: ["desk": desk.code])
        }
        return item
    }

    /// `GET /book/{product}/desks/{desk}`
    @Sendable func calendar(_ request: Request, context: LoketRequestContext) async throws -> Response {
        var web = web(request)
        do {
            try loket.admit(.slotReads, client: context.client)
            let desk = try loket.rules.desk(context.parameters.get("desk"))
            let product = try loket.rules.product(context.parameters.get("product"), at: desk)
            let persons = PartySize.shown(request.query("persons"))
            let assistance = request.query("assistance") == "1"
            // The page is the same for everyone who asks the same: it is keyed, and linked back
            // to by the language switch, in its canonical form (junk in the query changes nothing).
            let chosen = request.query("date").flatMap { LocalDate(iso: $0) }
            let month = String(
                MonthView.month(request.query("month"), fallback: chosen ?? loket.today).iso.prefix(7))
            let path = PagePath.calendar.link(product.key, desk.code)
            web.backPath = PagePath.calendar.link(
                product.key, desk.code,
                query: ["persons": persons, "assistance": assistance ? "1" : nil, "month": month, "date": chosen?.iso])
            let now = loket.now()
            let prepared = try await calendarPages.value(
                web.pageKey(web.backPath), generation: loket.capacityGeneration(desk: desk.code),
                now: now
            ) { [web] in
                // New appointments here may be given out by draw: the calendar says so and links to
                // each open draw (days far ahead and released reserve days are drawn apart).
                let draws = try await loket.draws.listed(desk: desk.code, product: product.key).filter {
                    $0.isOpen(at: now)
                }
                let view = try await calendarView(
                    web, desk: desk, product: product, persons: persons, assistance: assistance, month: month,
                    date: chosen?.iso, path: path, token: nil, backHref: PagePath.desks.link(product.key),
                    drawNotices: draws.map { drawNotice($0, web.language) })
                return pages.prepare("calendar", web, title: view.title, page: view.page)
            }
            return prepared.response(web, to: request)
        } catch let error as Refusal {
            return problem(web, error)
        }
    }

    /// A draw open at a desk, as the calendar tells of it: its days, its deadline, a link to enter.
    private func drawNotice(_ draw: Draw, _ language: Customer.Language) -> CalendarPage.DrawNotice {
        CalendarPage.DrawNotice(
            text: WebCopy.text(
                "drawNoticeFor", language, draw.allDays.map { DateWording.date($0, language) }.joined(separator: "; "),
                DateWording.deadline(draw.closesAt, language)),
            href: PagePath.drawEnter.link(draw.id))
    }

    /// `POST /book/{product}/desks/{desk}`
    @Sendable func holdSlot(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let form = try await web.form(request)
        // "Show free times", or a party size or assistance changed since the times were
        // listed: the calendar again for what is asked now, never a hold for another party.
        if let changed = calendarAgain(
            form, product: context.parameters.get("product"), desk: context.parameters.get("desk"))
        {
            return redirect(changed)
        }
        do {
            let receipt = try await loket.booking.hold(
                desk: context.parameters.get("desk"), product: context.parameters.get("product"),
                persons: PartySize.sent(form["persons"]), slot: form["slot"],
                assistance: form["assistance"] == "1", client: context.client, replacingOldest: true,
                idempotency: nil)
            // The hold's secret stays in this browser: a cookie only the hold's own page gets.
            let path = PagePath.hold.link(receipt.hold.id)
            return redirect(
                path,
                cookies: [
                    Cookie(
                        name: WebRequest.holdCookie, value: receipt.token, maxAge: 3600, path: path,
                        secure: secureCookies, httpOnly: true, sameSite: .strict)
                ])
        } catch let error as Refusal {
            return problem(web, error)
        }
    }

    /// `GET /book/hold/{id}`
    @Sendable func details(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        return try await detailsPage(
            web, hold: context.parameters.require("id"), form: [:], errors: [],
            invitation: try await invitation(in: request))
    }

    /// `GET /book/invitation/{id}`
    @Sendable func invitation(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let id = try context.parameters.require("id")
        guard
            let invitation = try await loket.invitations.invitation(id: id, token: request.query("token"))
        else {
            return pages.problem(
                web, status: .notFound, message: WebCopy.text("invitationLinkInvalid", web.language))
        }
        // The link's secret goes into a cookie and out of the address bar (and its history);
        // the booking's details page fills the person in from it.
        return redirect(
            PagePath.desks.link(invitation.product),
            cookies: [
                Cookie(
                    name: WebRequest.invitationCookie,
                    value: "\(invitation.id).\(request.query("token") ?? "")", maxAge: 86_400,
                    path: "/book/", secure: secureCookies, httpOnly: true, sameSite: .lax)
            ])
    }

    /// `POST /book/hold/{id}`
    @Sendable func confirm(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let id = try context.parameters.require("id")
        let form = try await web.form(request)
        guard let hold = try await loket.booking.activeHold(id: id) else {
            return pages.problem(web, status: .gone, message: WebCopy.text("error.hold.hold_expired", web.language))
        }
        // The other persons, when every person is named (one live booking per person).
        let details = CustomerForm(
            form, companions: companionCount(hold), vNumber: form["vNumber"], language: web.language.rawValue)
        guard let customer = details.customer else {
            return try await detailsPage(web, hold: id, form: form, errors: fieldErrors(details.problems, web))
        }
        // The details first come back to be checked; "Change" opens the form again as typed.
        if form["change"] == "1" { return try await detailsPage(web, hold: id, form: form, errors: []) }
        guard form["confirm"] == "1" else {
            guard let desk = loket.network.desk(hold.desk) else {
                return pages.problem(web, status: .notFound, message: WebCopy.text("notFoundText", web.language))
            }
            return checkAnswersPage(web, hold: hold, desk: desk, customer: customer, form: form)
        }
        do {
            let booking = try await loket.booking.confirm(
                hold: id, holdToken: request.cookies[WebRequest.holdCookie]?.value, customer: customer,
                client: context.client, idempotency: nil)
            return redirect(
                PagePath.manage.link(booking.appointment.id, query: ["token": booking.manageToken, "booked": "1"]))
        } catch let error as Refusal where error.field.hasPrefix("customer.") {
            // Someone already booked, or a person missing: said next to the form's field.
            return try await detailsPage(web, hold: id, form: form, errors: fieldErrors([error], web))
        } catch let error as Refusal {
            return problem(web, error)
        }
    }
}

extension BookingPages {
    /// Where the booking calendar's form goes instead of holding a time: back to the calendar
    /// with the party the form asks for, when its "Show free times" was pressed or the party
    /// differs from the one the times were listed for; nil to hold the chosen time.
    func calendarAgain(_ form: [String: String], product: String?, desk: String?) -> String? {
        let persons = PartySize.sent(form["persons"]) ?? 1
        // A party size the form does not offer goes on to the hold, which refuses it at its field.
        guard BookingRules.partySizes.contains(persons) else { return nil }
        let assistance = form["assistance"] == "1"
        // A form without the listed party (not from the calendar page) has nothing to compare.
        let listed = form["listedPersons"].map { (Int($0) ?? persons, form["listedAssistance"] == "1") }
        let changed = listed.map { $0.0 != persons || $0.1 != assistance } ?? false
        // "Show free times" with a time chosen and the party as listed is the Enter key on a
        // time (the form's first button): that books the time.
        let shows = form["show"] == "1" && (form["slot"] ?? "").isEmpty
        guard shows || changed,
            let product = loket.network.product(product ?? ""), let desk = loket.network.desk(desk ?? "")
        else { return nil }
        let month = MonthView.month(form["month"], fallback: loket.today).iso.prefix(7)
        let date = form["date"].flatMap { LocalDate(iso: $0) }
        return PagePath.calendar.link(
            product.key, desk.code,
            query: ["persons": persons, "assistance": assistance ? "1" : nil, "month": month, "date": date?.iso])
            + (date == nil ? "" : "#slot")
    }

    func detailsPage(
        _ web: WebRequest, hold id: String, form: [String: String], errors: [FieldError],
        invitation: Invitation? = nil
    ) async throws -> Response {
        guard let hold = try await loket.booking.activeHold(id: id), let desk = loket.network.desk(hold.desk) else {
            return pages.problem(web, status: .gone, message: WebCopy.text("error.hold.hold_expired", web.language))
        }
        let asksBirth = loket.network.product(hold.product)?.requiresInvitation == true
        var form = form
        // Opened from an invitation's link: its person's V-number and email are filled in. The
        // date of birth is not: it is what the person knows and a forwarded mail does not.
        if let invitation, invitation.product == hold.product, form.isEmpty {
            form = ["vNumber": invitation.vNumber, "email": invitation.email]
        }
        let until = DeskTime(hold.expiresAt, timeZone: DeskTime.amsterdam).time.text
        let page = DetailsPage(
            productName: productName(hold.product, web.language),
            when: DateWording.dateTime(hold.date, hold.startTime, hold.endTime, web.language),
            where: place(desk), persons: hold.persons, heldUntil: WebCopy.text("heldUntil", web.language, until),
            action: PagePath.hold.link(hold.id), form: form,
            vNumberRequired: loket.network.product(hold.product)?.onePerPerson == true,
            dateOfBirthRequired: asksBirth,
            companions: CompanionFields.rows(
                count: companionCount(hold), form: form, errors: errors, web.language, asksBirth: asksBirth))
        return pages.render(
            "details", web, title: WebCopy.text("detailsTitle", web.language), page: page, errors: errors,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

extension Array where Element == Slot {
    /// One slot per start time, as customers choose: several roster blocks may offer the same minute.
    var oneEachStart: [Slot] {
        var seen = Set<LocalTime>()
        return filter { seen.insert($0.start).inserted }
    }
}

extension PageRoutes {
    /// Refusals as the form shows them: `customer.vNumber` is the form's `vNumber`.
    func fieldErrors(_ errors: [Refusal], _ web: WebRequest) -> [FieldError] {
        errors.map { error in
            let field =
                error.field.hasPrefix("customer.") ? String(error.field.dropFirst("customer.".count)) : error.field
            let formField = CompanionFields.formField(field)
            return FieldError(
                field: formField,
                message: CompanionFields.naming(WebCopy.message(error, web.language), field: formField, web.language))
        }
    }

    /// The booking calendar: a month with the days that have room, and the chosen day's times.
    func calendarView(
        _ web: WebRequest, desk: Desk, product: Product, persons: Int, assistance: Bool, month: String?, date: String?,
        path: String, token: String?, backHref: String, title: String? = nil, fixedPersons: Bool = false,
        drawNotices: [CalendarPage.DrawNotice] = []
    ) async throws -> (title: String, page: CalendarPage) {
        let rules = loket.rules
        let today = loket.today
        let horizon = rules.horizon(from: today)
        let chosen = date.flatMap { LocalDate(iso: $0) }
        let view = MonthView(month: MonthView.month(month, fallback: chosen ?? today), language: web.language)
        let first = max(view.month, today)
        let last = min(view.last, horizon)
        let slots =
            first <= last
            ? try await loket.availability.freeSlots(
                desk: desk, product: product, persons: persons, dates: first...last,
                assistance: assistance, rules: rules) : []
        // The calendar again, for another month or day: `path` is the calendar's own page.
        func again(month: String, date: LocalDate? = nil) -> String {
            path
                + PagePath.query([
                    "persons": persons, "assistance": assistance ? "1" : nil, "token": token, "month": month,
                    "date": date?.iso,
                ])
        }
        let grid = view.grid(roomOn: Set(slots.map(\.date)), chosen: chosen) { day in
            again(month: view.key, date: day) + "#slot"
        }
        var page = CalendarPage(
            weekdays: grid.weekdays, weeks: grid.weeks, monthTitle: view.title, month: view.key,
            path: path, productName: productName(product.key, web.language), deskName: place(desk),
            persons: persons, assistance: assistance, fixedPersons: fixedPersons,
            personOptions: PartySize.options(persons),
            backHref: backHref, tokenField: token, drawNotices: drawNotices)
        if !fixedPersons {
            page.waitlistHref = PagePath.waitlistJoin.link(product.key, query: ["desk": desk.code, "persons": persons])
        }
        if view.month > MonthView.month(nil, fallback: today) {
            page.previousHref = again(month: String(view.month.adding(months: -1).iso.prefix(7)))
        }
        if view.last < horizon {
            page.nextHref = again(month: String(view.month.adding(months: 1).iso.prefix(7)))
        }
        if let chosen {
            page.chosenDate = true
            page.chosenDay = chosen.iso
            page.timesTitle = WebCopy.text("timesOn", web.language, DateWording.date(chosen, web.language))
            let unique = slots.filter { $0.date == chosen }.oneEachStart
            page.times = unique.map(\.key.description)
            // A day's times in three parts, so that a phone screen shows where the evening starts.
            let parts: [(label: String, range: Range<Int>)] = [
                (WebCopy.text("morning", web.language), 0..<720),
                (WebCopy.text("afternoon", web.language), 720..<1020),
                (WebCopy.text("evening", web.language), 1020..<1440),
            ]
            page.timeGroups = parts.compactMap { part in
                let inPart = unique.filter { part.range.contains($0.start.minutes) }
                guard !inPart.isEmpty else { return nil }
                // The start is what people choose by; the end is on the next page.
                return CalendarPage.TimeGroup(
                    label: part.label,
                    times: inPart.map { CalendarPage.Time(key: $0.key.description, text: $0.start.text) })
            }
        }
        return (title ?? WebCopy.text("calendarTitle", web.language), page)
    }

    /// The persons besides the customer that a form names: all of a group, for products with one
    /// live booking per person.
    func companionCount(product: String, persons: Int) -> Int {
        loket.network.product(product)?.onePerPerson == true ? persons - 1 : 0
    }

    func companionCount(_ hold: Hold) -> Int { companionCount(product: hold.product, persons: hold.persons) }

    /// The invitation whose link this browser opened, if it is still open.
    func invitation(in request: Request) async throws -> Invitation? {
        guard let value = request.cookies[WebRequest.invitationCookie]?.value,
            let dot = value.firstIndex(of: ".")
        else { return nil }
        return try await loket.invitations.invitation(
            id: String(value[..<dot]), token: String(value[value.index(after: dot)...]))
    }
}
