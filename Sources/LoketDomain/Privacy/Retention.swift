import Foundation

/// How long Loket keeps what it must not keep for ever (AVG/GDPR art. 5(1)(e), storage
/// limitation): customers' personal data a set number of days after their appointment took
/// place or was cancelled; the rows themselves stay, with the non-personal facts that planning
/// statistics need. Set under `retention:` in the desk network file; left out, 90 days.
public struct Retention: Sendable, Hashable, Codable {
    /// Days after an appointment's day, or its cancellation, before its personal data goes.
    public let personalDataDays: Int?

    public init(personalDataDays: Int? = nil) { self.personalDataDays = personalDataDays }

    /// Left out, 90 days, as issue #10 asks. Assumed: long enough to answer a question or a
    /// complaint about a visit, well short of keeping the data for ever.
    public static let defaultPersonalDataDays = 90
    /// A hold is of no use once it ended; a day leaves the sweeper's and the logs' questions answerable.
    public static let holdDays = 1
    /// A sent or skipped message is kept a month, for questions about whether it went out.
    public static let messageDays = 30

    public var days: Int { personalDataDays ?? Self.defaultPersonalDataDays }

    /// What is old enough to go at `now`.
    public func cutoffs(now: Date, timeZone: TimeZone) -> PurgeCutoffs {
        let today = DeskTime(now, timeZone: timeZone).date
        return PurgeCutoffs(
            today: today, appointmentsOnOrBefore: today.adding(days: -days),
            cancelledBefore: now.addingTimeInterval(-Double(days) * 86_400),
            holdsEndedBefore: now.addingTimeInterval(-Double(Self.holdDays) * 86_400),
            messagesDoneBefore: now.addingTimeInterval(-Double(Self.messageDays) * 86_400))
    }
}

/// The lines a purge draws at one instant; everything on the old side of a line goes.
public struct PurgeCutoffs: Sendable, Hashable {
    /// Live-booking claims of days before this are past (the appointment took place or not).
    public let today: LocalDate
    /// Appointments on this day or earlier took place at least the retention ago.
    public let appointmentsOnOrBefore: LocalDate
    /// Appointments cancelled before this instant were cancelled at least the retention ago.
    public let cancelledBefore: Date
    /// Holds that ended (expired, released or used) before this go.
    public let holdsEndedBefore: Date
    /// Messages sent or skipped before this go.
    public let messagesDoneBefore: Date
    /// Biometric captures taken before this day go (the biometrics policy's `recordKeptMonths`).
    public var capturesBefore: LocalDate = .distantPast

    public init(
        today: LocalDate, appointmentsOnOrBefore: LocalDate, cancelledBefore: Date, holdsEndedBefore: Date,
        messagesDoneBefore: Date
    ) {
        self.today = today
        self.appointmentsOnOrBefore = appointmentsOnOrBefore
        self.cancelledBefore = cancelledBefore
        self.holdsEndedBefore = holdsEndedBefore
        self.messagesDoneBefore = messagesDoneBefore
    }
}
