import LoketStorage
import LoketTestSupport

/// The stores the storage tests use, on one database.
struct Stores {
    let capacity: CapacityStore
    let appointments: AppointmentStore
    let deskDay: DeskDayStore

    init(_ database: Database) {
        let changes = CapacityChanges(database: database)
        capacity = CapacityStore(database: database)
        appointments = AppointmentStore(database: database, logger: TestDatabase.logger, capacityChanges: changes)
        deskDay = DeskDayStore(database: database, capacityChanges: changes)
    }
}
