import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// At a BIO appointment the clerk records, per person, what was captured today and its
/// quality (`/staff/desks/{desk}/appointments/{id}/biometrics`). Each person is named by
/// V-number and date of birth, checked against the ID; the record then decides later reuse.
/// Fields are `person<n>.vNumber`, `person<n>.dateOfBirth` and `person<n>.<kind>`.
struct CapturePages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.captures.route, use: captureForm)
        router.post(PagePath.captures.route, use: recordCaptures)
    }

    /// `GET /staff/desks/{desk}/appointments/{id}/biometrics`
    @Sendable func captureForm(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let desk = try context.parameters.require("desk")
        let id = try context.parameters.require("id")
        return try await asStaff(request, .clerk, desk: desk) { account, web in
            try await capturePage(
                web, desk: desk, appointment: id, place: DeskDayPlace(query: request),
                canOverride: account.role >= .deskManager)
        }
    }

    /// The captures of each person of the appointment, checked all at once (each problem at its
    /// field); a person of whom nothing was captured needs no V-number.
    private func captured(
        _ form: [String: String], persons: Int, _ web: WebRequest
    ) -> (people: [(person: PersonCaptures, prefix: String)], errors: [FieldError]) {
        let today = loket.today
        var people: [(person: PersonCaptures, prefix: String)] = []
        var errors: [FieldError] = []
        for index in 0..<persons {
            let prefix = "person\(index + 1)."
            let given = BiometricKind.allCases.compactMap { kind in
                form[prefix + kind.rawValue].flatMap { $0.isEmpty ? nil : $0 }.map {
                    PersonCaptures.Given(kind: kind.rawValue, date: today.iso, quality: $0)
                }
            }
            guard !given.isEmpty else { continue }
            do {
                let person = try PersonCaptures.checked(
                    vNumber: form[prefix + "vNumber"], dateOfBirth: form[prefix + "dateOfBirth"], captures: given,
                    today: today, prefix: prefix)
                people.append((person, prefix))
            } catch {
                errors.append(FieldError(field: error.field, message: WebCopy.message(error, web.language)))
            }
        }
        return (people, errors)
    }

    /// `POST /staff/desks/{desk}/appointments/{id}/biometrics`
    @Sendable func recordCaptures(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let desk = try context.parameters.require("desk")
        let id = try context.parameters.require("id")
        return try await asStaff(request, .clerk, desk: desk) { account, web in
            let form = try await web.form(request)
            let place = try DeskDayPlace(form: form)
            let visit: CaptureAppointment
            do {
                visit = try await loket.biometrics.captureAppointment(id: id, desk: desk)
            } catch let error as Refusal {
                return problem(web, error)
            }
            var (people, errors) = captured(form, persons: visit.people.count, web)
            if errors.isEmpty {
                do {
                    try await loket.biometrics.recordDeskCaptures(
                        appointment: id, desk: desk, people: people, staff: account.id, staffRole: account.role,
                        override: form["override"] == "1")
                    let served = await serveAfter(id, desk: desk, staff: account.id)
                    return redirect(place.dayAddress(desk: desk, notice: served ? "captured-served" : "captured"))
                } catch let error as Refusal where error.kind == .invalid || error.kind == .conflict {
                    let field = error.field == "captures" ? "person1.face" : error.field
                    errors.append(FieldError(field: field, message: WebCopy.message(error, web.language)))
                }
            }
            return try await capturePage(
                web, desk: desk, appointment: id, place: place, form: form, errors: errors,
                canOverride: account.role >= .deskManager)
        }
    }
}

extension CapturePages {
    func capturePage(
        _ web: WebRequest, desk: String, appointment id: String, place: DeskDayPlace,
        form: [String: String] = [:], errors: [FieldError] = [], canOverride: Bool = false
    ) async throws -> Response {
        let language = web.language
        let visit: CaptureAppointment
        do {
            visit = try await loket.biometrics.captureAppointment(id: id, desk: desk)
        } catch let error as Refusal {
            return problem(web, error)
        }
        let appointment = visit.appointment
        func error(_ field: String) -> String? { errors.first { $0.field == field }?.message }
        let people = visit.people.enumerated().map { index, person in
            let prefix = "person\(index + 1)."
            let number = "\(index + 1)"
            return CapturePage.Person(
                legend: person.name.isEmpty
                    ? WebCopy.text("capturesPerson", language, number)
                    : WebCopy.text("capturesNamedPerson", language, number, person.name),
                vNumberField: prefix + "vNumber", vNumber: form[prefix + "vNumber"] ?? person.vNumber ?? "",
                vNumberError: error(prefix + "vNumber"),
                dateOfBirthField: prefix + "dateOfBirth", dateOfBirth: form[prefix + "dateOfBirth"] ?? "",
                dateOfBirthError: error(prefix + "dateOfBirth"),
                kinds: BiometricKind.allCases.map { kind in
                    let field = prefix + kind.rawValue
                    let chosen = form[field] ?? ""
                    return CapturePage.Kind(
                        field: field, label: WebCopy.text("captureKind.\(kind.rawValue)", language),
                        error: error(field),
                        options: [
                            ("", "captureNone"), ("sufficient", "captureSufficient"),
                            ("insufficient", "captureInsufficient"),
                        ].map {
                            CapturePage.Option(
                                value: $0.0, label: WebCopy.text($0.1, language), selected: $0.0 == chosen)
                        })
                })
        }
        return pages.render(
            "captures", web, title: WebCopy.text("capturesTitle", language),
            page: CapturePage(
                desk: desk, id: appointment.id, counter: place.counter, from: place.from, back: place.suffix,
                appointment: "\(appointment.startTime.text)–\(appointment.endTime.text) · \(appointment.code ?? "")",
                people: people, canOverride: canOverride),
            errors: errors, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// captures.mustache: a fieldset per person of the appointment, with V-number, date of birth
/// and a choice per biometric kind.
struct CapturePage {
    struct Option { let value: String, label: String, selected: Bool }
    struct Kind { let field: String, label: String, error: String?, options: [Option] }
    struct Person {
        let legend: String
        let vNumberField: String, vNumber: String, vNumberError: String?
        let dateOfBirthField: String, dateOfBirth: String, dateOfBirthError: String?
        let kinds: [Kind]
    }
    let desk: String
    let id: String
    /// The clerk's place in their day, carried through the form and back (`DeskDayPlace`).
    let counter: String, from: String, back: String
    let appointment: String
    let people: [Person]
    /// A desk manager may record captures for a V-number the booking did not name (audited).
    let canOverride: Bool
}
