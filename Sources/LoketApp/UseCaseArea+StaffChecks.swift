import Foundation
import LoketDomain

/// The checks a desk makes before an override or another try: shared by the handover of a
/// document and the recording of biometrics.
extension UseCaseArea {
    /// Refuses an override asked for by anyone but a desk manager.
    func requireDeskManager(_ role: StaffRole) throws(Refusal) {
        guard role >= .deskManager else {
            throw Refusal(
                .forbidden, field: "override", code: "not_a_manager", "Only a desk manager may override the check.")
        }
    }

    /// Refused checks of one document or appointment a day before nobody may try again.
    static var checksRefusedAllowed: Int { 5 }

    /// Refuses while `target` has seen too many refused checks in the last day.
    func refuseAfterFailedChecks(_ action: AuditAction, target: String, field: String) async throws {
        let refused = try await context.auditLog.count(action, target: target, since: now().addingTimeInterval(-86_400))
        guard refused < Self.checksRefusedAllowed else {
            throw Refusal(
                .conflict, field: field, code: "too_many_checks",
                "Too many checks failed for this today; a desk manager must look at it.")
        }
    }
}
