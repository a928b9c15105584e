import LoketDomain
import LoketStorage
import Synchronization

/// The booking rules in force: the desk network file with the desk managers' changes applied.
/// Swapped whole when a change is made here or (seen by the sweeper) on another server.
final class LiveRules: Sendable {
    let base: DeskNetwork
    let holdMinutes: Int?
    private let state: Mutex<(rules: BookingRules, version: String)>

    init(network: DeskNetwork, holdMinutes: Int?) {
        self.base = network
        self.holdMinutes = holdMinutes
        self.state = Mutex((BookingRules(network: network, holdMinutes: holdMinutes), ""))
    }

    var rules: BookingRules { state.withLock { $0.rules } }
    var version: String { state.withLock { $0.version } }

    func replace(changes: [StoredDeskChange], version: String) {
        let grouped = Dictionary(grouping: changes, by: \.desk).mapValues { $0.map(\.change) }
        let rules = BookingRules(network: base.applying(grouped), holdMinutes: holdMinutes)
        state.withLock { $0 = (rules, version) }
    }
}
