/// A change a desk manager makes to a desk on top of the desk network file: a closure,
/// different opening hours for a period (a Saturday opening is one), or a different number
/// of counters in one roster block for a period. Changes are applied in the order made, so a
/// later one wins where they overlap — the same rule the network file follows.
public enum DeskChange: Sendable, Hashable, Codable {
    case closure(Closure)
    case hours(OpeningHours)
    /// Counters of the roster block `block` from `from` to `until` (inclusive); 0 closes the block.
    case counters(block: String, from: LocalDate, until: LocalDate, counters: Int)
    /// An extra roster block, e.g. the counters that serve on a Saturday opening.
    case rosterBlock(RosterBlock)

    /// The first and last day the change touches.
    public var dates: ClosedRange<LocalDate> {
        switch self {
        case .closure(let closure): closure.from...closure.until
        case .hours(let hours): (hours.validFrom ?? .distantPast)...(hours.validUntil ?? .distantFuture)
        case .counters(_, let from, let until, _): from...until
        case .rosterBlock(let block): (block.validFrom ?? .distantPast)...(block.validUntil ?? .distantFuture)
        }
    }
}

extension Desk {
    /// The desk as it is after `changes`.
    public func applying(_ changes: [DeskChange]) -> Desk {
        var hours = openingHours
        var roster = roster
        var closures = closures
        for change in changes {
            switch change {
            case .closure(let closure):
                closures.append(closure)
            case .hours(let period):
                hours.append(period)
            case .rosterBlock(let block):
                roster.append(block)
            case .counters(let id, let from, let until, let counters):
                // The block keeps its id, so the bookings already in it stay counted; only its
                // validity is split around the changed period.
                roster = roster.flatMap { block -> [RosterBlock] in
                    guard block.id == id else { return [block] }
                    let start = block.validFrom ?? .distantPast
                    let end = block.validUntil ?? .distantFuture
                    guard from <= end, until >= start else { return [block] }
                    var parts: [RosterBlock] = []
                    if start < from { parts.append(block.valid(from: block.validFrom, until: from.adding(days: -1))) }
                    parts.append(
                        RosterBlock(
                            id: id, products: block.products, days: block.days, hours: block.hours, counters: counters,
                            validFrom: max(start, from), validUntil: min(end, until)))
                    if end > until { parts.append(block.valid(from: until.adding(days: 1), until: block.validUntil)) }
                    return parts
                }
            }
        }
        return Desk(
            code: code, name: name, kind: kind, address: address, city: city, timeZone: timeZone, products: products,
            openingHours: hours, roster: roster, closures: closures, closedFrom: closedFrom, successor: successor)
    }
}

extension RosterBlock {
    func valid(from: LocalDate?, until: LocalDate?) -> RosterBlock {
        RosterBlock(
            id: id, products: products, days: days, hours: hours, counters: counters, validFrom: from, validUntil: until
        )
    }
}
