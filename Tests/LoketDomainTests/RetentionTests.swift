import Foundation
import LoketConfig
import LoketDomain
import LoketTestSupport
import Testing

/// Where the purge draws its lines, and where the retention is set.
struct RetentionTests {
    @Test(arguments: [
        // now (Amsterdam), days, appointments on or before, cancelled before (Amsterdam)
        ("2022-09-15 10:00", 90, "2022-06-17", "2022-06-17 10:00"),
        ("2022-09-15 00:30", 90, "2022-06-17", "2022-06-17 00:30"),
        ("2022-03-01 12:00", 1, "2022-02-28", "2022-02-28 12:00"),
        // Across the change to summer time the instant is exactly the days of 24 hours ago.
        ("2022-04-01 12:00", 7, "2022-03-25", "2022-03-25 11:00"),
    ])
    func cutoffs(now: String, days: Int, onOrBefore: String, cancelledBefore: String) {
        let cut = Retention(personalDataDays: days).cutoffs(now: Self.instant(now), timeZone: DeskTime.amsterdam)
        #expect(cut.today == LocalDate(iso: String(now.prefix(10)))!)
        #expect(cut.appointmentsOnOrBefore == LocalDate(iso: onOrBefore)!)
        #expect(cut.cancelledBefore == Self.instant(cancelledBefore))
        #expect(cut.holdsEndedBefore == Self.instant(now).addingTimeInterval(-86_400))
        #expect(cut.messagesDoneBefore == Self.instant(now).addingTimeInterval(-30 * 86_400))
    }

    static func instant(_ text: String) -> Date {
        let parts = text.split(separator: " ").map(String.init)
        return DeskTime(date: LocalDate(iso: parts[0])!, time: LocalTime(text: parts[1])!).instant(
            in: DeskTime.amsterdam)
    }

    @Test func theNetworkFileSetsIt() throws {
        #expect(try DeskNetworkFile.loadBundled().dataRetention.days == 90)
        #expect(TestNetwork.network.dataRetention.days == 90, "left out, 90 days")
        let longer = try DeskNetworkFile.parse(TestNetwork.yaml + "\nretention: {personalDataDays: 180}")
        #expect(longer.dataRetention.days == 180)
        #expect(throws: DeskNetworkFile.Invalid.self) {
            try DeskNetworkFile.parse(TestNetwork.yaml + "\nretention: {personalDataDays: 0}")
        }
    }
}
