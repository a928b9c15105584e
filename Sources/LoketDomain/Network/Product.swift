/// Something a customer comes to a desk for, known by the planner's product key
/// (BIO biometrics, DOC collect a residence document, VAA residence endorsement sticker,
/// TKV return visa, FAM family reunification of asylum status holders).
public struct Product: Sendable, Hashable, Codable {
    public let key: String
    public let nameNL: String
    public let nameEN: String
    /// The name in Ukrainian and in Arabic; left out, the English one shows.
    public let nameUK: String?
    public let nameAR: String?
    /// Counter time one person needs; a booking for several persons needs it for each.
    public let minutesPerPerson: Int
    /// Whether each person (V-number) may have only one live appointment for it; left out, yes.
    public let oneBookingPerPerson: Bool?
    /// Whether only people the case system invited may book it (each person on a booking, draw
    /// entry or waitlist entry matched by V-number and date of birth); left out, no.
    public let invitationRequired: Bool?
    /// The letter of the waiting-room queue (wachtrij) its customers wait in; products with the
    /// same letter share a queue. Left out, the key's first letter.
    public let queue: String?

    public init(
        key: String, nameNL: String, nameEN: String, nameUK: String? = nil, nameAR: String? = nil,
        minutesPerPerson: Int, oneBookingPerPerson: Bool? = nil, invitationRequired: Bool? = nil,
        queue: String? = nil
    ) {
        self.key = key
        self.nameNL = nameNL
        self.nameEN = nameEN
        self.nameUK = nameUK
        self.nameAR = nameAR
        self.minutesPerPerson = minutesPerPerson
        self.oneBookingPerPerson = oneBookingPerPerson
        self.invitationRequired = invitationRequired
        self.queue = queue
    }

    /// The letter its customers' tickets start with.
    public var queueLetter: String { queue ?? Self.defaultQueueLetter(key: key) }

    /// The queue of a product whose file names none: its key's first letter.
    public static func defaultQueueLetter(key: String) -> String { String(key.prefix(1)).uppercased() }

    public var requiresInvitation: Bool { invitationRequired ?? false }

    /// The product's name in `language`, as the desk network file gives it.
    public func name(_ language: Customer.Language) -> String {
        language.choose(nl: nameNL, en: nameEN, uk: nameUK, ar: nameAR)
    }

    /// Bookings name every person by V-number, and each person has at most one live appointment.
    public var onePerPerson: Bool { oneBookingPerPerson ?? true }

    /// Consecutive slot units ("parts") a booking for `persons` occupies. Customers who need
    /// extra time or assistance (maatwerk) get twice as many units, so always a longer slot.
    public func parts(persons: Int, slotMinutes: Int, assistance: Bool = false) -> Int {
        max(1, (persons * minutesPerPerson + slotMinutes - 1) / slotMinutes) * (assistance ? 2 : 1)
    }
}
