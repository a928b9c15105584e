import Foundation
import LoketApp
import LoketDomain
import LoketStorage
import LoketTestSupport

/// A Loket on a fresh database of `engine` with a manual clock, as the use-case suites need it
/// (no HTTP: the channels are tested in LoketHTTPTests), dropped afterwards.
func withLoket(
    _ engine: TestDatabase.Engine, network: DeskNetwork = TestNetwork.network,
    clock: ManualClock = ManualClock(date: "2022-06-01"), options configure: (inout ServerOptions) -> Void = { _ in },
    _ body: (Loket, Database) async throws -> Void
) async throws {
    let (database, _, drop) = try await TestDatabase.make(engine)
    var options = ServerOptions(network: network)
    options.now = clock.source
    configure(&options)
    do {
        try await body(Loket(options: options, database: database, logger: TestDatabase.logger), database)
    } catch {
        await drop()
        throw error
    }
    await drop()
}

/// Slot units taken at desk `desk` on `day`, read from the table.
func taken(_ database: Database, desk: String = "TS", on day: String) async throws -> Int {
    let date = LocalDate(iso: day)!
    return try await CapacityStore(database: database).usage(desk: desk, dates: date...date).values.reduce(0, +)
}
