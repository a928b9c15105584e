/// The view models of the forecast pages, one struct per template as in PageModels.swift.

/// forecast.mustache: the form to start a run (with the what-if fields) and the runs so far.
struct ForecastPage {
    struct DeskFields { let code: String, name: String, counters: String, saturdayHours: String, saturdayShare: String }
    struct RunRow {
        let id: String, name: String, href: String, started: String, state: String, answer: String, kind: String
    }
    let form: [String: String]
    let desks: [DeskFields]
    let closeDesks: [DashboardPage.Option]
    let closeTos: [DashboardPage.Option]
    let productOptions: [DashboardPage.Option]
    /// What the advisor may start from: today as it is, or one of the what-ifs run before.
    let whatIfs: [DashboardPage.Option]
    let runs: [RunRow]
}

/// forecast-run.mustache: one run, its progress while it runs and its result when done.
struct ForecastRunPage {
    struct Row { let week: String, p10: String, p50: String, p90: String, metBy: String }
    struct Phone { let heads: [String], rows: [DashboardPage.Row] }
    struct Result {
        let chart: String, answer: String, rows: [Row], phone: Phone?
        /// The summary of the folded table of every week.
        let weeksTable: String
    }
    let name: String
    let state: String
    let started: String
    let kind: String
    /// The what-if's changes in words; empty for a baseline or the advisor.
    let changes: [String]
    let replications: Int
    let seed: String
    let yamlHref: String
    let command: String
    let running: Bool
    let progress: Int
    let total: Int
    let error: String?
    let isAdvice: Bool
    let path: String
    var following = false
    var result: Result?
    var advice: Advice?

    struct AdviceDesk { let desk: String, hours: String, saturdays: String }
    struct Candidate { let hours: String, probability: String, meets: String }
    struct Advice { let answer: String, desks: [AdviceDesk], candidates: [Candidate] }
}

/// forecast-compare.mustache: runs side by side in one chart.
struct ForecastComparePage {
    struct Run {
        let name: String, href: String, kind: String, changes: [String], state: String, answer: String

        /// Whether there are changes to list (a stored field: templates see no computed ones).
        let hasChanges: Bool

        init(name: String, href: String, kind: String, changes: [String], state: String, answer: String) {
            (self.name, self.href, self.kind, self.changes, self.state, self.answer) =
                (name, href, kind, changes, state, answer)
            hasChanges = !changes.isEmpty
        }
    }
    let chart: String
    /// Each run against the first, in a sentence.
    let inWords: [String]
    let runs: [Run]
}
