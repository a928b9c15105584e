import Foundation

/// One line of the audit log: which member of staff did what, to which appointment, account or
/// desk change, and when. It never holds a customer's personal data, so the purge keeps it.
public struct AuditEntry: Sendable, Hashable {
    public let at: Date
    /// The acting account's id; nil when the command line acted (`loket staff`).
    public let staff: String?
    public let action: AuditAction
    /// What was acted on: an appointment, a staff account, a desk change or a document id.
    public let target: String?
    public let desk: String?
    /// Non-personal facts of the action: a counter, a role, an urgent reason.
    public let detail: String?

    public init(
        at: Date, staff: String?, action: AuditAction, target: String?, desk: String?, detail: String? = nil
    ) {
        self.at = at
        self.staff = staff
        self.action = action
        self.target = target
        self.desk = desk
        self.detail = detail
    }
}

/// The staff actions the audit log records, by the name stored and printed.
public enum AuditAction: String, Sendable, Hashable, CaseIterable {
    case checkIn = "visit.check-in"
    case call = "visit.call"
    case served = "visit.served"
    case noShow = "visit.no-show"
    case urgentBooking = "appointment.urgent-booking"
    case deskChangeAdded = "desk-change.add"
    case deskChangeRemoved = "desk-change.remove"
    case drawModeSet = "draw-mode.set"
    case staffCreated = "staff.create"
    case staffUpdated = "staff.update"
    case passwordReset = "staff.password-reset"
    case signIn = "staff.sign-in"
    /// What a clerk recorded as captured at a BIO appointment (counts only, no V-numbers).
    case biometricsCapture = "biometrics.capture"
    /// A clerk handed a document over, having checked the V-number and date of birth on the ID.
    case documentHandover = "document.handover"
    /// A handover refused: the V-number or date of birth typed from the ID was not the document's
    /// (the detail names the field, never the value).
    case documentHandoverRefused = "document.handover-refused"
    /// A desk manager handed a card over to a collector whose ID does not show the holder's
    /// V-number or date of birth (a parent collecting a child's card), having checked the ID.
    case documentHandoverOverride = "document.handover-override"
    /// A member of staff invited a person at the counter (the invitation's id is the target).
    case invitationCreated = "invitation.create"
    /// Captures refused: a V-number typed that is not one of the appointment's people.
    case biometricsCaptureRefused = "biometrics.capture-refused"
    /// A desk manager recorded captures for a V-number the booking did not name, having checked the ID.
    case biometricsCaptureOverride = "biometrics.capture-override"
}
