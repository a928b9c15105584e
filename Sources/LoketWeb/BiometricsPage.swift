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

    /// The answer, from the record (V-number and date of birth) or from the dates typed in.
    @Sendable func answer(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let web = web(request)
        let form = try await web.form(request)
        let fromRecord = form["basis"] == "record"
        let assessment: BiometricsAssessment
        switch fromRecord
            ? try await assessFromRecord(web, form: form, client: context.client) : try assessFromDates(web, form: form)
        {
        case .assessed(let assessed): assessment = assessed
        case .refused(let page): return page
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

    /// An assessment, or the question again with what was wrong in the answer.
    private enum Assessed {
        case assessed(BiometricsAssessment)
        case refused(Response)
    }

    /// The question again, with `errors` at their fields.
    private func again(
        _ web: WebRequest, _ page: BiometricsCheckPage, errors: [FieldError],
        status: HTTPResponse.Status = .unprocessableContent
    ) -> Assessed {
        .refused(
            pages.render(
                "biometrics", web, title: WebCopy.text("bioTitle", web.language), page: page, errors: errors,
                status: status))
    }

    /// Decided from the captures recorded for the V-number, if the date of birth is the one recorded.
    private func assessFromRecord(_ web: WebRequest, form: [String: String], client: String?) async throws -> Assessed {
        let today = loket.today
        var errors: [FieldError] = []
        let vNumber = (form["vNumber"] ?? "").filter { !$0.isWhitespace }
        if !Customer.isValidVNumber(vNumber) {
            errors.append(FieldError(field: "vNumber", message: WebCopy.text("error.vNumber.invalid", web.language)))
        }
        let birth = LocalDate(iso: form["recordDateOfBirth"] ?? "")
        if birth == nil || birth! > today {
            errors.append(
                FieldError(field: "recordDateOfBirth", message: WebCopy.text("bioBirthInvalid", web.language)))
        }
        guard errors.isEmpty, let birth else { return again(web, BiometricsCheckPage(form: form), errors: errors) }
        do {
            return .assessed(
                try await loket.biometrics.assessBiometrics(
                    vNumber: vNumber, dateOfBirth: birth, applicationDate: today, client: client))
        } catch let error as Refusal {
            let field = error.field == "dateOfBirth" ? "recordDateOfBirth" : error.field
            return again(
                web, BiometricsCheckPage(form: form),
                errors: [FieldError(field: field, message: WebCopy.message(error, web.language))],
                status: .init(code: error.kind.statusCode))
        }
    }

    /// Decided from the dates of the captures the customer typed in.
    private func assessFromDates(_ web: WebRequest, form: [String: String]) throws -> Assessed {
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
            return again(web, BiometricsCheckPage(form: form, datesForm: true), errors: errors)
        }
        return .assessed(
            try loket.biometrics.assessBiometrics(dateOfBirth: birth, applicationDate: today, captures: captures))
    }
}
