import LoketConfig
import LoketDomain

/// A small desk network for tests: one desk with a 2-counter BIO pool, a 1-counter
/// DOC pool on weekdays, Saturday BIO from 2022-01-08, and a desk that closes. Every test
/// client is 127.0.0.1, so the per-client limits are off unless a test sets them.
public enum TestNetwork {
    public static let yaml = """
        slotMinutes: 10
        bookingHorizonDays: 60
        holdMinutes: 15
        fairAccess: {limits: {enabled: false}}
        holidays: {liberationDay: lustrum, goodFriday: false}
        products:
          - {key: BIO, nameNL: Biometrie, nameEN: Biometrics, minutesPerPerson: 10}
          - {key: DOC, nameNL: Document ophalen, nameEN: Collect document, minutesPerPerson: 5}
        desks:
          - code: TS
            name: Testloket
            address: Teststraat 1
            city: Den Haag
            products: [BIO, DOC]
            openingHours:
              - hours: {monday: "09:00-17:00", tuesday: "09:00-17:00", wednesday: "09:00-17:00", thursday: "09:00-17:00", friday: "09:00-17:00"}
              - validFrom: 2021-12-01
                hours: {monday: "08:00-20:00", tuesday: "08:00-20:00", wednesday: "08:00-20:00", thursday: "08:00-20:00", friday: "08:00-20:00"}
              - validFrom: 2022-01-08
                hours: {monday: "08:00-20:00", tuesday: "08:00-20:00", wednesday: "08:00-20:00", thursday: "08:00-20:00", friday: "08:00-20:00", saturday: "09:00-13:00"}
            closures:
              - {from: 2022-07-11, until: 2022-07-12, reason: Verbouwing}
            roster:
              - {id: bio, products: [BIO], days: [monday, tuesday, wednesday, thursday, friday, saturday], hours: "08:00-20:00", counters: 2}
              - {id: doc, products: [DOC], days: [monday, tuesday, wednesday, thursday, friday], hours: "09:00-12:00", counters: 1}
          - code: OLD
            name: Oud loket
            address: Oudestraat 1
            city: Rotterdam
            products: [BIO]
            closedFrom: 2022-05-25
            successor: TS
            openingHours:
              - hours: {monday: "09:00-17:00", tuesday: "09:00-17:00", wednesday: "09:00-17:00", thursday: "09:00-17:00", friday: "09:00-17:00"}
            roster:
              - {id: bio, products: [BIO], days: [monday, tuesday, wednesday, thursday, friday], hours: "09:00-17:00", counters: 1}
        """

    public static let network: DeskNetwork = try! DeskNetworkFile.parse(yaml)
}

extension TestNetwork {
    /// One desk with a single 10-minute slot on weekdays and `counters` counters: a race for
    /// exactly `counters` units.
    /// `limits` is the `fairAccess.limits` of the file, off when not given.
    public static func single(
        counters: Int, horizonDays: Int = 60, urgentShare: Double? = nil, limits: String = "{enabled: false}",
        draws: String = "{}", invitationRequired: Bool = false
    ) -> DeskNetwork {
        try! DeskNetworkFile.parse(
            """
            slotMinutes: 10
            bookingHorizonDays: \(horizonDays)
            fairAccess: {limits: \(limits), draws: \(draws)}
            \(urgentShare.map { "urgent: {share: \($0), releaseWorkingDaysAhead: 2}" } ?? "")
            holdMinutes: 15
            holidays: {liberationDay: lustrum, goodFriday: false}
            products:
              - {key: BIO, nameNL: Biometrie, nameEN: Biometrics, minutesPerPerson: 10, invitationRequired: \(invitationRequired)}
            desks:
              - code: RACE
                name: Raceloket
                address: Renbaan 1
                city: Zandvoort
                products: [BIO]
                openingHours:
                  - hours: {monday: "09:00-09:30", tuesday: "09:00-09:30", wednesday: "09:00-09:30", thursday: "09:00-09:30", friday: "09:00-09:30"}
                roster:
                  - {id: one, products: [BIO], days: [monday, tuesday, wednesday, thursday, friday], hours: "09:00-09:30", counters: \(counters)}
            """)
    }
}
