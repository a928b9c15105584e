import ServiceLifecycle
import Synchronization

/// Whether this server is stopping: set once, on the first signal to stop.
final class Draining: Sendable {
    private let on = Atomic(false)

    func start() { on.store(true, ordering: .relaxed) }

    var isOn: Bool { on.load(ordering: .relaxed) }
}

/// The first service to hear the signal to stop (list it last: a service group stops its
/// services in reverse order): `/ready` answers 503 from then on, and for `seconds` the server
/// still serves everyone, so that a load balancer that asks every few seconds sends new
/// requests elsewhere before the listener closes.
public struct DrainService: Service {
    let loket: Loket
    let seconds: Int

    public init(loket: Loket, seconds: Int) {
        self.loket = loket
        self.seconds = seconds
    }

    public func run() async throws {
        try? await gracefulShutdown()
        loket.operations.startDraining()
        if seconds > 0 { try? await Task.sleep(for: .seconds(seconds)) }
    }
}
