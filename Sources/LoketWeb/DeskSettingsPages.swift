import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The desk manager's page: closures, opening hours (a Saturday opening is one) and counters
/// per roster block, each a change on top of the network file that can be undone. The free
/// slots of the coming days are shown next to the forms, so the effect is seen at once.
struct DeskSettingsPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.deskSettings.route, use: settings)
        for kind in ["closure", "hours", "counters", "block"] {
            router.post(PagePath.deskChange.filling("kind", with: kind).route) { request, context in
                try await addChange(kind, request, context: context)
            }
        }
        router.post(PagePath.deskChangeRemove.route, use: removeChange)
        router.post(PagePath.drawMode.route, use: setDrawMode)
    }

    /// A desk manager adds a change of `kind` (a closure, hours, counters, a roster block).
    func addChange(_ kind: String, _ request: Request, context: LoketRequestContext) async throws -> Response {
        let code = try context.parameters.require("desk")
        return try await asStaff(request, .deskManager, desk: code) { account, web in
            let form = try await web.form(request)
            guard let desk = loket.network.desk(code) else {
                throw Refusal(.notFound, field: "desk", code: "unknown_desk", "No desk \(code).")
            }
            do {
                let change = try Self.deskChange(kind, form: form, desk: desk)
                try await loket.deskDay.addDeskChange(change, desk: code, staff: account.id)
                return redirect(PagePath.deskSettings.link(code, query: ["notice": "saved"]))
            } catch let error as Refusal {
                return try await settingsPage(
                    web, desk: code,
                    errors: [FieldError(field: kind + "From", message: WebCopy.message(error, web.language))])
            }
        }
    }

    /// `GET /staff/desks/{desk}/settings`
    @Sendable func settings(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let desk = try context.parameters.require("desk")
        return try await asStaff(request, .deskManager, desk: desk) { _, web in
            return try await settingsPage(web, desk: desk, notice: request.query("notice"))
        }
    }

    /// `POST /staff/desks/{desk}/settings/changes/{id}/remove`
    @Sendable func removeChange(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let code = try context.parameters.require("desk")
        return try await asStaff(request, .deskManager, desk: code) { account, web in
            _ = try await web.form(request)
            try await loket.deskDay.removeDeskChange(
                id: context.parameters.require("id"), desk: code, staff: account.id)
            return redirect(PagePath.deskSettings.link(code, query: ["notice": "saved"]))
        }
    }
}

extension DeskSettingsPages {
    /// The change a form asks for, checked: real dates in order, hours as HH:MM-HH:MM, a known block.
    static func deskChange(_ kind: String, form: [String: String], desk: Desk) throws(Refusal) -> DeskChange {
        guard let from = LocalDate(iso: form["from"] ?? "") else {
            throw .invalid("from", "invalid_date", "Give the first day as YYYY-MM-DD.")
        }
        guard let until = LocalDate(iso: form["until"] ?? ""), until >= from else {
            throw .invalid("until", "invalid_date", "Give the last day as YYYY-MM-DD, not before the first.")
        }
        switch kind {
        case "closure":
            let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty, reason.count <= 200 else {
                throw .invalid("reason", "required", "Say why the desk is closed.")
            }
            return .closure(Closure(from: from, until: until, reason: reason))
        case "hours":
            var hours: [Weekday: TimeRange] = [:]
            for day in Weekday.allCases {
                let text = (form[day.rawValue] ?? "").replacingOccurrences(of: " ", with: "")
                guard !text.isEmpty else { continue }
                guard let range = TimeRange(text: text), range.from < range.to else {
                    throw .invalid(day.rawValue, "invalid_hours", "Write the hours on \(day.rawValue) as 09:00-17:00.")
                }
                hours[day] = range
            }
            return .hours(OpeningHours(validFrom: from, validUntil: until, hours: hours))
        case "block":
            let products = desk.products.filter { form["product-\($0)"] == "1" }
            guard !products.isEmpty else {
                throw .invalid("product", "required", "Choose the products the counters serve.")
            }
            let days = Weekday.allCases.filter { form["day-\($0.rawValue)"] == "1" }
            guard !days.isEmpty else { throw .invalid("days", "required", "Choose the days.") }
            guard let hours = TimeRange(text: (form["hours"] ?? "").replacingOccurrences(of: " ", with: "")),
                hours.from < hours.to
            else {
                throw .invalid("hours", "invalid_hours", "Write the hours as 09:00-13:00.")
            }
            guard let counters = Int(form["counters"] ?? ""), (1...99).contains(counters) else {
                throw .invalid("counters", "too_few", "Counters is a number from 1 to 99.")
            }
            // A new pool id of its own: bookings in other blocks are not counted against it.
            var id: String
            repeat { id = "extra\(Int.random(in: 1000...9999))" } while desk.roster.contains { $0.id == id }
            return .rosterBlock(
                RosterBlock(
                    id: id, products: products, days: days, hours: hours, counters: counters,
                    validFrom: from, validUntil: until))
        default:
            guard let block = form["block"], desk.roster.contains(where: { $0.id == block }) else {
                throw .invalid("block", "unknown_block", "Choose a roster block of this desk.")
            }
            guard let counters = Int(form["counters"] ?? ""), (0...99).contains(counters) else {
                throw .invalid("counters", "out_of_range", "Counters is a number from 0 to 99.")
            }
            return .counters(block: block, from: from, until: until, counters: counters)
        }
    }

