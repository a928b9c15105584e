import LoketDomain

/// The party size (aantal personen) as the pages read it from a query or a form: as sent for
/// the use cases, which refuse a size the form does not offer, and within the sizes offered for
/// showing a page again.
enum PartySize {
    /// As the use cases read it: nil when none was sent (one person), and a value that is no
    /// number as 0, which they refuse at its field as out of range. Read with `Int(_:)` alone, a
    /// tampered "two" would book for one.
    static func sent(_ text: String?) -> Int? { text.map { Int($0) ?? 0 } }

    /// For showing a page or a form: the size sent, brought within the sizes offered; one when
    /// none or no number was sent.
    static func shown(_ text: String?) -> Int {
        let sizes = BookingRules.partySizes
        return sent(text).map { min(max($0, sizes.lowerBound), sizes.upperBound) } ?? 1
    }

    /// How many companions' fields to check: none for a size the form does not offer, which is
    /// refused at its own field (five "companion missing" beside it would mislead).
    static func companions(_ text: String?) -> Int {
        let persons = sent(text) ?? 1
        return BookingRules.partySizes.contains(persons) ? persons - 1 : 0
    }

    /// The sizes a form offers, `persons` chosen.
    static func options(_ persons: Int) -> [CalendarPage.PersonOption] {
        BookingRules.partySizes.map { CalendarPage.PersonOption(value: $0, selected: $0 == persons) }
    }
}
