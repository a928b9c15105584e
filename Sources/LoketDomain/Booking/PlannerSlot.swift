/// What the old planner's clients leave out: they reserve a slot by its key and the `parts` they
/// saw in the list, naming no product and no party size. The key's pool tells the product when
/// the pool serves only one at the desk, and the parts tell the party size.
extension BookingRules {
    /// The product of slot `key` at `desk`: the one product its pool serves there, if only one.
    public func product(ofSlot key: String?, at desk: Desk) -> Product? {
        guard let key = key.flatMap({ SlotKey($0) }),
            let pool = schedule.pools(desk: desk, on: key.date).first(where: { $0.id == key.pool })
        else { return nil }
        let offered = pool.products.filter { desk.offers($0) }
        guard offered.count == 1 else { return nil }
        return network.product(offered[0])
    }

    /// The party size a booking of `product` that takes `parts` slot units is for.
    public func persons(parts: Int, product: Product, field: String = "parts") throws(Refusal) -> Int {
        guard
            let persons = BookingRules.partySizes.first(where: {
                product.parts(persons: $0, slotMinutes: network.slotMinutes) == parts
            })
        else {
            throw .invalid(field, "out_of_range", "No party of 1 to 6 persons takes \(parts) part(s) of this slot.")
        }
        return persons
    }
}
