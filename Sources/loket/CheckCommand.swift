import ArgumentParser
import Foundation
import LoketConfig

/// `loket check`: the configuration files checked before a server is started on them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the desk network and biometrics policy files without starting a server.",
        discussion: """
            Prints each problem as FILE:LINE: problem and exits with 1 if there is any. Files left out \
            (and not set in the environment, as for `loket serve`) are the ones shipped with Loket.
            """)

    @Option(help: ArgumentHelp("The desk network YAML file. Env: LOKET_DESKS.", valueName: "file"))
    var desks: String?
    @Option(help: ArgumentHelp("The biometrics policy YAML file. Env: LOKET_BIOMETRICS_POLICY.", valueName: "file"))
    var biometricsPolicy: String?

    func run() throws {
        let desks = (desks ?? environment("LOKET_DESKS")).map { URL(fileURLWithPath: $0) }
        let policy = (biometricsPolicy ?? environment("LOKET_BIOMETRICS_POLICY")).map { URL(fileURLWithPath: $0) }
        let findings =
            ConfigurationCheck.deskNetwork(desks ?? DeskNetworkFile.bundledURL)
            + ConfigurationCheck.biometricsPolicy(policy ?? BiometricsPolicyFile.bundledURL)
        guard findings.isEmpty else {
            for finding in findings { print(finding) }
            throw ExitCode(1)
        }
        print("The configuration is valid.")
    }
}
