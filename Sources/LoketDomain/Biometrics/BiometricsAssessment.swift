/// Whether someone must come to a desk for a new residence document, and why: what must be
/// captured, what can be reused and until when. Decided before they book, so that nobody
/// queues for a capture the service already has (Q1–2 of the source document).
public struct BiometricsAssessment: Sendable, Hashable, Codable {
    public struct Reuse: Sendable, Hashable, Codable {
        public let kind: BiometricKind
        public let capturedOn: LocalDate
        /// The last application date on which this capture may still be reused; nil for no limit.
        public let validUntil: LocalDate?
    }

    public struct Reason: Sendable, Hashable, Codable {
        public let kind: BiometricKind
        /// Stable code, e.g. `face_too_old`.
        public let code: String
        public let nl: String
        public let en: String
    }

    public let required: [BiometricKind]
    public let reusable: [Reuse]
    public let reasons: [Reason]
    public let policyVersion: String

    /// Whether a desk visit (a BIO appointment) is needed at all.
    public var deskVisitNeeded: Bool { !required.isEmpty }

    /// Assesses an application on `applicationDate` by someone born on `dateOfBirth`, given the
    /// captures the service already holds (the newest sufficient one of each kind counts).
    public init(
        policy: BiometricsPolicy, dateOfBirth: LocalDate, applicationDate: LocalDate, captures: [BiometricCapture]
    ) {
        var required: [BiometricKind] = []
        var reusable: [Reuse] = []
        var reasons: [Reason] = []
        for kind in BiometricKind.allCases {
            guard let rule = policy.rules[kind] else { continue }
            let known = captures.filter { $0.kind == kind && $0.date <= applicationDate }
            switch Self.outcome(
                kind, rule: rule, dateOfBirth: dateOfBirth, applicationDate: applicationDate, captures: known)
            {
            case .notRequired(let reason):
                reasons.append(reason)
            case .required(let reason):
                required.append(kind)
                reasons.append(reason)
            case .reusable(let reuse, let reason):
                reusable.append(reuse)
                reasons.append(reason)
            }
        }
        self.required = required
        self.reusable = reusable
        self.reasons = reasons
        self.policyVersion = policy.version
    }

    /// What the rule for one kind decides, always with the reason why.
    enum Outcome {
        /// Too young for it to be taken.
        case notRequired(Reason)
        case required(Reason)
        case reusable(Reuse, Reason)
    }

    /// Decides one kind by its rule, given the captures of that kind taken by `applicationDate`.
    static func outcome(
        _ kind: BiometricKind, rule: BiometricsPolicy.Rule, dateOfBirth: LocalDate, applicationDate: LocalDate,
        captures known: [BiometricCapture]
    ) -> Outcome {
        func need(_ code: String, _ nl: String, _ en: String) -> Outcome {
            .required(Reason(kind: kind, code: code, nl: nl, en: en))
        }
        let name = kind.names
        if dateOfBirth.age(on: applicationDate) < rule.requiredFromAge {
            return .notRequired(
                Reason(
                    kind: kind, code: "not_required_below_age",
                    nl: "\(name.nl.capitalisedFirst) worden pas vanaf \(rule.requiredFromAge) jaar afgenomen.",
                    en: "\(name.en.capitalisedFirst) are only taken from the age of \(rule.requiredFromAge)."))
        }
        // An insufficient capture is never reused. When it is the newest of its kind (a
        // sufficient one of the same day counts as the retake), the policy says whether it
        // must be taken again or an older sufficient capture may still serve.
        let latest = known.filter { $0.quality == .sufficient }.max { $0.date < $1.date }
        let newestInsufficient = known.filter { $0.quality == .insufficient }.max { $0.date < $1.date }
        if rule.retakeWhenInsufficient, let poor = newestInsufficient, latest.map({ $0.date < poor.date }) ?? true {
            return need(
                "insufficient_quality", "De kwaliteit van de vorige \(name.nlSingular) was onvoldoende.",
                "The quality of your last \(name.enSingular) was not good enough.")
        }
        guard let latest else {
            return need(
                "no_capture", "Er is nog geen \(name.nlSingular) van u.", "We do not have your \(name.enSingular) yet.")
        }
        if let threshold = rule.retakeAtAges.sorted().last(where: { dateOfBirth.anniversary($0) <= applicationDate }),
            latest.date < dateOfBirth.anniversary(threshold)
        {
            return need(
                "retake_at_age_\(threshold)", "Vanaf \(threshold) jaar worden \(name.nl) opnieuw afgenomen.",
                "\(name.en.capitalisedFirst) are taken again from the age of \(threshold).")
        }
        if let months = rule.maxAgeMonths, applicationDate > latest.date.adding(months: months) {
            return need(
                "too_old", "Uw \(name.nlSingular) is ouder dan \(months) maanden.",
                "Your \(name.enSingular) is more than \(months) months old.")
        }
        let validUntil = reuseEnds(latest, rule: rule, dateOfBirth: dateOfBirth, applicationDate: applicationDate)
        return .reusable(
            Reuse(kind: kind, capturedOn: latest.date, validUntil: validUntil),
            Reason(
                kind: kind, code: "reusable",
                nl: "Uw \(name.nlSingular) van \(latest.date.iso) kan opnieuw worden gebruikt"
                    + (validUntil.map { " tot en met \($0.iso)." } ?? "."),
                en: "Your \(name.enSingular) of \(latest.date.iso) can be used again"
                    + (validUntil.map { " until \($0.iso)." } ?? ".")))
    }

    /// The last application date on which `capture` may be reused: its maximum age, or the day
    /// before the next birthday at which it must be taken again, whichever comes first; nil for
    /// no limit.
    static func reuseEnds(
        _ capture: BiometricCapture, rule: BiometricsPolicy.Rule, dateOfBirth: LocalDate, applicationDate: LocalDate
    ) -> LocalDate? {
        var validUntil = rule.maxAgeMonths.map { capture.date.adding(months: $0) }
        if let next = rule.retakeAtAges.sorted().first(where: { dateOfBirth.anniversary($0) > applicationDate }),
            capture.date < dateOfBirth.anniversary(next)
        {
            let lastDay = dateOfBirth.anniversary(next).adding(days: -1)
            validUntil = validUntil.map { min($0, lastDay) } ?? lastDay
        }
        return validUntil
    }
}

extension BiometricKind {
    var names: (nl: String, nlSingular: String, en: String, enSingular: String) {
        switch self {
        case .face: ("gezichtsopnamen", "gezichtsopname", "facial images", "facial image")
        case .fingerprints: ("vingerafdrukken", "vingerafdrukken", "fingerprints", "fingerprints")
        case .signature: ("handtekeningen", "handtekening", "signatures", "signature")
        }
    }
}

extension String {
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
