import Mustache

/// The view models of the pages: one struct per template, with the fields the template reads by
/// name; nested structs are the rows of its lists. A nil field is absent for Mustache.

/// home.mustache: the products to book; biometrics starts with its check.
struct HomePage {
    struct Product { let name: String, href: String, note: String? }
    let products: [Product]
}

/// desks.mustache: the desks that offer a product, each with its wait, or why it cannot be chosen.
struct DesksPage {
    struct Desk {
        let name: String, city: String, tailored: Bool
        /// Set for a desk closed for good, which has no link.
        var closedText: String?
        var href: String?, chooseLabel: String?
        var waitText: String?, firstFreeText: String?
        var noFree = false
        /// Where to join the waitlist when nothing is free.
        var waitlistHref: String?
    }
    let desks: [Desk]
}

/// calendar.mustache: a month of days with room and the free times of the chosen day.
struct CalendarPage {
    struct WeekdayHead { let short: String, long: String }
    struct Week { let days: [Day] }
    /// A cell of the month; `day` is nil for the cells before the first and after the last.
    struct Day { var day: String?, label: String?, href: String?, current = false }
    struct TimeGroup { let label: String, times: [Time] }
    struct Time { let key: String, text: String }
    struct PersonOption { let value: Int, selected: Bool }
    /// New appointments for this product here are given out by the open draw it links to.
    struct DrawNotice { let text: String, href: String }

    let weekdays: [WeekdayHead]
    let weeks: [Week]
    let monthTitle: String
    let month: String
    var previousHref: String?
    var nextHref: String?
    var chosenDate = false
    /// The chosen day, ISO, for the form that lists its times.
    var chosenDay: String?
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
    /// The open draws of this desk and product, each linked.
    var drawNotices: [DrawNotice] = []
    /// Joining the waitlist for this desk and party, when no time suits (not when moving).
    var waitlistHref: String?
}

/// details.mustache: the held time and the customer's details form.
struct DetailsPage {
    let productName: String
    let when: String
    let `where`: String
    /// How many people the hold is for, so that a wrong choice is seen before the details.
    let persons: Int
    let heldUntil: String
    let action: String
    let form: [String: String]
    /// Whether each person must give a V-number (one live booking per person and product).
    let vNumberRequired: Bool
    /// Whether each person must give their date of birth, to match their invitation.
    let dateOfBirthRequired: Bool
    let companions: [CompanionFields]
}

/// offer.mustache: a waitlist offer with its two buttons, or only a message.
struct OfferPage {
    struct Offer {
        let id: String, token: String, productName: String, when: String, `where`: String, routeHref: String?
        let deadline: String, acceptLabel: String, declineLabel: String
    }
    var message: String?
    var offer: Offer?
}

/// desk-day.mustache: check-in, the waiting list, calling the next customer and the day's agenda.
struct DeskDayPage {
    struct Waiting {
        let ticket: String, time: String, name: String, assistance: Bool, minutes: String
        /// Asked for the "your turn soon" email: they may be waiting outside.
        let notifySoon: Bool
    }
    /// A queue the counter may call from (its letter and products), ticked when it does.
    struct Queue { let letter: String, names: String, checked: Bool }
    /// A row of the day, read by name rather than by reflection: a big desk's day has some
    /// 1,700 of them, and a Mirror per field looked up made rendering the page take a second.
    struct Appointment: MustacheParent {
        let id: String, time: String, name: String, assistance: Bool, code: String, persons: Int, product: String,
            state: String
        let canServe: Bool, canNoShow: Bool
        /// A BIO appointment: the clerk records what was captured.
        let canCapture: Bool
        /// A document pickup: whether its card is here, handed over, or not here.
        let card: String?
        /// A pickup whose card lies ready: the clerk can hand it over, the card found already.
        let canHandOver: Bool
        let handoverHref: String

