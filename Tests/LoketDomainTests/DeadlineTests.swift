import Foundation
import LoketDomain
import Testing

/// A draw that closes at midnight closes at the end of the day before, in every language.
@Suite struct DeadlineTests {
    // Thursday 2 June 2022, 00:00 in Amsterdam.
    static let midnight = Date(timeIntervalSince1970: 1_654_120_800)

    @Test(arguments: [
        (Customer.Language.en, "Wednesday 1 June 2022, until the end of the day (midnight)"),
        (.nl, "woensdag 1 juni 2022, tot het einde van de dag (24:00 uur)"),
        (.uk, "середа, 1 червня 2022, до кінця дня (24:00)"),
        (.ar, "الأربعاء 1 يونيو 2022، حتى نهاية اليوم (منتصف الليل)"),
    ])
    func aMidnightDeadlineIsTheEndOfTheDayBefore(language: Customer.Language, expected: String) {
        #expect(DateWording.deadline(Self.midnight, language) == expected)
    }

    @Test func anotherDeadlineIsItsMoment() {
        let ten = Self.midnight.addingTimeInterval(36_000)
        #expect(DateWording.deadline(ten, .en) == "Thursday 2 June 2022 at 10:00")
        #expect(DateWording.deadline(ten, .nl) == "donderdag 2 juni 2022 om 10:00 uur")
    }
}
