import LoketConfig
import LoketDomain
import Testing

/// The biometrics reuse rules on their edges: birthdays, the six-month face limit, leap days.
struct BiometricsAssessmentTests {
    let policy = try! BiometricsPolicyFile.loadBundled()

    func assess(
        born: String, applying: String, _ captures: [(BiometricKind, String, BiometricCapture.Quality)] = []
    ) -> BiometricsAssessment {
        BiometricsAssessment(
            policy: policy, dateOfBirth: LocalDate(iso: born)!, applicationDate: LocalDate(iso: applying)!,
            captures: captures.map { BiometricCapture(kind: $0.0, date: LocalDate(iso: $0.1)!, quality: $0.2) })
    }

    @Test func theShippedPolicyCitesItsSources() {
        #expect(policy.version == "2022-06-22")
        #expect(policy.rules[.face]?.maxAgeMonths == 6)
        #expect(policy.rules[.fingerprints]?.requiredFromAge == 6)
        #expect(policy.rules[.fingerprints]?.retakeAtAges == [12, 18])
        #expect(policy.rules.values.allSatisfy { !$0.source.isEmpty })
    }

    @Test(arguments: [
        // face captured on, applying on, reusable?
        ("2022-01-15", "2022-07-15", true), // exactly six months old: still allowed ("at most six months")
        ("2022-01-15", "2022-07-16", false), // a day more
        ("2022-08-31", "2023-02-28", true), // six months after 31 August is the last day of February
        ("2022-08-31", "2023-03-01", false),
        ("2023-08-31", "2024-02-29", true), // … in a leap year the 29th
        ("2023-08-31", "2024-03-01", false),
    ])
    func faceImageAtMostSixMonthsOld(captured: String, applying: String, reusable: Bool) {
        let result = assess(born: "1990-05-05", applying: applying, [(.face, captured, .sufficient)])
        #expect(result.required.contains(.face) == !reusable)
        if reusable {
            #expect(
                result.reusable.first { $0.kind == .face }?.validUntil == LocalDate(iso: captured)!.adding(months: 6))
        } else {
            #expect(result.reasons.contains { $0.kind == .face && $0.code == "too_old" })
        }
    }

    @Test(arguments: [
        // born, fingerprints captured on, applying on, must retake?
        ("2010-03-10", "2022-03-09", "2022-03-10", true), // captured one day before the 12th birthday, applying on it
        ("2010-03-10", "2022-03-10", "2022-04-01", false), // captured on the 12th birthday
        ("2010-03-10", "2022-03-09", "2022-03-09", false), // still 11 on the application date
        ("2004-03-10", "2022-03-09", "2022-06-01", true), // one day before the 18th birthday
        ("2004-03-10", "2022-03-10", "2022-06-01", false), // on the 18th birthday
        ("1990-01-01", "2015-01-01", "2022-06-01", false), // adult capture: no other limit
    ])
    func fingerprintsAgainAtTwelveAndEighteen(born: String, captured: String, applying: String, retake: Bool) {
        let result = assess(
            born: born, applying: applying,
            [
                (.fingerprints, captured, .sufficient), (.face, applying, .sufficient),
                (.signature, captured, .sufficient),
            ])
        #expect(result.required.contains(.fingerprints) == retake)
    }

    @Test func aReusedChildsFingerprintsAreValidUntilTheDayBeforeTheNextRetakeBirthday() {
        let result = assess(
            born: "2012-06-20", applying: "2022-06-01",
            [(.fingerprints, "2021-01-10", .sufficient), (.face, "2022-05-01", .sufficient)])
        #expect(result.reusable.first { $0.kind == .fingerprints }?.validUntil?.iso == "2024-06-19")
        #expect(result.reusable.first { $0.kind == .face }?.validUntil?.iso == "2022-11-01")
        #expect(!result.deskVisitNeeded)
    }

    @Test func aChildOfFiveYearsAnd364DaysGivesNoFingerprints() {
        let result = assess(born: "2016-06-02", applying: "2022-06-01", [(.face, "2022-05-20", .sufficient)])
        #expect(!result.required.contains(.fingerprints))
        #expect(result.reasons.contains { $0.kind == .fingerprints && $0.code == "not_required_below_age" })
        #expect(!result.deskVisitNeeded)
        // On the sixth birthday they are needed.
        #expect(
            assess(born: "2016-06-01", applying: "2022-06-01", [(.face, "2022-05-20", .sufficient)]).required == [
                .fingerprints
            ])
    }

    @Test func someoneBornOn29FebruaryTurnsTwelveOn1MarchInOtherYears() {
        #expect(LocalDate(iso: "2012-02-29")!.anniversary(12).iso == "2024-02-29")
        #expect(LocalDate(iso: "2011-02-28")!.anniversary(1).iso == "2012-02-28")
        #expect(LocalDate(iso: "2008-02-29")!.anniversary(12).iso == "2020-02-29")
        #expect(LocalDate(iso: "2009-02-28")!.age(on: LocalDate(iso: "2021-02-28")!) == 12)
        let born = "2010-02-28" // control: no leap-day shift
        #expect(
            assess(born: born, applying: "2022-02-28", [(.fingerprints, "2022-02-27", .sufficient)]).required.contains(
                .fingerprints))
        // Born 29 February 2004: 18 on 1 March 2022; a capture on 28 February 2022 is a minor's.
        let leapling = assess(born: "2004-02-29", applying: "2022-03-01", [(.fingerprints, "2022-02-28", .sufficient)])
        #expect(leapling.required.contains(.fingerprints))
        #expect(leapling.reasons.contains { $0.code == "retake_at_age_18" })
        let stillSeventeen = assess(
            born: "2004-02-29", applying: "2022-02-28", [(.fingerprints, "2022-02-01", .sufficient)])
        #expect(!stillSeventeen.required.contains(.fingerprints))
    }

    @Test func insufficientQualityIsTakenAgainAndTheNewestCaptureCounts() {
        let poor = assess(born: "1990-01-01", applying: "2022-06-01", [(.fingerprints, "2022-01-01", .insufficient)])
        #expect(poor.required.contains(.fingerprints))
        #expect(poor.reasons.contains { $0.code == "insufficient_quality" && !$0.nl.isEmpty && !$0.en.isEmpty })
        let retaken = assess(
            born: "1990-01-01", applying: "2022-06-01",
            [(.fingerprints, "2022-01-01", .insufficient), (.fingerprints, "2022-03-01", .sufficient)])
        #expect(!retaken.required.contains(.fingerprints))
    }

    /// Whatever the policy says about retaking, an insufficient capture is never the one reused:
    /// without `retakeWhenInsufficient` an older sufficient capture serves, or none does.
    @Test(arguments: [
        // retake when insufficient?, fingerprint captures on file, required?, reused capture
        (true, [("2021-01-01", BiometricCapture.Quality.sufficient), ("2022-01-01", .insufficient)], true, nil),
        (true, [("2022-01-01", .insufficient), ("2022-01-01", .sufficient)], false, "2022-01-01"),
        (false, [("2021-01-01", .sufficient), ("2022-01-01", .insufficient)], false, "2021-01-01"),
        (false, [("2022-01-01", .insufficient)], true, nil),
    ])
    func anInsufficientCaptureIsNeverReused(
        retake: Bool, onFile: [(String, BiometricCapture.Quality)], required: Bool, reused: String?
    ) {
        var rules = policy.rules
        let fingerprints = rules[.fingerprints]!
        rules[.fingerprints] = BiometricsPolicy.Rule(
            requiredFromAge: fingerprints.requiredFromAge, retakeAtAges: fingerprints.retakeAtAges,
            maxAgeMonths: fingerprints.maxAgeMonths, retakeWhenInsufficient: retake, source: fingerprints.source)
        let result = BiometricsAssessment(
            policy: BiometricsPolicy(version: "test", rules: rules), dateOfBirth: LocalDate(iso: "1990-01-01")!,
            applicationDate: LocalDate(iso: "2022-06-01")!,
            captures: onFile.map { BiometricCapture(kind: .fingerprints, date: LocalDate(iso: $0.0)!, quality: $0.1) })
        #expect(result.required.contains(.fingerprints) == required)
        #expect(result.reusable.first { $0.kind == .fingerprints }?.capturedOn.iso == reused)
    }

    @Test func aRecordedSufficientFaceImageIsReused() {
        let result = assess(born: "1990-01-01", applying: "2022-06-01", [(.face, "2022-03-01", .sufficient)])
        #expect(!result.required.contains(.face))
        #expect(result.reusable.first { $0.kind == .face }?.validUntil == LocalDate(iso: "2022-09-01"))
    }

    @Test func nothingOnFileMeansEverythingIsTaken() {
        let result = assess(born: "1990-01-01", applying: "2022-06-01")
        #expect(result.required == [.face, .fingerprints, .signature])
        #expect(result.reasons.allSatisfy { $0.code == "no_capture" })
        #expect(result.policyVersion == "2022-06-22")
    }
}
