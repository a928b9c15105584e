/// The view models of the draw pages (loting), one struct per template as in PageModels.swift.

/// What every draw page says about the draw itself: product, desk, days and when it closes.
struct DrawFacts {
    let productName: String
    let place: String
    let days: String
    let closes: String
}

/// draws.mustache: what a draw is and why, the open draws with a link to enter, and the recent
/// ones with a link to their result.
struct DrawsPage {
    struct Open { let facts: DrawFacts, places: Int, enterHref: String }
    struct Recent { let facts: DrawFacts, state: String, resultHref: String }
    let open: [Open]
    let recent: [Recent]
}

/// draw-enter.mustache: the entry form (persons first, by a GET form, so the companion fields
/// fit), or only that the draw has closed.
struct DrawEnterPage {
    /// A checkbox: its `id` is also the field's name, sent as `1` when ticked.
    struct Choice { let id: String, label: String, checked: Bool }
    let facts: DrawFacts
    let path: String
    let resultHref: String
    var closedText: String?
    var form: [String: String] = [:]
    var persons = 1
    var personOptions: [CalendarPage.PersonOption] = []
    var days: [Choice] = []
    var desks: [Choice] = []
    var desksHint = ""
    var languageOptions: [LanguageOption] = []
    /// Whether each person gives their date of birth, to match their invitation.
    var dateOfBirthRequired = false
    var companions: [CompanionFields] = []
}

/// draw-entry.mustache: one entry, as its entrant sees it: waiting for the draw, drawn (with the
/// appointment) or not drawn (on the waitlist).
struct DrawEntryPage {
    struct Drawn { let when: String, `where`: String, code: String? }
    let justEntered: Bool
    let entryID: String
    let facts: DrawFacts
    let statusHref: String
    let resultHref: String
    var waitingText: String?
    var drawn: Drawn?
    var drawnWithoutAppointment = false
    var notDrawnText: String?
}

/// draw-result.mustache: the published result, or when it will be drawn.
struct DrawResultPage {
    struct Outcome {
        let seed: String, places: Int, entries: Int, drawn: Int, digest: String
        let allocation: [Place]
        let hasAllocation: Bool
    }
    struct Place { let position: Int, entry: String, slot: String?, slotKey: String? }
    let facts: DrawFacts
    var pendingText: String?
    var outcome: Outcome?
}
