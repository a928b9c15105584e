import Foundation
import LoketDomain
import LoketStorage

/// `loket verify`: whether a database (a restored backup above all) is whole and consistent
/// before a server runs on it.
extension Operations {
    /// The problems found, each in a sentence; none when the database is sound: the engine's
    /// integrity checks pass, every migration is applied, each capacity unit's counter equals
    /// the active holds and confirmed appointments that use it, and no unit holds more than its
    /// pool's counters on that day (as the desk network and its changes have them now).
    public func verify() async throws -> [String] {
        try await deskDay.reloadDeskChanges()
        let check = try await DatabaseCheck.read(database)
        var problems = check.integrityProblems
        let missing = Set(1...check.latestMigration).subtracting(check.appliedMigrations).sorted()
        if !missing.isEmpty {
            problems.append("migrations not applied: \(missing.map(String.init).joined(separator: ", "))")
        }
        if let newer = check.appliedMigrations.last, newer > check.latestMigration {
            problems.append(
                "migration \(newer) is newer than this Loket (\(check.latestMigration)): run the newer release")
        }
        for (unit, counted, used) in check.miscounted {
            problems.append(
                "\(unit.desk) \(unit.key.date.iso) \(LocalTime(minutes: unit.key.minute).text) pool \(unit.key.pool): "
                    + "counted \(counted) taken, used by \(used) holds and appointments")
        }
        let rules = self.rules
        let ordered = check.counted.sorted {
            ($0.key.desk, $0.key.key.date, $0.key.key.minute, $0.key.key.pool)
                < ($1.key.desk, $1.key.key.date, $1.key.key.minute, $1.key.key.pool)
        }
        for (unit, taken) in ordered {
            guard let desk = rules.network.desk(unit.desk),
                let pool = rules.schedule.pools(desk: desk, on: unit.key.date).first(where: { $0.id == unit.key.pool }),
                taken > pool.counters
            else { continue }
            problems.append(
                "\(unit.desk) \(unit.key.date.iso) \(LocalTime(minutes: unit.key.minute).text) pool \(unit.key.pool): "
                    + "\(taken) taken of \(pool.counters) counters")
        }
        return problems
    }
}
