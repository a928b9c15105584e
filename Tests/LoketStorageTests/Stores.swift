import LoketStorage
import LoketTestSupport

/// The stores the storage tests use, on one database.
struct Stores {
    let database: Database
    let capacity: CapacityStore
    let appointments: AppointmentStore
    let deskDay: DeskDayStore
    let waitlist: WaitlistStore

    init(_ database: Database) {
        self.database = database
        let changes = CapacityChanges(database: database)
        capacity = CapacityStore(database: database)
        appointments = AppointmentStore(database: database, logger: TestDatabase.logger, capacityChanges: changes)
        deskDay = DeskDayStore(database: database, capacityChanges: changes)
        waitlist = WaitlistStore(database: database, logger: TestDatabase.logger, capacityChanges: changes)
    }
}

/// Runs `body` on fresh stores over a new database of `engine`, dropping it afterwards.
func withStores(_ engine: TestDatabase.Engine, _ body: (Stores) async throws -> Void) async throws {
    let (database, _, drop) = try await TestDatabase.make(engine)
    do {
        try await body(Stores(database))
    } catch {
        await drop()
        throw error
    }
    await drop()
}
