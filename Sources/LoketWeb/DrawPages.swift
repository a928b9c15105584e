import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The public side of the draws (loting): `/draws` says what a draw is and lists the open and
/// recent ones, `/draws/{id}/result` publishes a result (seed, counts, order and digest, no
/// names) so that anyone can check it. Entering is in DrawEntryPages.swift.
extension WebApp {
    func addDrawRoutes(to router: Router<LoketRequestContext>) {
        router.get("/draws") { request, _ in
            let web = web(request)
            let draws: [Draw]
            do {
                draws = try await loket.draws(desk: request.query("desk"), product: request.query("product"))
            } catch let error as BookingError {
                return problem(web, error)
            }
            let now = loket.now()
            let open = draws.filter { $0.isOpen(at: now) }.sorted { $0.closesAt < $1.closesAt }
            let page = DrawsPage(
                open: open.map {
                    DrawsPage.Open(
                        facts: drawFacts($0, web.language), places: $0.places, enterHref: "/draws/\($0.id)/enter")
                },
                recent: draws.filter { !$0.isOpen(at: now) }.map {
                    DrawsPage.Recent(
                        facts: drawFacts($0, web.language),
                        state: WebCopy.text($0.state == .allocated ? "drawAllocated" : "drawBeingDrawn", web.language),
                        resultHref: "/draws/\($0.id)/result")
                })
            return pages.render("draws", web, title: WebCopy.text("drawsTitle", web.language), page: page)
        }
        router.get("/draws/{id}/result") { request, context in
            let web = web(request)
            do {
                let draw = try await loket.draw(id: context.parameters.require("id"))
                var page = DrawResultPage(facts: drawFacts(draw, web.language))
                guard draw.state == .allocated else {
                    page.pendingText = WebCopy.text(
                        "drawPending", web.language, Self.deadline(draw.closesAt, web.language))
                    return pages.render(
                        "draw-result", web, title: WebCopy.text("drawResultTitle", web.language), page: page)
                }
                let result = try await loket.drawResult(id: draw.id)
                let places = result.allocation.map { place in
                    DrawResultPage.Place(
                        position: place.position, entry: place.entry,
                        slot: place.slot.map { "\(DateWording.date($0.date, web.language)), \($0.start.text)" },
                        slotKey: place.slot?.description)
                }
                page.outcome = DrawResultPage.Outcome(
                    seed: draw.seed ?? "", places: draw.places, entries: result.entries, drawn: result.drawn,
                    digest: result.digest, allocation: places, hasAllocation: !places.isEmpty)
                return pages.render(
                    "draw-result", web, title: WebCopy.text("drawResultTitle", web.language), page: page)
            } catch let error as BookingError {
                return problem(web, error)
            }
        }
    }

    /// The draw as every draw page names it; `days` instead of all its days for an entry's own.
    func drawFacts(_ draw: Draw, _ language: Customer.Language, days: [LocalDate]? = nil) -> DrawFacts {
        DrawFacts(
            productName: productName(draw.product, language),
            place: loket.network.desk(draw.desk).map(place) ?? draw.desk,
            days: (days ?? draw.allDays).map { DateWording.date($0, language) }.joined(separator: "; "),
            closes: Self.deadline(draw.closesAt, language))
    }

    /// An instant as the desks' clock shows it (Amsterdam): "woensdag 1 juni 2022 om 10:00 uur".
    func moment(_ instant: Date, _ language: Customer.Language) -> String {
        let time = DeskTime(instant, timeZone: DeskTime.amsterdam)
        return WebCopy.text("drawMoment", language, DateWording.date(time.date, language), time.time.text)
    }

    /// A deadline as a person reads it: one at midnight is the end of the day before, since
    /// "closes Thursday at 00:00" reads as Thursday to most.
    static func deadline(_ instant: Date, _ language: Customer.Language) -> String {
        let time = DeskTime(instant, timeZone: DeskTime.amsterdam)
        guard time.time.minutes == 0 else {
            return WebCopy.text("drawMoment", language, DateWording.date(time.date, language), time.time.text)
        }
        return WebCopy.text("drawMomentEndOfDay", language, DateWording.date(time.date.adding(days: -1), language))
    }
}
