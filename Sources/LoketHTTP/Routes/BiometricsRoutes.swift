import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// `POST /api/v1/biometrics/assessment`: does this application need a desk visit for biometrics?
/// Decided from the recorded captures when the body names a V-number with its date of birth,
/// or from capture dates the client gives. `POST /api/v1/biometrics/captures` (Bearer: a case
/// system's key) records captures taken elsewhere. V-numbers and dates of birth travel in the
/// body, never in the URL, and are never logged.
struct BiometricsRoutes {
    let loket: Loket

    struct CaptureRequest: Codable {
        let kind: String?
        let date: String?
        let quality: String?
    }

    struct AssessmentRequest: Decodable {
        let vNumber: String?
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
        /// `record` when decided from the recorded captures, `given` from the dates in the request.
        let basis: String
    }

    struct RecordRequest: Decodable {
        let vNumber: String?
        let dateOfBirth: String?
        let captures: [CaptureRequest]?
    }

    struct RecordResponse: Encodable {
        let dateOfBirth: String
        let captures: [CaptureRequest]
        let recordedBy: String
    }

    func add(to router: Router<LoketRequestContext>) {
        router.post("/api/v1/biometrics/assessment") { request, context in
            let body = try JSONBody.decode(AssessmentRequest.self, from: try await JSONBody.bytes(request))
            guard let birth = try LocalDate.parse(body.dateOfBirth, field: "dateOfBirth") else {
                throw Refusal.invalid("dateOfBirth", "required", "Give the date of birth, YYYY-MM-DD.")
            }
            let application = try LocalDate.parse(body.applicationDate, field: "applicationDate")
            let assessment: BiometricsAssessment
            if let vNumber = body.vNumber {
                guard body.captures == nil else {
                    throw Refusal.invalid(
                        "captures", "not_with_vNumber", "Send either a V-number or capture dates, not both.")
                }
                assessment = try await loket.biometrics.assessBiometrics(
                    vNumber: vNumber, dateOfBirth: birth, applicationDate: application, client: context.client)
            } else {
                assessment = try loket.biometrics.assessBiometrics(
                    dateOfBirth: birth, applicationDate: application, captures: try given(body.captures ?? []))
            }
            return try JSONBody.response(
                AssessmentResponse(
                    required: assessment.required, reusable: assessment.reusable, reasons: assessment.reasons,
                    policyVersion: assessment.policyVersion, deskVisitNeeded: assessment.deskVisitNeeded,
                    basis: body.vNumber == nil ? "given" : "record"))
        }
        router.post("/api/v1/biometrics/captures") { request, _ in
            let client = try await loket.staff.serviceClient(apiKey: request.bearerToken, kind: .caseSystem)
            let body = try JSONBody.decode(RecordRequest.self, from: try await JSONBody.bytes(request))
            let person = try PersonCaptures.checked(
                vNumber: body.vNumber, dateOfBirth: body.dateOfBirth,
                captures: (body.captures ?? []).map {
                    PersonCaptures.Given(kind: $0.kind, date: $0.date, quality: $0.quality)
                },
                today: loket.today)
            let recorded = try await loket.biometrics.recordCaptures(person, by: client)
            return try JSONBody.response(
                RecordResponse(
                    dateOfBirth: person.dateOfBirth.iso,
                    captures: recorded.map {
                        CaptureRequest(kind: $0.kind.rawValue, date: $0.date.iso, quality: $0.quality.rawValue)
                    },
                    recordedBy: client.name),
                status: .created)
        }
    }

    /// Capture dates as the client typed them, each with the field its date was given in.
    func given(_ captures: [CaptureRequest]) throws -> [(capture: BiometricCapture, dateField: String)] {
        var given: [(capture: BiometricCapture, dateField: String)] = []
        for (index, capture) in captures.enumerated() {
            let field = "captures[\(index)]"
            guard let kind = capture.kind.flatMap(BiometricKind.init(rawValue:)) else {
                throw Refusal.invalid("\(field).kind", "invalid", "Kind is face, fingerprints or signature.")
            }
            guard let date = try LocalDate.parse(capture.date ?? "", field: "\(field).date") else { continue }
            guard let quality = BiometricCapture.Quality(rawValue: capture.quality ?? "sufficient") else {
                throw Refusal.invalid("\(field).quality", "invalid", "Quality is sufficient or insufficient.")
            }
            given.append((BiometricCapture(kind: kind, date: date, quality: quality), "\(field).date"))
        }
        return given
    }
}
