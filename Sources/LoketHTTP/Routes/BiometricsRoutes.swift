import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// `POST /api/v1/biometrics/assessment`: does this application need a desk visit for biometrics?
/// The date of birth travels in the body, never in the URL, and is not stored or logged.
struct BiometricsRoutes {
    let loket: Loket

    struct CaptureRequest: Decodable {
        let kind: String?
        let date: String?
        let quality: String?
    }

    struct AssessmentRequest: Decodable {
        let dateOfBirth: String?
        let applicationDate: String?
        let captures: [CaptureRequest]?
    }

    struct AssessmentResponse: Encodable {
        let required: [BiometricKind]
        let reusable: [BiometricsAssessment.Reuse]
        let reasons: [BiometricsAssessment.Reason]
        let policyVersion: String
        let deskVisitNeeded: Bool
    }

    func add(to router: Router<LoketRequestContext>) {
        router.post("/api/v1/biometrics/assessment") { request, _ in
            let body = try JSONBody.decode(AssessmentRequest.self, from: try await JSONBody.bytes(request))
            guard let birth = try LocalDate.parse(body.dateOfBirth, field: "dateOfBirth") else {
                throw BookingError.invalid("dateOfBirth", "required", "Give the date of birth, YYYY-MM-DD.")
            }
            let application = try LocalDate.parse(body.applicationDate, field: "applicationDate")
            var captures: [(capture: BiometricCapture, dateField: String)] = []
            for (index, capture) in (body.captures ?? []).enumerated() {
                let field = "captures[\(index)]"
                guard let kind = capture.kind.flatMap(BiometricKind.init(rawValue:)) else {
                    throw BookingError.invalid("\(field).kind", "invalid", "Kind is face, fingerprints or signature.")
                }
                guard let date = try LocalDate.parse(capture.date ?? "", field: "\(field).date") else { continue }
                guard let quality = BiometricCapture.Quality(rawValue: capture.quality ?? "sufficient") else {
                    throw BookingError.invalid("\(field).quality", "invalid", "Quality is sufficient or insufficient.")
                }
                captures.append((BiometricCapture(kind: kind, date: date, quality: quality), "\(field).date"))
            }
            let assessment = try loket.assessBiometrics(
                dateOfBirth: birth, applicationDate: application, captures: captures)
            return try JSONBody.response(
                AssessmentResponse(
                    required: assessment.required, reusable: assessment.reusable, reasons: assessment.reasons,
                    policyVersion: assessment.policyVersion, deskVisitNeeded: assessment.deskVisitNeeded))
        }
    }
}
