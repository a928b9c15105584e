/// What the clerk checks before a document leaves the desk (uitreiking): it lies at this desk,
/// and the V-number and date of birth read off the collector's ID are the ones the case system
/// sent. A refusal names the field, so the clerk knows what to look at again.
public struct HandoverCheck: Sendable, Hashable {
    /// The desk where the clerk stands.
    public let desk: String
    public let vNumber: String
    public let dateOfBirth: LocalDate

    public init(desk: String, vNumber: String, dateOfBirth: LocalDate) {
        self.desk = desk
        self.vNumber = vNumber
        self.dateOfBirth = dateOfBirth
    }

    /// Checks what the clerk typed, field by field; the first problem is thrown.
    public static func checked(desk: String, vNumber: String?, dateOfBirth: String?) throws(Refusal) -> Self {
        let vNumber = (vNumber ?? "").trimmingWhitespace
        guard !vNumber.isEmpty else { throw .invalid("vNumber", "required", "Type the V-number from the ID.") }
        guard Customer.isValidVNumber(vNumber) else {
            throw .invalid("vNumber", "invalid", "A V-number has exactly 10 digits.")
        }
        guard let birth = try LocalDate.parse(dateOfBirth?.trimmingWhitespace.nilIfEmpty, field: "dateOfBirth") else {
            throw .invalid("dateOfBirth", "required", "Type the date of birth from the ID, YYYY-MM-DD.")
        }
        return Self(desk: desk, vNumber: vNumber, dateOfBirth: birth)
    }

    /// Refuses unless `document` lies at this desk and its record has this V-number and date of
    /// birth. A record already erased matches nothing.
    public func verify(
        _ document: Document, recordedVNumber: String?, recordedDateOfBirth: LocalDate?
    ) throws(Refusal) {
        guard document.desk == desk else { throw Self.otherDesk(document.desk) }
        switch mismatches(recordedVNumber: recordedVNumber, recordedDateOfBirth: recordedDateOfBirth).first {
        case "vNumber":
            throw .invalid("vNumber", "holder_mismatch", "This is not the V-number of the document's holder.")
        case "dateOfBirth":
            throw .invalid(
                "dateOfBirth", "holder_mismatch", "This is not the date of birth of the document's holder.")
        default: return
        }
    }

    /// The fields typed that are not the record's, in the order of the form: none when the
    /// collector is the holder. A desk manager's override hands over despite them (a parent
    /// collecting a child's card), and the audit log names them.
    public func mismatches(recordedVNumber: String?, recordedDateOfBirth: LocalDate?) -> [String] {
        (recordedVNumber == vNumber ? [] : ["vNumber"]) + (recordedDateOfBirth == dateOfBirth ? [] : ["dateOfBirth"])
    }

    /// The refusal for a document that lies at another desk, naming the field the clerk typed it in.
    public static func otherDesk(_ desk: String, field: String = "document") -> Refusal {
        Refusal(
            .conflict, field: field, code: "other_desk",
            "This document lies at desk \(desk); it is handed over there.")
    }
}
