import Foundation
import LoketDomain

extension Biometrics {
    /// Whether an application needs a desk visit for biometrics, under the policy in force:
    /// what must be captured, what can be reused and until when. The dates are used for the
    /// answer and forgotten, never stored or logged. Each capture comes with the field its date
    /// was given in, for the error that names it.
    public func assessBiometrics(
        dateOfBirth birth: LocalDate, applicationDate: LocalDate?,
        captures: [(capture: BiometricCapture, dateField: String)]
    ) throws(Refusal) -> BiometricsAssessment {
        let application = applicationDate ?? today
        guard birth <= application else {
            throw .invalid("dateOfBirth", "after_application", "The date of birth is after the application date.")
        }
        guard birth.age(on: application) <= 130 else {
            throw .invalid("dateOfBirth", "out_of_range", "The date of birth is too far in the past.")
        }
        for (capture, field) in captures where capture.date < birth || capture.date > application {
            throw .invalid(
                field, "out_of_range",
                "A capture lies between the date of birth and the application date.")
        }
        return BiometricsAssessment(
            policy: biometricsPolicy, dateOfBirth: birth, applicationDate: application,
            captures: captures.map(\.capture))
    }
}
