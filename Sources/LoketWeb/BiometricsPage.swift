import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The question before a biometrics appointment: can what the IND already holds be reused?
/// Someone who needs nothing new is told so and is not offered a BIO appointment. The dates
/// are posted, used for the answer and forgotten.
extension WebApp {
    func addBiometricsRoutes(to router: Router<LoketRequestContext>) {
        router.get("/book/BIO/biometrics") { request, _ in
            let web = web(request)
            return pages.render(
                "biometrics", web, title: WebCopy.text("bioTitle", web.language), page: BiometricsCheckPage())
        }
        router.post("/book/BIO/biometrics") { request, _ in
            let web = web(request)
            let form = try await web.form(request)
            let today = loket.today
            var errors: [FieldError] = []
            let birth = LocalDate(iso: form["dateOfBirth"] ?? "")
            if birth == nil || birth! > today {
                errors.append(FieldError(field: "dateOfBirth", message: WebCopy.text("bioBirthInvalid", web.language)))
            }
            var captures: [(capture: BiometricCapture, dateField: String)] = []
            for (field, kind) in [
                ("faceDate", BiometricKind.face), ("fingerDate", .fingerprints), ("signatureDate", .signature),
            ] {
                guard let text = form[field], !text.isEmpty else { continue }
                guard let date = LocalDate(iso: text), date <= today, birth.map({ date >= $0 }) ?? true else {
                    errors.append(FieldError(field: field, message: WebCopy.text("bioDateInvalid", web.language)))
                    continue
                }
                let quality: BiometricCapture.Quality =
                    kind == .fingerprints && form["fingerPoor"] == "1" ? .insufficient : .sufficient
                captures.append((BiometricCapture(kind: kind, date: date, quality: quality), field))
            }
            guard errors.isEmpty, let birth else {
                return pages.render(
                    "biometrics", web, title: WebCopy.text("bioTitle", web.language),
                    page: BiometricsCheckPage(form: form),
                    errors: errors, status: .unprocessableContent)
            }
            let assessment = try loket.assessBiometrics(dateOfBirth: birth, applicationDate: today, captures: captures)
            let reusable = assessment.reusable.map { reuse in
                let kind = WebCopy.text("capture.\(reuse.kind.rawValue)", web.language)
                let taken = DateWording.date(reuse.capturedOn, web.language)
                return reuse.validUntil.map {
                    WebCopy.text("reusableUntil", web.language, kind, taken, DateWording.date($0, web.language))
                }
                    ?? WebCopy.text("reusableOpenEnded", web.language, kind, taken)
            }
            let reasons = assessment.reasons.filter { assessment.required.contains($0.kind) }.map {
                WebCopy.reason($0, policy: loket.biometricsPolicy, web.language)
            }
            return pages.render(
                "biometrics", web, title: WebCopy.text("bioTitle", web.language),
                page: BiometricsCheckPage(
                    result: .init(needed: assessment.deskVisitNeeded, reasons: reasons, reusable: reusable)))
        }
    }
}
