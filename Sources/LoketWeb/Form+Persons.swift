extension [String: String] {
    /// The party size (aantal personen) a form sent, as the use cases read it: nil when it sent
    /// none (one person), and a value that is no number as 0, which they refuse at its field as
    /// out of range. Read with `Int(_:)` alone, a tampered "two" would book for one.
    var sentPersons: Int? { self["persons"].map { Int($0) ?? 0 } }
}
