import ArgumentParser

@main
struct LoketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loket",
        abstract: "Appointments, desks and capacity for public-service desks.",
        subcommands: [Serve.self, Migrate.self, Simulate.self, ForecastCommand.self, Queue.self])
}
