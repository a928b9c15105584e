import Foundation
import LoketDomain
import Testing

/// What the clerk types from the ID before handing a card over, checked against the card's
/// record: the table of inputs first, then the field each refusal names.
struct HandoverCheckTests {
    static let card = DocumentLifecycleTests.document(.pickupBooked) // at desk DH
    static let vNumber = "1234567890"
    static let born = LocalDate(iso: "1990-12-10")!

    /// (desk, V-number, date of birth typed) → the refused field and code, or nil when handed over.
    static let cases: [(String, String?, String?, String?)] = [
        ("DH", "1234567890", "1990-12-10", nil),
        ("DH", " 1234567890 ", "1990-12-10", nil),
        ("DH", "", "1990-12-10", "vNumber required"),
        ("DH", "12345", "1990-12-10", "vNumber invalid"),
        ("DH", "1234567890", nil, "dateOfBirth required"),
        ("DH", "1234567890", "10-12-1990", "dateOfBirth invalid_date"),
        ("DH", "1234567891", "1990-12-10", "vNumber holder_mismatch"),
        ("DH", "1234567890", "1990-12-11", "dateOfBirth holder_mismatch"),
        ("AM", "1234567890", "1990-12-10", "document other_desk"),
    ]

    @Test(arguments: cases)
    func theIDMustShowTheHoldersDetailsAtTheCardsDesk(
        desk: String, vNumber: String?, dateOfBirth: String?, refused: String?
    ) {
        do throws(Refusal) {
            let check = try HandoverCheck.checked(desk: desk, vNumber: vNumber, dateOfBirth: dateOfBirth)
            try check.verify(Self.card, recordedVNumber: Self.vNumber, recordedDateOfBirth: Self.born)
            #expect(refused == nil)
        } catch {
            #expect("\(error.field) \(error.code)" == refused)
        }
    }

    @Test func anErasedRecordMatchesNobody() throws {
        let check = try HandoverCheck.checked(desk: "DH", vNumber: Self.vNumber, dateOfBirth: "1990-12-10")
        #expect(throws: Refusal.self) {
            try check.verify(Self.card, recordedVNumber: nil, recordedDateOfBirth: nil)
        }
    }
}
