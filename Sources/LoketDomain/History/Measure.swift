/// What Loket measures once a day per desk and product (issue #12): the published waits, the free
/// capacity, and what happened to appointments, the waitlist, the urgent reserve, draws and
/// documents. The raw values are the CSV's and the open data's `measure` column.
public enum Measure: String, CaseIterable, Sendable, Codable {
    case waitFirstSlot = "wait_first_slot_working_days"
    case waitThirdSlot = "wait_third_slot_working_days"
    /// Free places for one person in the next 4 weeks (20 working days from today).
    case freeNext4Weeks = "free_next_4_weeks"
    case freeNext8Weeks = "free_next_8_weeks"
    case made = "appointments_made"
    case cancelled = "appointments_cancelled"
    case moved = "appointments_moved"
    case served = "visits_served"
    case noShow = "visits_no_show"
    case waitlistSize = "waitlist_size"
    case waitlistJoined = "waitlist_joined"
    case offersMade = "offers_made"
    case offersAccepted = "offers_accepted"
    /// The urgent reserve (spoedcapaciteit) of the day: kept back, booked urgently, opened to all.
    case urgentHeld = "urgent_held"
    case urgentUsed = "urgent_used"
    case urgentReleased = "urgent_released"
    case drawEntries = "draw_entries"
    case drawPlaces = "draw_places"
    /// Working days from a card being ready to its collection, this week (median and P90).
    case collectionWaitP50 = "collection_wait_p50_working_days"
    case collectionWaitP90 = "collection_wait_p90_working_days"

    /// What the value counts: working days (a wait), free places, or a number of events or people.
    public var unit: String {
        switch self {
        case .waitFirstSlot, .waitThirdSlot, .collectionWaitP50, .collectionWaitP90: "workingDays"
        case .freeNext4Weeks, .freeNext8Weeks: "places"
        default: "count"
        }
    }

    /// A level (a wait, a size) is averaged over a week; a count of events is summed.
    public var isLevel: Bool {
        switch self {
        case .waitFirstSlot, .waitThirdSlot, .freeNext4Weeks, .freeNext8Weeks, .waitlistSize, .collectionWaitP50,
            .collectionWaitP90:
            true
        default: false
        }
    }

    /// Only the waits and the free capacity are published to everyone: the other measures are
    /// for the service's managers.
    public var isOpenData: Bool {
        switch self {
        case .waitFirstSlot, .waitThirdSlot, .freeNext4Weeks, .freeNext8Weeks, .collectionWaitP50,
            .collectionWaitP90:
            true
        default: false
        }
    }

    /// The product key under which measures of a whole desk are stored (the urgent reserve is
    /// kept back for all of a desk's products at once).
    public static let wholeDesk = "*"
}
