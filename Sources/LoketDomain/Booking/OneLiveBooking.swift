/// One live booking per person and product: where appointments are scarce, a person (known by
/// their V-number) holds at most one appointment for a product at a time, so a script cannot
/// hoard slots under invented names and a booking cannot be resold to someone else's name.
extension BookingRules {
    /// The V-numbers a booking of `product` for `persons` claims, after checking that the
    /// customer named every person: empty for a product without the rule.
    public func people(of customer: Customer, product key: String, persons: Int) throws(Refusal) -> [String] {
        guard let product = network.product(key), product.onePerPerson else { return [] }
        guard customer.vNumber != nil else {
            throw .invalid(
                "customer.vNumber", "required",
                "Give the V-number (10 digits) of the person the appointment is for: each person may have one appointment for \(product.nameEN) at a time."
            )
        }
        return try everyone(of: customer, persons: persons)
    }
}

extension BookingRules {
    /// The V-numbers of everyone a request names, whatever the product: the customer's and one
    /// per companion, `persons` in all, no one twice (a draw takes one entry per person).
    public func everyone(of customer: Customer, persons: Int) throws(Refusal) -> [String] {
        guard let vNumber = customer.vNumber else {
            throw .invalid("customer.vNumber", "required", "Give the V-number (10 digits) of the person.")
        }
        guard customer.companions.count == persons - 1 else {
            throw .invalid(
                "customer.companions", "count",
                "Name each of the other \(persons - 1) person(s) with their V-number (companions).")
        }
        let people = [vNumber] + customer.companions.map(\.vNumber)
        guard Set(people).count == people.count else {
            throw .invalid("customer.companions", "duplicate", "Each person can be named only once.")
        }
        return people
    }
}
