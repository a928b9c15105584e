import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The question before a biometrics appointment: can what the IND already holds be reused?
/// First asked by V-number and date of birth, decided from the captures recorded at the desks
/// and by the case system; for captures not recorded, the customer may type the dates instead
/// (`basis=dates`). Someone who needs nothing new is told so and is not offered a BIO
/// appointment. What is posted is used for the answer and forgotten.
struct BiometricsPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        // One question per page: by V-number first; typing the dates is a page of its own.
        router.get(PagePath.biometricsQuestion.route, use: question)
        router.post(PagePath.biometricsQuestion.route, use: answer)
    }

    /// `GET /book/BIO/biometrics`
    @Sendable func question(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        return pages.render(
            "biometrics", web, title: WebCopy.text("bioTitle", web.language),
            page: BiometricsCheckPage(datesForm: request.query("basis") == "dates"))
    }

    /// `POST /book/BIO/biometrics`
    @Sendable func answer(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let form = try await web.form(request)
        let today = loket.today
        let assessment: BiometricsAssessment
        let fromRecord = form["basis"] == "record"
        if fromRecord {
            var errors: [FieldError] = []
            let vNumber = (form["vNumber"] ?? "").filter { !$0.isWhitespace }
            if !Customer.isValidVNumber(vNumber) {
                errors.append(
                    FieldError(field: "vNumber", message: WebCopy.text("error.vNumber.invalid", web.language)))
            }
            let birth = LocalDate(iso: form["recordDateOfBirth"] ?? "")
            if birth == nil || birth! > today {
                errors.append(
                    FieldError(field: "recordDateOfBirth", message: WebCopy.text("bioBirthInvalid", web.language)))
            }
            guard errors.isEmpty, let birth else {
                return pages.render(
                    "biometrics", web, title: WebCopy.text("bioTitle", web.language),
                    page: BiometricsCheckPage(form: form), errors: errors, status: .unprocessableContent)
            }
            do {
                assessment = try await loket.biometrics.assessBiometrics(
                    vNumber: vNumber, dateOfBirth: birth, applicationDate: today, client: context.client)
            } catch let error as Refusal {
                let field = error.field == "dateOfBirth" ? "recordDateOfBirth" : error.field
                return pages.render(
                    "biometrics", web, title: WebCopy.text("bioTitle", web.language),
                    page: BiometricsCheckPage(form: form),
                    errors: [FieldError(field: field, message: WebCopy.message(error, web.language))],
                    status: .init(code: error.kind.statusCode))
            }
        } else {
            var errors: [FieldError] = []
            let birth = LocalDate(iso: form["dateOfBirth"] ?? "")
            if birth == nil || birth! > today {
                errors.append(
                    FieldError(field: "dateOfBirth", message: WebCopy.text("bioBirthInvalid", web.language)))
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
                    page: BiometricsCheckPage(form: form, datesForm: true),
                    errors: errors, status: .unprocessableContent)
            }
            assessment = try loket.biometrics.assessBiometrics(
                dateOfBirth: birth, applicationDate: today, captures: captures)
        }
        let reusable = assessment.reusable.map { reuse in
            let kind = WebCopy.text("capture.\(reuse.kind.rawValue)", web.language)
            let taken = DateWording.date(reuse.capturedOn, web.language)
            return reuse.validUntil.map {
                WebCopy.text("reusableUntil", web.language, kind, taken, DateWording.date($0, web.language))
            }
                ?? WebCopy.text("reusableOpenEnded", web.language, kind, taken)
        }
        let reasons = assessment.reasons.filter { assessment.required.contains($0.kind) }.map {
            WebCopy.reason($0, policy: loket.biometrics.biometricsPolicy, web.language)
        }
        return pages.render(
            "biometrics", web, title: WebCopy.text("bioTitle", web.language),
            page: BiometricsCheckPage(
                result: .init(
                    needed: assessment.deskVisitNeeded, reasons: reasons, reusable: reusable,
                    fromRecord: fromRecord)))
    }
}
