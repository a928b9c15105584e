import ArgumentParser
import Foundation
import LoketDomain
import LoketSimulation

struct Advise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "The smallest extra capacity that meets the scenario's waiting-time norm by a week, with a probability.",
        discussion:
            "Searches whole extra counter-hours a week (doubling, then bisection; every candidate with the same seed and replications), spread over the desks in proportion to their demand for the norm's product, and says how many Saturday sessions that is. The answer's extraCapacity entries can be pasted into the scenario file."
    )

    @Argument(help: "Scenario YAML file with a norm, e.g. scenarios/nl-2022-measures.yaml.") var scenario: String
    @Option(help: ArgumentHelp("The norm must hold for good from the week of this date.", valueName: "YYYY-MM-DD"))
    var by: String
    @Option(help: "Share of replications that must meet it by then.") var probability: Double = 0.8
    @Option(
        help: ArgumentHelp(
            "The extra capacity starts on this date (default: the scenario's start).", valueName: "YYYY-MM-DD"))
    var from: String?
    @Option(
        help: "The most extra counter-hours a week to try (default: the product's own weekday counter-hours a week).")
    var maxCounterHours: Int?
    @Option(help: "Replications per candidate.") var replications: Int = 200
    @Option(help: "Random seed, the same for every candidate.") var seed: UInt64 = 2022
    @Option(help: "Write the advice, with every evaluated candidate, as JSON.") var json: String?

    func validate() throws {
        guard LocalDate(iso: by) != nil else { throw ValidationError("--by: a date, YYYY-MM-DD") }
        if let from, LocalDate(iso: from) == nil { throw ValidationError("--from: a date, YYYY-MM-DD") }
        guard probability > 0 && probability <= 1 else { throw ValidationError("--probability must be in (0, 1]") }
        guard replications > 0 else { throw ValidationError("--replications must be at least 1") }
        if let maxCounterHours, maxCounterHours < 1 { throw ValidationError("--max-counter-hours must be at least 1") }
    }

    func run() async throws {
        let loaded: Scenario
        do {
            loaded = try Scenario.load(URL(fileURLWithPath: scenario))
        } catch let error as DecodingError {
            throw ValidationError("\(scenario): \(error)")
        }
        let target = CapacityAdvisor.Target(
            by: LocalDate(iso: by)!, probability: probability, from: from.flatMap { LocalDate(iso: $0) },
            maximumCounterHoursPerWeek: maxCounterHours)
        let clock = ContinuousClock()
        let start = clock.now
        let advice: CapacityAdvisor.Advice
        do {
            advice = try await CapacityAdvisor.advise(loaded, target: target, replications: replications, seed: seed) {
                candidate, done in
                if done == replications {
                    FileHandle.standardError.write(Data("candidate \(candidate + 1) evaluated\n".utf8))
                }
            }
        } catch let error as CapacityAdvisor.AdviceError {
            throw ValidationError(error.description)
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print(Self.words(advice), terminator: "")
        print(
            "(\(advice.candidates.count) candidates of \(replications) replications, seed \(seed), in \(String(format: "%.1f", seconds)) s)"
        )
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try encoder.encode(advice).write(to: URL(fileURLWithPath: json))
            print("JSON written to \(json)")
        }
    }

    /// When the norm is met with the answer's capacity: what a baseline of it would say.
    static func metWords(_ advice: CapacityAdvisor.Advice, percent: Int) -> String {
        guard let from = advice.metFrom else { return "" }
        return
            "Met for good from the week of \(from.iso) in \(percent)% of replications (median: \(advice.medianWeek.map { "the week of \($0.iso)" } ?? "not within the forecast")).\n"
    }

    /// The answer in plain words.
    static func words(_ advice: CapacityAdvisor.Advice) -> String {
        let percent = Int((advice.target.probability * 100).rounded())
        var out =
            "Target: \(advice.product) wait at most \(number(advice.normWorkingDays)) working days, for good from the week of \(advice.targetWeek.iso), in at least \(percent)% of \(advice.replications) replications.\n"
        switch advice.outcome {
        case .alreadyMet:
            out +=
                "Already met without extra capacity (\(Int(((advice.probability ?? 0) * 100).rounded()))% of replications).\n"
            out += Self.metWords(advice, percent: percent)
        case .notWithinBound:
            let best = advice.candidates.map(\.probability).max() ?? 0
            out +=
                "Not met even with \(advice.upperBound) extra counter-hours a week from \(advice.from.iso) (at best \(Int((best * 100).rounded()))% of replications): the target needs more than capacity alone, or a later week.\n"
        case .extraCapacityNeeded:
            out +=
                "Needed: \(advice.counterHoursPerWeek ?? 0) extra counter-hours a week from \(advice.from.iso) (\(Int(((advice.probability ?? 0) * 100).rounded()))% of replications meet it; one hour less does not reach \(percent)%).\n"
            out += Self.metWords(advice, percent: percent)
            out += "Per desk, in proportion to its demand for \(advice.product):\n"
            for desk in advice.desks {
                out += "  \(desk.desk): \(desk.counterHoursPerWeek) counter-hours a week"
                if let sessions = desk.saturdaySessionsPerWeek {
                    out +=
                        ", or \(String(format: "%.2f", sessions)) Saturday sessions a week of \(number(desk.saturdaySessionCounterHours)) counter-hours"
                    if let start = desk.saturdaySessionsFrom, start > advice.from {
                        out += " (Saturday opening from \(start.iso))"
                    }
                    out += sessions > 1 ? " (more than every Saturday: add weekday hours or counters)\n" : "\n"
                } else {
                    out += " (the desk does not open on Saturdays)\n"
                }
            }
            out += "In a scenario file:\nextraCapacity:\n"
            for entry in advice.extraCapacity {
                out +=
                    "  - {from: \(entry.from.iso), desk: \(entry.desk), product: \(entry.product), counterHoursPerWeek: \(number(entry.counterHoursPerWeek))}\n"
            }
        }
        return out
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
