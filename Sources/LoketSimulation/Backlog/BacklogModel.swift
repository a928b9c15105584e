/// The appointment backlog, one replication at a time: every working day, requests arrive per desk and
/// product and book the earliest free slot within the booking horizon at their desk (or, for
/// those who travel, at any desk within reach); cancellations hand capacity back at a random day
/// before the appointment (events on the simulation clock); no-shows waste their slot; the
/// urgent reserve is released a few working days ahead. Measured on every working day, reported
/// as weekly means. The day's parts are `BacklogReplication`'s methods; `run` is the schedule.
public struct BacklogModel: Sendable {
    public let plan: NetworkPlan
    public let series: [Series]

    public init(plan: NetworkPlan) {
        self.plan = plan
        var series = plan.cells.map { Series(desk: $0.desk, product: $0.product, metrics: Metric.deskMetrics) }
        series += plan.products.map { Series(desk: "NL", product: $0, metrics: Metric.deskMetrics) }
        if plan.scenario.informationLine != nil {
            series.append(Series(desk: "PHONE", product: "CALLS", metrics: Metric.phoneMetrics))
        }
        self.series = series
    }

    public var weeks: Int { plan.scenario.weeks }
    /// Values per replication: `(seriesIndex * Metric.allCases.count + metric) * weeks + week`.
    public var valueCount: Int { series.count * Metric.allCases.count * weeks }

    public func index(series: Int, metric: Metric, week: Int) -> Int {
        (series * Metric.allCases.count + Metric.allCases.firstIndex(of: metric)!) * weeks + week
    }

    /// Runs one replication into `values` (length `valueCount`): the days in order, each as
    /// it happens at the desks.
    public func run(seed: UInt64, replication: UInt64, into values: inout [Float]) {
        var sim = BacklogReplication(model: self, seed: seed, replication: replication)
        for today in 0..<plan.simulatedDays {
            if today % 7 == 0 { sim.drawWeeksDemand(today) }
            sim.returnCancelledSlots(today)
            if plan.isWorkingDay[today] {
                sim.releaseUrgentReserve(today)
                sim.bookRequests(today)
            }
            sim.keepAppointments(today)
            if plan.isWorkingDay[today] {
                let nationalWait = sim.measureWaits(today)
                sim.answerCalls(today, nationalWait: nationalWait)
            }
            if today % 7 == 6 { sim.closeWeek(today, into: &values) }
        }
    }
}
