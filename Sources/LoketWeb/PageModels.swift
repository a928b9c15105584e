/// The view models of the busiest pages: one struct per template, with the fields the template
/// reads by name; nested structs are the rows of its lists. A nil field is absent for Mustache.

/// calendar.mustache: a month of days with room and the free times of the chosen day.
struct CalendarPage {
    struct WeekdayHead { let short: String, long: String }
    struct Week { let days: [Day] }
    /// A cell of the month; `day` is nil for the cells before the first and after the last.
    struct Day { var day: String?, label: String?, href: String?, current = false }
    struct TimeGroup { let label: String, times: [Time] }
    struct Time { let key: String, text: String }
    struct PersonOption { let value: Int, selected: Bool }

    let weekdays: [WeekdayHead]
    let weeks: [Week]
    let monthTitle: String
    let month: String
    var previousHref: String?
    var nextHref: String?
    var chosenDate = false
    var timesTitle: String?
    /// The chosen day's start times, for "no time left" and the button.
    var times: [String] = []
    var timeGroups: [TimeGroup] = []
    let path: String
    let productName: String
    let deskName: String
    let persons: Int
    let assistance: Bool
    let fixedPersons: Bool
    let personOptions: [PersonOption]
    let backHref: String
    let tokenField: String?
}

/// details.mustache: the held time and the customer's details form.
struct DetailsPage {
    let productName: String
    let when: String
    let `where`: String
    let heldUntil: String
    let action: String
    let form: [String: String]
}

/// offer.mustache: a waitlist offer with its two buttons, or only a message.
struct OfferPage {
    struct Offer {
        let id: String, token: String, productName: String, when: String, `where`: String
        let deadline: String, acceptLabel: String, declineLabel: String
    }
    var message: String?
    var offer: Offer?
}

/// desk-day.mustache: check-in, the waiting list, calling the next customer and the day's agenda.
struct DeskDayPage {
    struct Waiting { let ticket: Int, time: String, name: String, assistance: Bool, minutes: String }
    struct Appointment {
        let id: String, time: String, name: String, assistance: Bool, code: String, persons: Int, product: String,
            state: String
        let canServe: Bool, canNoShow: Bool
    }
    let desk: String
    let counter: String
    let notice: String?
    let wide = true
    let isManager: Bool
    let settingsLink: String
    let waiting: [Waiting]
    let agenda: [Appointment]
}

/// desk-settings.mustache: the effect of the changes, the urgent reserve, the changes and their forms.
struct DeskSettingsPage {
    struct Effect { let date: String, counts: [String] }
    struct UrgentWeek { let week: String, protected: Int, used: Int, released: Int, held: Int }
    struct Item { let id: String, text: String }
    struct ProductChoice { let key: String, name: String }
    struct WeekdayField { let day: String, name: String, value: String }
    let desk: String
    let wide = true
    let notice: String?
    let affectedText: String?
    let productHeads: [String]
    let effect: [Effect]
    let urgentWeeks: [UrgentWeek]
    let changes: [Item]
    let blocks: [Item]
    let productChoices: [ProductChoice]
    let weekdays: [WeekdayField]
}

/// accounts.mustache: every staff account with its role and desk, and the form for a new one.
struct AccountsPage {
    struct Option { let value: String, name: String, selected: Bool }
    struct Account { let id: String, username: String, active: Bool, roles: [Option], desks: [Option] }
    let wide = true
    let form: [String: String]
    let notice: String?
    let accounts: [Account]
    let newRoles: [Option]
    let newDesks: [Option]
}
