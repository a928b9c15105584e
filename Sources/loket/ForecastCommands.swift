import ArgumentParser
import Foundation
import LoketApp
import LoketConfig
import LoketDomain
import LoketSimulation
import LoketStorage

/// Options shared by `simulate` and `forecast`.
struct ForecastOutputOptions: ParsableArguments {
    @Argument(help: "Scenario YAML file, e.g. scenarios/nl-2022-measures.yaml (forecast --live: none).")
    var scenario: String?
    @Option(help: "Random seed; the same seed gives the same result on any number of cores.") var seed: UInt64 = 2022
    @Option(help: "Write every week, desk, product and metric as CSV.") var csv: String?
    @Option(help: "Write the forecast as JSON.") var json: String?
    @Option(
        help:
            "Write an SVG chart of the national waiting time with its P10–P90 band and the norm (forecast: forecast-<scenario>.svg unless given)."
    ) var svg: String?
    @Option(help: "Product for the table and chart (default: the norm's, else BIO).") var product: String?
    @Option(help: "Simulate this many weeks instead of the scenario's own number.") var weeks: Int?
    @Option(
        help: ArgumentHelp(
            "Take courier delivery from this desk network file: its desks, deliveries a day and expected share (documents.courier).",
            valueName: "file"))
    var courierFrom: String?

    func loadScenario() throws -> Scenario {
        guard let scenario else { throw ValidationError("Name a scenario file.") }
        let loaded: Scenario
        do {
            loaded = try Scenario.load(URL(fileURLWithPath: scenario))
        } catch let error as DecodingError {
            throw ValidationError("\(scenario): \(error)")
        }
        return try adjust(loaded)
    }

    /// The scenario with `--weeks` and `--courier-from` applied.
    func adjust(_ scenario: Scenario) throws -> Scenario {
        var loaded = scenario
        if let weeks {
            guard weeks > 0 else { throw ValidationError("--weeks must be at least 1") }
            loaded.weeks = weeks
        }
        if let courierFrom {
            let network = try DeskNetworkFile.load(URL(fileURLWithPath: courierFrom))
            guard let courier = network.documentSettings.courier else {
                throw ValidationError("--courier-from \(courierFrom): the file has no documents.courier")
            }
            loaded.courierCapacity = Scenario.CourierCapacity(perDay: Double(courier.perDay), desks: courier.desks)
            if let share = courier.expectedShare {
                loaded.courier = [Scenario.CourierStep(from: loaded.start, share: share)]
            }
        }
        return loaded
    }

    func write(_ forecast: Forecast, defaultChart: String? = nil) throws {
        let product = product ?? forecast.scenario.norm?.product ?? "BIO"
        let svg = self.svg ?? defaultChart
        print(forecast.table(product: product), terminator: "")
        if let csv {
            try forecast.csv.write(toFile: csv, atomically: true, encoding: .utf8)
            print("CSV written to \(csv)")
        }
        if let json {
            try forecast.json().write(to: URL(fileURLWithPath: json))
            print("JSON written to \(json)")
        }
        if let svg {
            try forecast.svgChart(product: product).write(toFile: svg, atomically: true, encoding: .utf8)
            print("Chart written to \(svg)")
        }
    }
}

struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a scenario once and print the weekly waiting times.")

    @OptionGroup var options: ForecastOutputOptions

    func run() async throws {
        let forecast = try await Forecast.run(try options.loadScenario(), replications: 1, seed: options.seed)
        try options.write(forecast)
    }
}

struct ForecastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract:
            "Monte Carlo forecast: P10/P50/P90 per week and when the waiting-time norm is met, with its probability.",
        discussion: """
            From a scenario file, or with --live from the database as it is today: counters and opening \
            hours from the desk network with the desk managers' changes, the appointments booked and the \
            waitlist as the backlog, demand per desk, product and weekday and the cancellation and no-show \
            rates measured over the last 8 weeks. --save-scenario writes the scenario used as YAML, so \
            that the run can be repeated (or changed) from a file.
            """)

    @OptionGroup var options: ForecastOutputOptions
    @Option(help: "Replications, run in parallel over all cores.") var replications: Int = 200
    @Flag(help: "Build the scenario from the database (--database, --desks) instead of a file.") var live = false
    @Option(help: ArgumentHelp("Write the scenario used as YAML.", valueName: "file")) var saveScenario: String?
    @OptionGroup var common: DatabaseOptions

    func validate() throws {
        guard replications > 0 else { throw ValidationError("--replications must be at least 1") }
        guard live == (options.scenario == nil) else {
            throw ValidationError("Give a scenario file or --live, not both and not neither.")
        }
    }

    func run() async throws {
        let scenario = try await live ? options.adjust(liveScenario()) : options.loadScenario()
        if let saveScenario {
            try scenario.yaml().write(toFile: saveScenario, atomically: true, encoding: .utf8)
            print("Scenario written to \(saveScenario)")
        }
        let progress = ProgressBar(total: replications)
        let clock = ContinuousClock()
        let start = clock.now
        let forecast = try await Forecast.run(scenario, replications: replications, seed: options.seed) {
            progress.update($0)
        }
        progress.finish(elapsed: clock.now - start)
        try options.write(forecast, defaultChart: "forecast-\(scenario.name).svg")
    }

    /// The network as it is today, read from the database.
    private func liveScenario() async throws -> Scenario {
        let network = try common.loadNetwork()
        let logger = try common.makeLogger()
        let database = try await Database.open(common.resolvedDatabase, logger: logger)
        do {
            try await database.migrate()
            let loket = Loket(options: ServerOptions(network: network), database: database, logger: logger)
            try await loket.deskDay.reloadDeskChanges()
            let scenario = try await loket.forecasts.liveScenario(weeks: options.weeks ?? 104)
            await database.close()
            return scenario
        } catch {
            await database.close()
            throw error
        }
    }
}
