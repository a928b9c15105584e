import ArgumentParser
import Foundation
import LoketApp
import LoketDomain
import LoketStorage

/// Creates a staff account; the way to the first admin. There is no default password: it is
/// read from standard input, so it never appears in the shell history or the process list.
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Create a staff account (the first admin, or any other).",
        discussion:
            "Reads the password from the first line of standard input. Example: printf '%s\\n' \"$PASSWORD\" | loket staff --username beheer --role admin"
    )

    @Option(help: "Lower-case letters, digits, dots and dashes, 3 to 40 long.") var username: String
    @Option(help: "clerk, desk-manager or admin.") var role: String = "admin"
    @Option(help: "The desk a clerk or desk manager works at, e.g. DH.") var desk: String?
    @OptionGroup var common: DatabaseOptions

    func run() async throws {
        guard StaffAccount.validUsername(username) else {
            throw ValidationError("--username: 3 to 40 lower-case letters, digits, dots or dashes")
        }
        guard let role = StaffRole(rawValue: role) else {
            throw ValidationError("--role: clerk, desk-manager or admin")
        }
        let network = try common.loadNetwork()
        if let desk, network.desk(desk) == nil { throw ValidationError("--desk: there is no desk \(desk)") }
        guard role == .admin || desk != nil else { throw ValidationError("--desk is needed for a \(role.rawValue)") }
        guard let password = readLine(strippingNewline: true), password.count >= StaffAccount.minimumPasswordLength
        else {
            throw ValidationError(
                "give a password of at least \(StaffAccount.minimumPasswordLength) characters on standard input")
        }
        let logger = try common.makeLogger()
        let database = try await Database.open(common.resolvedDatabase, logger: logger)
        try await database.migrate()
        do {
            let loket = Loket(options: ServerOptions(network: network), database: database, logger: logger)
            let account = try await loket.staff.createStaff(
                username: username, password: password, role: role, desk: desk, by: nil)
            await database.close()
            print(
                "Account \(account.username) (\(account.role.rawValue)\(account.desk.map { " at \($0)" } ?? "")) created."
            )
        } catch let error as Refusal {
            await database.close()
            throw ValidationError(error.message)
        }
    }
}