        func child(named name: String) -> Any? {
            switch name {
            case "id": self.id
            case "time": self.time
            case "name": self.name
            case "assistance": self.assistance
            case "code": self.code
            case "persons": self.persons
            case "product": self.product
            case "state": self.state
            case "canServe": self.canServe
            case "canNoShow": self.canNoShow
            case "canCapture": self.canCapture
            case "card": self.card.map { $0 as Any }
            case "canHandOver": self.canHandOver
            case "handoverHref": self.handoverHref
            default: nil
            }
        }
    }
    /// A link to another part of the day.
    struct WindowLink { let href: String, text: String }
    let desk: String
    let counter: String
    /// The part of the day listed, as the address has it (`from`), carried through the forms so
    /// that a clerk stays where they were; empty around now.
    let from: String
    /// The clerk's place (`?counter=…&from=…`) for the pages opened from the day, which send
    /// them back to it.
    let back: String
    let notice: String?
    let wide = true
    let isManager: Bool
    /// The desk offers a product that needs an invitation: staff may invite at the counter.
    let invites: Bool
    let settingsLink: String
    let progress: String
    let windowText: String
    let windowLinks: [WindowLink]
    /// The queues at the desk, for the counter to choose from (all of them when few).
    let queues: [Queue]
    let emptyText: String
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
    /// A product's draw mode, with the button that switches it (`turnOn` is what the button posts).
    struct DrawMode {
        let product: String, productName: String, state: String, setBy: String, turnOn: String, button: String
    }
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
    let drawModes: [DrawMode]
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

/// appointment.mustache: an appointment with its code, calendar file and the ways to move or cancel it.
struct AppointmentPage {
    let booked: Bool, moved: Bool
    let productName: String, assistance: Bool, when: String, `where`: String, persons: Int
    /// Directions to the desk (`Desk.routeURL`).
    let routeHref: String?
    let code: String?
    /// Nil once the appointment was moved as often as allowed: the page says so instead.
    let rescheduleHref: String?
    /// How many moves are left, or why there are none.
    let movesText: String
    let icsHref: String, cancelHref: String
}

/// cancel.mustache: the question before an appointment is cancelled, with what would be lost.
struct CancelPage {
    let productName: String, when: String, `where`: String, persons: Int
    let cancelAction: String, token: String, keepHref: String
}

/// biometrics.mustache: the reuse check's form, or its answer.
struct BiometricsCheckPage {
    struct Result {
        let needed: Bool, reasons: [String], reusable: [String]
        let hasReusable: Bool
        /// Decided from the recorded captures (by V-number), not from dates the customer typed.
        let fromRecord: Bool

        init(needed: Bool, reasons: [String], reusable: [String], fromRecord: Bool = false) {
            self.needed = needed
            self.reasons = reasons
            self.reusable = reusable
            self.fromRecord = fromRecord
            hasReusable = !reusable.isEmpty
        }
    }
    var form: [String: String] = [:]
    /// The page where the customer types the dates (not the one by V-number).
    var datesForm = false
    var result: Result?
}

/// sign-in.mustache: the staff sign-in form, keeping the username after a refusal.
struct SignInPage {
    var form: [String: String] = [:]
}

/// display.mustache: the latest calls on the waiting-room screen.
struct DisplayPage {
    struct Call { let ticket: String, counter: String }
    /// The customers at a counter now, newest first.
    let calls: [Call]
    /// The tickets called next, in order: "your turn soon".
    let next: [String]
    /// A call newer than the screen showed before: the chime sounds once.
    let chime: Bool
    /// The reload, carrying the newest call shown.
    let refresh: String
}

/// urgent.mustache: a clerk's booking from the urgent reserve: product, persons, day, time, reason, customer.
struct UrgentPage {
    struct Choice { let value: String, name: String, selected: Bool }
    struct Time { let key: String, text: String, checked: Bool }
    let desk: String, product: String, persons: Int, date: String
    let form: [String: String]
    let notice: String?
    let languageOptions: [LanguageOption]
    let products: [Choice]
    let personOptions: [CalendarPage.PersonOption]
    let timesTitle: String
    let times: [Time]
    let reasons: [Choice]
    /// Whether each person must give a V-number (one live booking per person and product).
    let vNumberRequired: Bool
    /// Whether each person must give their date of birth, to match their invitation.
    let dateOfBirthRequired: Bool
    let companions: [CompanionFields]
}

/// problem.mustache: only what went wrong, with a way back.
struct ProblemPage {
    let message: String
}

/// A page whose template has no fields of its own (cancelled.mustache).
struct PlainPage {}
