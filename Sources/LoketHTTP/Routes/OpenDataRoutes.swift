import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// `GET /api/v1/open-data/wait-times?from=&to=&desk=&product=`: the measured history of the
/// published waits and free capacity, one value per day, desk, product and measure, as JSON or
/// (`format=csv`, or `Accept: text/csv`) CSV. No personal data: what trackers poll for, kept.
struct OpenDataRoutes {
    let loket: Loket
    let answers: PublicAnswers
    let ready: ReadyAnswers

    struct HistoryResponse: Encodable {
        let from: LocalDate
        let to: LocalDate
        let norm: Double
        let values: [MeasuredValue]
    }

    func add(to router: Router<LoketRequestContext>) {
        router.get("/api/v1/open-data/wait-times") { request, context in
            let format = request.query("format")
            guard format == nil || format == "csv" || format == "json" else {
                throw Refusal.invalid("format", "unknown_format", "Give format=csv or format=json.")
            }
            let csv = format == "csv" || (format == nil && request.headers[.accept]?.contains("text/csv") == true)
            let (from, to, desk, product) = (
                request.query("from"), request.query("to"), request.query("desk"), request.query("product")
            )
            let make: @Sendable () async throws -> ReadyBody = {
                let (dates, values) = try await loket.forecasts.openData(
                    from: from, to: to, desk: desk, product: product)
                guard csv else {
                    return try JSONBody.ready(
                        HistoryResponse(
                            from: dates.lowerBound, to: dates.upperBound, norm: loket.network.norm, values: values))
                }
                let filename = "wait-times-\(dates.lowerBound.iso)-\(dates.upperBound.iso).csv"
                return ReadyBody(
                    string: HistoryCSV.text(values), contentType: "text/csv; charset=utf-8",
                    headers: [.contentDisposition: "attachment; filename=\"\(filename)\""])
            }
            // The history changes once an hour: a poller may keep it five minutes. The same address
            // answers CSV to who accepts it: a shared cache must tell them apart.
            let cacheControl = "public, max-age=300"
            let vary: HTTPFields = [.vary: "Accept"]
            // The default window, which trackers poll, is kept a minute (and sent past the router);
            // a range of the asker's choosing is made for them alone, under their per-client
            // limit (kept, every range would be a new entry).
            guard from == nil && to == nil else {
                try loket.admit(.slotReads, client: context.client)
                return try await make().response(to: request, cacheControl: cacheControl, headers: vary)
            }
            let generation = loket.forecasts.measuredGeneration()
            let made = try await answers.made(
                "open-data?\(csv)&\(desk ?? "")&\(product ?? "")", generation: generation, now: loket.now(),
                make: make)
            return ready.send(
                made, of: answers, to: request, context: context,
                canonical: request.canonicalTarget(["format": format, "desk": desk, "product": product]),
                cacheControl: cacheControl, headers: vary,
                varies: .header(.accept), metrics: loket.metrics, now: loket.now,
                while: { loket.forecasts.measuredGeneration() == generation })
        }
    }
}
