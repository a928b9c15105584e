import Synchronization

/// Moves each time this server records the measured history, so that what is made from it (the
/// open data) is made again at once, not when its minute is up: the history a server has just
/// measured at start-up must not hide behind an empty answer kept from before.
final class HistoryGeneration: Sendable {
    private let value = Atomic<UInt64>(0)

    var current: UInt64 { value.load(ordering: .relaxed) }

    func bump() { value.add(1, ordering: .relaxed) }
}
