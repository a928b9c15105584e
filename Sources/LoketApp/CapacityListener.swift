import Logging
import LoketStorage
import ServiceLifecycle

/// On PostgreSQL, hears the `loket_capacity` notifications other servers send when they change
/// capacity at a desk, and drops this server's cached slot lists for that desk. Not periodic work
/// but one long listen, so not a `PeriodicService`; it stops the same way, at once, whether it
/// listens or waits to reconnect.
struct CapacityListener: Service {
    let database: Database
    let generations: CapacityGenerations
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await database.listenForCapacityChanges { change in generations.bump(change) }
                } catch {
                    if Task.isCancelled { return }
                    logger.warning("capacity listener lost its connection; reconnecting")
                    // Whatever changed while deaf is unknown: drop every cached list.
                    generations.bumpAll()
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }
}
