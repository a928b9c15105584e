/// What one replication adds up during a week before it reports it: per cell the waits measured
/// on working days, the appointments kept, the capacity, the urgent reserve used and released
/// and the expected demand; per working day the information line's figures (the agents it
/// needs once a week, for the week's mean day). Closing the week
/// writes the weekly means per cell, their national aggregate per product (waits weighted by
/// demand) and the line's, and starts again from zero.
struct WeekTally {
    var waitFirst: [Double]
    var waitThird: [Double]
    var served: [Double]
    var capacity: [Double]
    var urgentUsed: [Double]
    var urgentReleased: [Double]
    var demand: [Double]
    /// Working days measured this week.
    var measuredDays = 0
    var phoneCalls = 0.0
    var phoneAnswered = 0.0
    var phoneAbandoned = 0.0
    var phoneWait = 0.0
    var phoneLevel = 0.0
    /// Fresh calls (before redials), for the agents the week's mean day needs.
    var phoneFreshCalls = 0.0

    init(cells: Int) {
        waitFirst = [Double](repeating: 0, count: cells)
        waitThird = waitFirst
        served = waitFirst
        capacity = waitFirst
        urgentUsed = waitFirst
        urgentReleased = waitFirst
        demand = waitFirst
    }

    /// One product's national figures for the week, summed over its cells.
    private struct National {
        var wait1 = 0.0, wait3 = 0.0, weight = 0.0, backlog = 0.0, served = 0.0, capacity = 0.0, used = 0.0,
            released = 0.0
    }

    /// Writes week `week` into `values`, given each cell's `backlog` at the end of it, and resets.
    mutating func close(week: Int, backlog: [Int], model: BacklogModel, into values: inout [Float]) {
        let plan = model.plan
        let days = Double(max(1, measuredDays))
        var national = [National](repeating: National(), count: plan.products.count)
        for (c, cell) in plan.cells.enumerated() {
            let utilisation = capacity[c] > 0 ? served[c] / capacity[c] : 0
            let row: [(Metric, Double)] = [
                (.waitFirstSlot, waitFirst[c] / days), (.waitThirdSlot, waitThird[c] / days),
                (.backlog, Double(backlog[c])), (.utilisation, utilisation),
                (.urgentUsed, urgentUsed[c]), (.urgentReleased, urgentReleased[c]),
            ]
            for (metric, value) in row { values[model.index(series: c, metric: metric, week: week)] = Float(value) }
            let p = plan.products.firstIndex(of: cell.product)!
            // A desk closed this week reports no wait, and weighs nothing in the national one.
            if !waitFirst[c].isNaN {
                national[p].wait1 += waitFirst[c] / days * demand[c]
                national[p].wait3 += waitThird[c] / days * demand[c]
                national[p].weight += demand[c]
            }
            national[p].backlog += Double(backlog[c])
            national[p].served += served[c]
            national[p].capacity += capacity[c]
            national[p].used += urgentUsed[c]
            national[p].released += urgentReleased[c]
        }
        for (p, n) in national.enumerated() {
            let s = plan.cells.count + p
            let row: [(Metric, Double)] = [
                (.waitFirstSlot, n.weight > 0 ? n.wait1 / n.weight : 0),
                (.waitThirdSlot, n.weight > 0 ? n.wait3 / n.weight : 0),
                (.backlog, n.backlog), (.utilisation, n.capacity > 0 ? n.served / n.capacity : 0),
                (.urgentUsed, n.used), (.urgentReleased, n.released),
            ]
            for (metric, value) in row { values[model.index(series: s, metric: metric, week: week)] = Float(value) }
        }
        if let line = plan.scenario.informationLine {
            let s = model.series.count - 1
            let agentsNeeded = InformationLineDay.agentsNeeded(line, freshCalls: phoneFreshCalls / days)
            let row: [(Metric, Double)] = [
                (.callsPerDay, phoneCalls), (.answeredShare, phoneAnswered), (.abandonedShare, phoneAbandoned),
                (.answerWaitMinutes, phoneWait), (.serviceLevel, phoneLevel),
                (.agentsNeeded, Double(agentsNeeded) * days),
            ]
            for (metric, value) in row {
                values[model.index(series: s, metric: metric, week: week)] = Float(value / days)
            }
        }
        self = WeekTally(cells: plan.cells.count)
    }
}
