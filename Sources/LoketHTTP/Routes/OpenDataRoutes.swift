import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// `GET /api/v1/open-data/wait-times?from=&to=&desk=&product=`: the measured history of the
/// published waits and free capacity, one value per day, desk, product and measure, as JSON or
/// (`format=csv`, or `Accept: text/csv`) CSV. No personal data: what trackers poll for, kept.
struct OpenDataRoutes {
    let loket: Loket

    struct HistoryResponse: Encodable {
        let from: LocalDate
        let to: LocalDate
        let norm: Double
        let values: [MeasuredValue]
    }

    func add(to router: Router<LoketRequestContext>) {
        router.get("/api/v1/open-data/wait-times") { request, _ in
            let format = request.query("format")
            guard format == nil || format == "csv" || format == "json" else {
                throw BookingError.invalid("format", "unknown_format", "Give format=csv or format=json.")
            }
            let (dates, values) = try await loket.openData(
                from: request.query("from"), to: request.query("to"), desk: request.query("desk"),
                product: request.query("product"))
            // The history changes once an hour: a poller may keep it five minutes.
            let cache = "public, max-age=300"
            if format == "csv" || (format == nil && request.headers[.accept]?.contains("text/csv") == true) {
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/csv; charset=utf-8", .cacheControl: cache, .vary: "Accept",
                        .contentDisposition:
                            "attachment; filename=\"wait-times-\(dates.lowerBound.iso)-\(dates.upperBound.iso).csv\"",
                    ],
                    body: .init(byteBuffer: ByteBuffer(string: HistoryCSV.text(values))))
            }
            var response = try JSONBody.response(
                HistoryResponse(
                    from: dates.lowerBound, to: dates.upperBound, norm: loket.network.norm, values: values))
            response.headers[.cacheControl] = cache
            // The same address answers CSV to who accepts it: a shared cache must tell them apart.
            response.headers[.vary] = "Accept"
            return response
        }
    }
}
