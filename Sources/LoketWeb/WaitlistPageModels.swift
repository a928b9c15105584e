/// The view models of the waitlist pages, one struct per template as in PageModels.swift.

/// waitlist-join.mustache: the form that puts a customer on the waitlist for a product (persons
/// first, by a GET form, so the companion fields fit).
struct WaitlistJoinPage {
    /// A checkbox: its `id` is also the field's name, sent as `1` when ticked.
    struct Choice { let id: String, label: String, checked: Bool }
    let productName: String
    let path: String
    let form: [String: String]
    let persons: Int
    let personOptions: [CalendarPage.PersonOption]
    let desks: [Choice]
    let desksHint: String
    let datesHint: String
    let firstDay: String
    let lastDay: String
    let vNumberRequired: Bool
    /// Whether each person gives their date of birth, to match their invitation.
    let dateOfBirthRequired: Bool
    let companions: [CompanionFields]
    let backHref: String
}

/// waitlist-entry.mustache: one waitlist entry as its customer sees it, with leaving; or only
/// what became of it.
struct WaitlistEntryPage {
    /// What the entry waits for; none on the page that says it was left.
    struct Facts { let productName: String, desks: String, window: String, persons: Int }
    let justJoined: Bool
    let facts: Facts?
    var position: String?
    var offerHref: String?
    var leavePath: String?
    var token: String?
    var message: String?
    /// Asked before leaving: the question, its button and the way back to the entry.
    var confirmingLeave = false
    var keepHref: String?
}
