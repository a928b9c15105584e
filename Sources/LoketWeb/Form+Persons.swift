extension [String: String] {
    /// The party size (aantal personen) a form sent, as the use cases read it: nil when it sent
    /// none (one person), and a value that is no number as 0, which they refuse at its field as
    /// out of range. Read with `Int(_:)` alone, a tampered "two" would book for one.
    var sentPersons: Int? { self["persons"].map { Int($0) ?? 0 } }

    /// How many companions' fields to check: none for a party size the form does not offer,
    /// which is refused at its own field (five "companion missing" beside it would mislead).
    var companionCount: Int {
        let persons = sentPersons ?? 1
        return (1...6).contains(persons) ? persons - 1 : 0
    }
}
