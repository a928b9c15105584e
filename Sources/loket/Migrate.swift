import ArgumentParser
import LoketStorage

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date, then exit.")

    @OptionGroup var common: DatabaseOptions

    func run() async throws {
        let logger = try common.makeLogger()
        let database = try await Database.open(common.resolvedDatabase, logger: logger)
        let applied = try await database.migrate()
        await database.close()
        print(
            applied.isEmpty
                ? "Database is up to date." : "Applied migrations: \(applied.map(String.init).joined(separator: ", "))."
        )
    }
}
