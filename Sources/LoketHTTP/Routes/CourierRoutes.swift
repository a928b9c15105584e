import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The courier's side (Bearer: a courier key): the day's manifest,
/// `GET /api/v1/courier/deliveries?date=YYYY-MM-DD` (JSON, or CSV with `Accept: text/csv`),
/// fixed at the cutoff on the working day before, and a report per delivery,
/// `POST /api/v1/courier/deliveries/{id}` `{status: delivered | failed, reason?}`.
struct CourierRoutes {
    let loket: Loket

    struct ReportRequest: Decodable {
        let status: String?
        let reason: String?
    }

    struct ManifestResponse: Encodable {
        let date: LocalDate
        let deliveries: [Line]

        struct Line: Encodable {
            let id: String
            let document: String
            let desk: String
            let name: String
            let address: DutchAddress
            let window: DocumentRoutes.DeliveryResponse.Window
            let status: String
        }
    }

    struct ReportResponse: Encodable {
        let document: String
        let status: String
    }

    func add(to router: Router<LoketRequestContext>) {
        router.get("/api/v1/courier/deliveries") { request, _ in
            _ = try await loket.staff.serviceClient(apiKey: request.bearerToken, kind: .courier)
            let dateText = request.query("date")
            let lines = try await loket.documents.courierManifest(date: dateText)
            let date = LocalDate(iso: dateText ?? "")!
            if request.headers[.accept]?.contains("text/csv") == true {
                return Response(
                    status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: Self.csv(lines))))
            }
            return try JSONBody.response(
                ManifestResponse(
                    date: date,
                    deliveries: lines.map {
                        ManifestResponse.Line(
                            id: $0.delivery.id, document: $0.document, desk: $0.desk, name: $0.holderName,
                            address: $0.delivery.address,
                            window: .init(from: $0.delivery.window.from, to: $0.delivery.window.to),
                            status: $0.delivery.status.rawValue)
                    }))
        }
        router.post("/api/v1/courier/deliveries/{id}") { request, context in
            let courier = try await loket.staff.serviceClient(apiKey: request.bearerToken, kind: .courier)
            let body = try JSONBody.decode(ReportRequest.self, from: try await JSONBody.bytes(request))
            let document = try await loket.documents.reportDelivery(
                id: try context.parameters.require("id"), status: body.status, reason: body.reason, courier: courier.id)
            return try JSONBody.response(ReportResponse(document: document.id, status: document.status.rawValue))
        }
    }

    /// The manifest as CSV (RFC 4180: fields with a comma, quote or line break are quoted).
    /// Written by hand: no listed package writes CSV.
    static func csv(_ lines: [ManifestLine]) -> String {
        func field(_ given: String) -> String {
            // A cell a spreadsheet would run as a formula (`=HYPERLINK(…)` typed as a street) is
            // written as text, with a leading apostrophe (OWASP's advice for CSV injection).
            let text = given.first.map { "=+-@\t\r".contains($0) } == true ? "'" + given : given
            return text.contains(where: { [",", "\"", "\n", "\r"].contains($0) })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        let header = "id,document,desk,name,street,houseNumber,postcode,city,windowFrom,windowTo,status"
        let rows = lines.map { line in
            let d = line.delivery
            return [
                d.id, line.document, line.desk, line.holderName, d.address.street, d.address.houseNumber,
                d.address.postcode, d.address.city, d.window.from.text, d.window.to.text, d.status.rawValue,
            ].map(field).joined(separator: ",")
        }
        return ([header] + rows).joined(separator: "\r\n") + "\r\n"
    }
}
