import Foundation
import LoketDomain
import LoketYAML
import Yams

/// Every parameter of a forecast, as written in a scenario YAML file (see `scenarios/`).
public struct Scenario: Sendable, Codable {
    public var name: String
    public var description: String?
    /// First simulated day (a Monday is easiest to read).
    public var start: LocalDate
    public var weeks: Int
    /// How far ahead customers can book, in working days.
    public var bookingHorizonWorkingDays: Int
    public var liberationDay: LiberationDayRule?
    public var products: [String: ProductParameters]
    /// Which product is the biometrics visit and which the collection of the document; the
    /// planner's keys (BIO, DOC) for a role left out. Read it through `roles`.
    public var productRoles: ProductRoles?
    public var desks: [DeskParameters]
    public var demand: DemandPattern
    public var behaviour: Behaviour
    public var urgent: UrgentCapacity?
    public var courier: [CourierStep]?
    /// How many documents the courier can take a working day; unlimited when left out.
    public var courierCapacity: CourierCapacity?
    public var hiring: HiringPlan?
    /// Counter-hours added per week at a desk (overtime, Saturday sessions, borrowed staff): what
    /// the capacity advisor answers, in a form a planner can paste into a scenario file.
    public var extraCapacity: [ExtraCapacity]?
    public var informationLine: InformationLine?
    /// The waiting-time norm the forecast is asked about.
    public var norm: Norm?

    public struct ProductParameters: Sendable, Codable {
        /// Counter minutes one appointment takes, all its persons included.
        public var minutesPerAppointment: Double
    }

    public struct DeskParameters: Sendable, Codable {
        public var code: String
        /// Desks the customers who travel will also book at.
        public var reach: [String]?
        public var hours: [HoursStep]
        public var products: [String: DeskProduct]
        public var closes: Closing?
    }

    /// Opening hours from a date on (later steps override earlier ones field by field).
    public struct HoursStep: Sendable, Codable {
        public var from: LocalDate
        public var weekdayHours: Double?
        public var saturdayHours: Double?
        /// Share of the counters staffed on a Saturday.
        public var saturdayCounterShare: Double?
    }

    public struct DeskProduct: Sendable, Codable {
        /// Staffed counters on this product on a weekday.
        public var counters: Double
        /// Requests for an appointment per working day at the start.
        public var demandPerWorkingDay: Double
        /// Working days until the first free slot at the start (the backlog already booked).
        public var initialWaitWorkingDays: Int
        /// Appointments already booked per day from the start (a live scenario's backlog, read
        /// from the database); booked on top of `initialWaitWorkingDays`.
        public var booked: [BookedDay]?
        /// Requests waiting for a slot at the start (the waitlist of a live scenario).
        public var waiting: Int?

        public init(
            counters: Double, demandPerWorkingDay: Double, initialWaitWorkingDays: Int, booked: [BookedDay]? = nil,
            waiting: Int? = nil
        ) {
            self.counters = counters
            self.demandPerWorkingDay = demandPerWorkingDay
            self.initialWaitWorkingDays = initialWaitWorkingDays
            self.booked = booked
            self.waiting = waiting
        }
    }

    public struct BookedDay: Sendable, Codable {
        public var date: LocalDate
        public var appointments: Int

        public init(date: LocalDate, appointments: Int) {
            self.date = date
            self.appointments = appointments
        }
    }

    public struct Closing: Sendable, Codable {
        public var date: LocalDate
        /// Where the closed desk's demand and counters go.
        public var to: String
        /// Share of the closed desk's counters that move with the work.
        public var countersMoved: Double
    }

    public struct DemandPattern: Sendable, Codable {
        /// Multipliers Monday to Friday.
        public var weekdayPattern: [Double]
        /// Growth of demand per week from a date, compounding (0.01 = +1% a week).
        public var trend: [TrendStep]
        public var shocks: [Shock]?
        /// What is not known about future demand, drawn anew in every replication.
        public var uncertainty: Uncertainty?
    }

    /// Demand uncertainty from a date on: a level drawn once per replication (lognormal, mean 1)
    /// and a week-to-week variation on top, so that the forecast's band says how sure it is.
    public struct Uncertainty: Sendable, Codable {
        public var from: LocalDate
        /// Standard deviation of the replication's demand level, as a share (0.08 = 8%).
        public var levelSD: Double
        /// Standard deviation of each week's demand around that level.
        public var weeklySD: Double
    }

    public struct TrendStep: Sendable, Codable {
        public var from: LocalDate
        public var growthPerWeek: Double
        /// Only this product's demand; all products when left out.
        public var product: String?
    }

    public struct Shock: Sendable, Codable {
        public var from: LocalDate
        public var until: LocalDate
        public var product: String?
        public var desk: String?
        public var factor: Double
    }

    public struct Behaviour: Sendable, Codable {
        /// Share of customers who take the earliest slot at any desk within reach.
        public var travelShare: Double
        /// Share of booked appointments cancelled before the day; the capacity returns.
        public var cancellationShare: Double
        /// Share of cancelling customers who book again.
        public var cancellationRebookShare: Double
        /// Share of appointments where nobody comes; the slot is lost.
        public var noShowShare: Double
        /// Share of no-shows who book again.
        public var noShowRebookShare: Double
    }

    /// Protected capacity (spoedafspraak): a share held back for urgent cases and released to
    /// everyone a few working days ahead when unused.
    public struct UrgentCapacity: Sendable, Codable {
        public var share: Double
        public var releaseWorkingDaysAhead: Int
        /// Urgent requests as a share of all requests.
        public var demandShare: Double
    }

