import Foundation

/// Room kept at the desks for urgent appointments (spoedafspraak, Q4 and Q9 of the source
/// document): a share of every slot that only partners with a stated reason can book, released
/// to everyone a number of working days ahead so that no counter stands idle.
public struct UrgentReserve: Sendable, Hashable, Codable {
    /// Share of each slot's counters kept back, rounded to whole counters.
    public let share: Double
    /// From this many working days ahead, what is still unused is open to everyone.
    public let releaseWorkingDaysAhead: Int

    public init(share: Double, releaseWorkingDaysAhead: Int) {
        self.share = share
        self.releaseWorkingDaysAhead = releaseWorkingDaysAhead
    }

    /// Counters of a pool kept back on a protected day.
    public func kept(of counters: Int) -> Int { min(counters, Int((Double(counters) * share).rounded())) }

    /// Why an urgent appointment is needed; `other` needs a note.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        case documentExpiring, jobAtRisk, travelEmergency, housing, other
    }
}

extension UrgentReserve.Reason {
    /// The reason and note as typed, checked: a known reason, a note for `other`, at most 500
    /// characters. Returns the note trimmed, nil when empty.
    public static func checked(
        reason: String?, note: String?, field: String = "urgent"
    ) throws(Refusal) -> (reason: Self, note: String?) {
        guard let reason = reason.flatMap(Self.init(rawValue:)) else {
            throw .invalid(
                "\(field).reason", "invalid", "Reason is one of \(allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason == .other && (note ?? "").isEmpty {
            throw .invalid("\(field).note", "required", "Say why, for reason other.")
        }
        if (note ?? "").count > 500 { throw .invalid("\(field).note", "too_long", "At most 500 characters.") }
        return (reason, note?.isEmpty == true ? nil : note)
    }
}
