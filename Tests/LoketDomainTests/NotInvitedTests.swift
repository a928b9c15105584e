import LoketDomain
import Testing

/// A refusal of people without an invitation carries the V-numbers whose date of birth was wrong
/// (to count them), but never tells them: a span records an error by its description.
@Suite struct NotInvitedTests {
    @Test func itDescribesItselfWithoutTheVNumbers() {
        let refusal = NotInvited(field: "customer.companions[0].vNumber", wrongBirthDates: ["1234567890"])
        for text in [String(describing: refusal), String(reflecting: refusal), "\(refusal)"] {
            #expect(!text.contains("1234567890"))
            #expect(text.contains("customer.companions[0].vNumber"))
        }
    }
}