    /// From a date, a share of document hand-overs goes by courier (IPKD) instead of an
    /// appointment for the collection product (`productRoles.collection`).
    public struct CourierStep: Sendable, Codable {
        public var from: LocalDate
        public var share: Double

        public init(from: LocalDate, share: Double) {
            self.from = from
            self.share = share
        }
    }

    /// The courier's daily limit (the desk network file's `documents.courier`): at most `perDay`
    /// documents a working day from `desks` (every desk when left out); what the courier share
    /// would send beyond it is collected at the desk after all.
    public struct CourierCapacity: Sendable, Codable {
        public var perDay: Double
        public var desks: [String]?

        public init(perDay: Double, desks: [String]?) {
            self.perDay = perDay
            self.desks = desks
        }
    }

    public struct HiringPlan: Sendable, Codable {
        /// Weeks from the decision to hire until the person starts.
        public var recruitmentDelayWeeks: Int
        /// Weeks a new person produces at `trainingProductivity` before full productivity.
        public var trainingWeeks: Int
        public var trainingProductivity: Double
        /// The most people in training at one desk at once: the organisation's absorption limit.
        public var maxInTrainingPerDesk: Int
        public var hires: [Hire]
    }

    /// From `from`, `counterHoursPerWeek` more counter-hours on `product` at `desk`, spread
    /// evenly over the weekdays (a fifth each; a holiday's share is lost, as it would be).
    public struct ExtraCapacity: Sendable, Codable, Hashable {
        public var from: LocalDate
        public var desk: String
        public var product: String
        public var counterHoursPerWeek: Double

        public init(from: LocalDate, desk: String, product: String, counterHoursPerWeek: Double) {
            self.from = from
            self.desk = desk
            self.product = product
            self.counterHoursPerWeek = counterHoursPerWeek
        }
    }

    public struct Hire: Sendable, Codable {
        public var date: LocalDate
        public var desk: String
        public var product: String
        public var counters: Int
    }

    /// The information line, as an Erlang A queue: callers who wait too long hang up, and some of
    /// them call again.
    public struct InformationLine: Sendable, Codable {
        public var callsPerWorkingDay: Double
        /// Extra calls a day for every working day of national waiting time for the biometrics
        /// product (`productRoles.biometrics`).
        public var callsPerWaitingDay: Double
        /// Where the calls-per-waiting-day relation comes from: a measurement, a report, or
        /// "assumed" and why, so that a reader can weigh it.
        public var source: String
        public var openHoursPerDay: Double
        public var meanCallMinutes: Double
        /// Mean time a caller holds on before hanging up (exponential patience).
        public var meanPatienceSeconds: Double
        /// Share of the callers who hang up that call again (0 when left out).
        public var retrialShare: Double?
        public var serviceLevel: ServiceLevelTarget
        public var agents: [AgentStep]
    }

    /// The line's service level: `share` of all callers answered within `withinSeconds`
    /// (80/20 is the usual call-centre target).
    public struct ServiceLevelTarget: Sendable, Codable {
        public var share: Double
        public var withinSeconds: Double
    }

    public struct AgentStep: Sendable, Codable {
        public var from: LocalDate
        public var agents: Int
    }

    public struct Norm: Sendable, Codable {
        public var product: String
        public var workingDays: Double
        /// The metric to hold against the norm; the first free slot by default.
        public var metric: String?
    }

    /// Loads a scenario file. A file with `basedOn: other.yaml` starts from that file (relative to
    /// its own folder) and replaces its top-level keys, so that a what-if names only what changes.
    public static func load(_ url: URL) throws -> Scenario {
        let text = try Yams.serialize(node: .mapping(try mapping(url, depth: 0)))
        let scenario = try YAMLDecoder().decode(Scenario.self, from: text)
        let unknown = try UnknownKeys.find(in: text, decoded: scenario)
        guard unknown.isEmpty else { throw ScenarioError.unknownKeys(url.path, unknown) }
        return scenario
    }

    private static func mapping(_ url: URL, depth: Int) throws -> Node.Mapping {
        guard depth < 8 else { throw ScenarioError.basedOnLoop(url.path) }
        guard let node = try Yams.compose(yaml: String(contentsOf: url, encoding: .utf8)), var own = node.mapping else {
            throw ScenarioError.notAMapping(url.path)
        }
        guard let base = own["basedOn"]?.string else { return own }
        own["basedOn"] = nil
        var merged = try mapping(url.deletingLastPathComponent().appendingPathComponent(base), depth: depth + 1)
        for (key, value) in own { merged[key] = value }
        return merged
    }

    public static func parse(_ yaml: String) throws -> Scenario {
        let scenario = try YAMLDecoder().decode(Scenario.self, from: yaml)
        let unknown = try UnknownKeys.find(in: yaml, decoded: scenario)
        guard unknown.isEmpty else { throw ScenarioError.unknownKeys("scenario", unknown) }
        return scenario
    }

    /// The scenario as a YAML file that `Scenario.load` reads back: what a live or what-if run
    /// used, to repeat it on the command line.
    public func yaml() throws -> String { try YAMLEncoder().encode(self) }

    public var end: LocalDate { start.adding(days: weeks * 7) }

    /// The product roles, with the planner's keys where the file names none.
    public var roles: ProductRoles { productRoles ?? .plannerKeys }
}
