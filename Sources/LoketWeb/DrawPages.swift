import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The public side of the draws (loting): `/draws` says what a draw is and lists the open and
/// recent ones, `/draws/{id}/result` publishes a result (seed, counts, order and digest, no
/// names) so that anyone can check it. Entering is in DrawEntryPages.swift.
struct DrawPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.draws.route, use: draws)
        router.get(PagePath.drawResult.route, use: result)
        router.get(PagePath.drawEnter.route, use: entryForm)
        router.post(PagePath.drawEnter.route, use: enter)
        router.get(PagePath.drawEntry.route, use: entry)
    }

    /// `GET /draws`
    @Sendable func draws(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let draws: [Draw]
        do {
            draws = try await loket.draws.listed(desk: request.query("desk"), product: request.query("product"))
        } catch let error as Refusal {
            return problem(web, error)
        }
        let now = loket.now()
        let open = draws.filter { $0.isOpen(at: now) }.sorted { $0.closesAt < $1.closesAt }
        let page = DrawsPage(
            open: open.map {
                DrawsPage.Open(
                    facts: drawFacts($0, web.language), places: $0.places, enterHref: PagePath.drawEnter.link($0.id))
            },
            recent: draws.filter { !$0.isOpen(at: now) }.map {
                DrawsPage.Recent(
                    facts: drawFacts($0, web.language),
                    state: WebCopy.text($0.state == .allocated ? "drawAllocated" : "drawBeingDrawn", web.language),
                    resultHref: PagePath.drawResult.link($0.id))
            })
        return pages.render("draws", web, title: WebCopy.text("drawsTitle", web.language), page: page)
    }

    /// `GET /draws/{id}/result`
    @Sendable func result(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        do {
            let draw = try await loket.draws.draw(id: context.parameters.require("id"))
            var page = DrawResultPage(facts: drawFacts(draw, web.language))
            guard draw.state == .allocated else {
                page.pendingText = WebCopy.text(
                    "drawPending", web.language, DateWording.deadline(draw.closesAt, web.language))
                return pages.render(
                    "draw-result", web, title: WebCopy.text("drawResultTitle", web.language), page: page)
            }
            let result = try await loket.draws.result(id: draw.id)
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
        } catch let error as Refusal {
            return problem(web, error)
        }
    }
}

extension DrawPages {
    /// The draw as every draw page names it; `days` instead of all its days for an entry's own.
    func drawFacts(_ draw: Draw, _ language: Customer.Language, days: [LocalDate]? = nil) -> DrawFacts {
        DrawFacts(
            productName: productName(draw.product, language),
            place: loket.network.desk(draw.desk).map(place) ?? draw.desk,
            days: (days ?? draw.allDays).map { DateWording.date($0, language) }.joined(separator: "; "),
            closes: DateWording.deadline(draw.closesAt, language))
    }
}
