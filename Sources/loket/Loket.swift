import ArgumentParser
import NIOCore
import NIOPosix

@main
struct LoketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loket",
        abstract: "Appointments, desks and capacity for public-service desks.",
        version: "0.15.0",
        subcommands: [
            Serve.self, Migrate.self, BackupCommand.self, RestoreCommand.self, VerifyCommand.self, CheckCommand.self,
            PartnerCommand.self,
            CaseSystemCommand.self, CourierCommand.self,
            InviteCommand.self, UninviteCommand.self, StaffCommand.self, PurgeCommand.self, AuditCommand.self,
            MeasureCommand.self,
            Simulate.self, ForecastCommand.self, Advise.self, Queue.self,
        ])

    /// ArgumentParser's own entry point, after one step: Swift concurrency then runs on NIO's
    /// event loops, so a request stays on the thread that read it instead of hopping to the
    /// cooperative pool and back.
    static func main() async {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
