import LoketDomain
import LoketSimulation

/// Reading the forecast form: the planner's changes, each field checked and named when wrong.
enum ForecastForm {
    static func number(_ form: [String: String], _ field: String) throws(Refusal) -> Double? {
        guard let text = form[field]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
            throw Refusal.invalid(field, "not_a_number", "Give a number.")
        }
        return value
    }

    static func integer(_ form: [String: String], _ field: String) throws(Refusal) -> Int? {
        guard let value = try number(form, field) else { return nil }
        guard value == value.rounded(), value.magnitude < 1e9 else {
            throw Refusal.invalid(field, "not_a_whole_number", "Give a whole number.")
        }
        return Int(value)
    }

    static func percent(_ form: [String: String], _ field: String) throws(Refusal) -> Double? {
        guard let value = try number(form, field) else { return nil }
        guard (0...100).contains(value) else { throw Refusal.invalid(field, "out_of_range", "From 0 to 100%.") }
        return value / 100
    }

    static func date(_ form: [String: String], _ field: String) throws(Refusal) -> LocalDate? {
        try LocalDate.parse(form[field].flatMap { $0.isEmpty ? nil : $0 }, field: field)
    }

    static func whatIf(_ form: [String: String], network: DeskNetwork) throws(Refusal) -> WhatIf {
        var changes = WhatIf()
        for desk in network.desks {
            if let extra = try number(form, "counters.\(desk.code)"), extra != 0 {
                changes.counters = (changes.counters ?? [:]).merging([desk.code: extra]) { $1 }
            }
            let share = try percent(form, "saturdayShare.\(desk.code)")
            if share != nil, form["saturdayHours.\(desk.code)"]?.isEmpty ?? true {
                throw Refusal.invalid("saturdayHours.\(desk.code)", "required", "Give the hours open on Saturday.")
            }
            if let hours = try number(form, "saturdayHours.\(desk.code)") {
                let share = share ?? 0.5
                changes.saturdays = (changes.saturdays ?? [:]).merging([
                    desk.code: .init(hours: hours, counterShare: share)
                ]) {
                    $1
                }
            }
        }
        if let perMonth = try integer(form, "hiresPerMonth"), perMonth > 0 {
            changes.hiring = WhatIf.Hiring(
                perMonth: perMonth, months: try integer(form, "hiringMonths") ?? 6,
                recruitmentDelayWeeks: try integer(form, "recruitmentDelayWeeks") ?? 10,
                trainingWeeks: try integer(form, "trainingWeeks") ?? 8,
                trainingProductivity: try percent(form, "trainingProductivity") ?? 0.5,
                maxInTrainingPerDesk: try integer(form, "maxInTrainingPerDesk") ?? 3)
        }
        changes.courierShare = try percent(form, "courierShare")
        changes.biometricsReuseShare = try percent(form, "biometricsReuse")
        if let desk = form["closeDesk"], !desk.isEmpty {
            guard let date = try Self.date(form, "closeDate") else {
                throw Refusal.invalid("closeDate", "required", "Give the day the desk closes.")
            }
            changes.closure = WhatIf.Closure(
                desk: desk, date: date, to: form["closeTo"] ?? "", countersMoved: try percent(form, "closeMoved") ?? 0.8
            )
        }
        if try number(form, "shockPercent") == nil,
            !(form["shockFrom"] ?? "").isEmpty || !(form["shockUntil"] ?? "").isEmpty
        {
            throw Refusal.invalid("shockPercent", "required", "Give the demand as a % of normal.")
        }
        if let factor = try number(form, "shockPercent") {
            guard let from = try Self.date(form, "shockFrom"), let until = try Self.date(form, "shockUntil") else {
                throw Refusal.invalid(
                    "shockFrom", "required", "Give the first and last day of the change in demand.")
            }
            changes.shock = WhatIf.Shock(
                factor: factor / 100, from: from, until: until,
                product: form["shockProduct"].flatMap { $0.isEmpty ? nil : $0 })
        }
        let calls = try number(form, "phoneCalls")
        let agents = try integer(form, "phoneAgents")
        if (calls == nil) != (agents == nil) {
            throw Refusal.invalid(
                calls == nil ? "phoneCalls" : "phoneAgents", "required", "Give both the calls and the agents.")
        }
        if let calls, let agents {
            let source = (form["phoneSource"] ?? "").trimmingCharacters(in: .whitespaces)
            guard source.count <= 200 else {
                throw Refusal.invalid(
                    "phoneSource", "too_long", "Say where the relation comes from in 200 characters.")
            }
            changes.informationLine = WhatIf.InformationLine(
                callsPerWorkingDay: calls, callsPerWaitingDay: try number(form, "phonePerWaitingDay") ?? 0,
                source: source.isEmpty ? "entered on the forecast page" : source, agents: agents,
                openHoursPerDay: try number(form, "phoneHours") ?? 9,
                meanCallMinutes: try number(form, "phoneCallMinutes") ?? 6,
                meanPatienceSeconds: try number(form, "phonePatience") ?? 600,
                retrialShare: try percent(form, "phoneRedials") ?? 0.5)
        }
        return changes
    }
}