    func settingsPage(
        _ web: WebRequest, desk code: String, notice: String? = nil, errors: [FieldError] = []
    ) async throws -> Response {
        let rules = loket.rules
        guard let desk = rules.network.desk(code) else {
            return pages.problem(web, status: .notFound, message: WebCopy.text("notFoundText", web.language))
        }
        let language = web.language
        let today = loket.today
        let days = today...today.adding(days: 13)
        let products = desk.products.compactMap { rules.network.product($0) }
        var free: [String: [LocalDate: Int]] = [:]
        for product in products {
            let slots = try await loket.availability.freeSlots(
                desk: desk, product: product, persons: 1, dates: days, rules: rules)
            free[product.key] = Dictionary(grouping: slots, by: \.date).mapValues(\.count)
        }
        let effect = (0..<14).map { offset in
            let day = today.adding(days: offset)
            return DeskSettingsPage.Effect(
                date: DateWording.date(day, language), counts: products.map { "\(free[$0.key]?[day] ?? 0)" })
        }
        let changes = try await loket.deskDay.deskChanges(desk: code)
        // Appointments already booked on days a change closed or shortened: the manager must tell those customers.
        let horizon = today...rules.horizon(from: today)
        // (clamped(to:) squeezes a range wholly outside onto an edge, so overlap is checked first)
        let changedDays = changes.map(\.change.dates).filter { $0.overlaps(horizon) }.map { $0.clamped(to: horizon) }
        var affected = 0
        if let first = changedDays.map(\.lowerBound).min(), let last = changedDays.map(\.upperBound).max() {
            for item in try await loket.deskDay.agenda(desk: code, dates: first...last)
            where changedDays.contains(where: { $0.contains(item.appointment.date) }) {
                let pool = SlotKey(item.appointment.slot).flatMap { key in
                    rules.schedule.pools(desk: desk, on: key.date).first { $0.id == key.pool }
                }
                if pool == nil || item.appointment.startTime < pool!.hours.from
                    || item.appointment.endTime > pool!.hours.to
                {
                    affected += 1
                }
            }
        }
        // The urgent reserve of the coming weeks: kept back, used for urgent cases, released, still held.
        let weeks = today.weekStart...today.weekStart.adding(days: 27)
        let urgentWeeks = try await loket.availability.urgentWeeks(desk: desk, dates: weeks)
        let blocks = desk.roster
        var seen = Set<String>()
        let page = DeskSettingsPage(
            desk: code, notice: notice == "saved" ? WebCopy.text("saved", language) : nil,
            affectedText: affected > 0 ? WebCopy.text("affected", language, "\(affected)") : nil,
            productHeads: products.map { $0.name(language) },
            effect: effect,
            urgentWeeks: urgentWeeks.map { week in
                DeskSettingsPage.UrgentWeek(
                    week: DateWording.date(week.weekStarting, language), protected: week.protected, used: week.used,
                    released: week.released, held: week.held)
            },
            changes: changes.map { DeskSettingsPage.Item(id: $0.id, text: describe($0.change, desk: desk, language)) },
            blocks: blocks.filter { seen.insert($0.id).inserted }.map { block in
                DeskSettingsPage.Item(id: block.id, text: blockText(block, language))
            },
            productChoices: products.map { DeskSettingsPage.ProductChoice(key: $0.key, name: $0.name(language)) },
            weekdays: Weekday.allCases.map {
                DeskSettingsPage.WeekdayField(
                    day: $0.rawValue, name: WebCopy.text("weekday.\($0.rawValue)", language), value: "")
            },
            drawModes: try await drawModeRows(desk: desk, language))
        return pages.render(
            "desk-settings", web, title: WebCopy.text("settingsTitle", language, desk.name), page: page,
            errors: errors, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// A roster block as its desk manager knows it: "Biometrics, Mon, Tue 08:00–20:00 (from 25 May
    /// 2022)", with its period unless `period` is false; its id is the desk network file's business.
    func blockName(_ block: RosterBlock, _ language: Customer.Language, period withPeriod: Bool = true) -> String {
        let name = WebCopy.text(
            "blockName", language, block.products.map { productName($0, language) }.joined(separator: ", "),
            block.days.map { WebCopy.text("wd.\($0.rawValue)", language) }.joined(separator: ", "),
            "\(block.hours.from.text)–\(block.hours.to.text)")
        let period = [
            block.validFrom.map { WebCopy.text("blockFrom", language, DateWording.dayMonthYear($0, language)) },
            block.validUntil.map { WebCopy.text("blockUntil", language, DateWording.dayMonthYear($0, language)) },
        ].compactMap { $0 }
        return period.isEmpty || !withPeriod ? name : "\(name) (\(period.joined(separator: " ")))"
    }

    /// The block with its counters, as the counters form lists it.
    func blockText(_ block: RosterBlock, _ language: Customer.Language) -> String {
        WebCopy.text("blockText", language, blockName(block, language), "\(block.counters)")
    }

    func describe(_ change: DeskChange, desk: Desk, _ language: Customer.Language) -> String {
        func period(_ from: LocalDate?, _ until: LocalDate?) -> String {
            "\(from.map { DateWording.date($0, language) } ?? "…") – \(until.map { DateWording.date($0, language) } ?? "…")"
        }
        switch change {
        case .closure(let closure):
            return WebCopy.text("change.closure", language, period(closure.from, closure.until), closure.reason)
        case .hours(let hours):
            let days = Weekday.allCases.compactMap { day in
                hours.hours[day].map { "\(WebCopy.text("wd.\(day.rawValue)", language)) \($0.from.text)–\($0.to.text)" }
            }
            return WebCopy.text(
                "change.hours", language, period(hours.validFrom, hours.validUntil),
                days.isEmpty ? WebCopy.text("change.closed", language) : days.joined(separator: ", "))
        case .counters(let block, let from, let until, let counters):
            // The change has its own period: the block's name without one.
            let named = desk.roster.first { $0.id == block }.map { blockName($0, language, period: false) }
            return WebCopy.text("change.counters", language, named ?? block, period(from, until), "\(counters)")
        case .rosterBlock(let block):
            let days = block.days.map { WebCopy.text("wd.\($0.rawValue)", language) }.joined(separator: ", ")
            return WebCopy.text(
                "change.block", language, period(block.validFrom, block.validUntil),
                block.products.map { productName($0, language) }.joined(separator: ", "), days,
                "\(block.hours.from.text)–\(block.hours.to.text)", "\(block.counters)")
        }
    }
}
