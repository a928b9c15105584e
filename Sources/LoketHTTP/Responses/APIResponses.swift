import Foundation
import LoketDomain

/// The JSON shapes of the `/api/v1` resources. Kept apart from the domain types so that the
/// API can stay stable while the domain changes.
struct DeskResponse: Encodable {
    struct Hours: Encodable {
        let validFrom: LocalDate?
        let validUntil: LocalDate?
        let hours: [String: String]
    }

    let code: String
    let name: String
    let kind: String
    let address: String
    let city: String
    let timeZone: String
    let products: [String]
    let openingHours: [Hours]
    let closures: [Closure]
    let closedFrom: LocalDate?
    let successor: String?
    let open: Bool

    init(_ desk: Desk, today: LocalDate) {
        code = desk.code
        name = desk.name
        kind = desk.kind.rawValue
        address = desk.address
        city = desk.city
        timeZone = desk.timeZone
        products = desk.products
        openingHours = desk.openingHours.map { period in
            Hours(
                validFrom: period.validFrom, validUntil: period.validUntil,
                hours: Dictionary(uniqueKeysWithValues: period.hours.map { ($0.key.rawValue, $0.value.text) }))
        }
        closures = desk.closures
        closedFrom = desk.closedFrom
        successor = desk.successor
        open = !desk.isClosedForGood(on: today)
    }
}

struct ProductResponse: Encodable {
    let key: String
    let nameNL: String
    let nameEN: String
    let minutesPerPerson: Int
    let desks: [String]
}

struct SlotResponse: Encodable {
    let key: String
    let date: LocalDate
    let startTime: LocalTime
    let endTime: LocalTime
    let parts: Int
    let capacity: Int
    let available: Int

    init(_ slot: Slot) {
        key = slot.key.description
        date = slot.date
        startTime = slot.start
        endTime = slot.end
        parts = slot.parts
        capacity = slot.capacity
        available = slot.available
    }
}

struct SlotListResponse: Encodable {
    let desk: String
    let product: String
    let persons: Int
    let from: LocalDate
    let to: LocalDate
    let slots: [SlotResponse]
}

struct HoldResponse: Codable {
    let id: String
    let desk: String
    let product: String
    let persons: Int
    let slot: String
    let date: LocalDate
    let startTime: LocalTime
    let endTime: LocalTime
    let expiresAt: Date
    let state: String
    /// The secret that confirms the hold, given once, to its maker.
    let token: String?

    init(_ receipt: HoldReceipt) {
        self.init(receipt.hold, token: receipt.token)
    }

    init(_ hold: Hold, token: String? = nil) {
        self.token = token
        id = hold.id
        desk = hold.desk
        product = hold.product
        persons = hold.persons
        slot = hold.slot
        date = hold.date
        startTime = hold.startTime
        endTime = hold.endTime
        expiresAt = hold.expiresAt
        state = hold.state.rawValue
    }
}

struct AppointmentResponse: Encodable {
    let id: String
    /// Present only in the answer to the confirmation: the customer's key to the appointment.
    let manageToken: String?
    let desk: String
    let product: String
    let persons: Int
    let slot: String
    let date: LocalDate
    let startTime: LocalTime
    let endTime: LocalTime
    let state: String
    let language: String
    let code: String?
    let assistance: Bool

    init(_ appointment: Appointment, manageToken: String? = nil) {
        id = appointment.id
        self.manageToken = manageToken
        desk = appointment.desk
        product = appointment.product
        persons = appointment.persons
        slot = appointment.slot
        date = appointment.date
        startTime = appointment.startTime
        endTime = appointment.endTime
        state = appointment.state.rawValue
        language = appointment.language.rawValue
        code = appointment.code
        assistance = appointment.assistance
    }
}

struct ErrorResponse: Encodable {
    struct Detail: Encodable {
        let field: String
        let code: String
        let message: String
    }

    let error: Detail
}

// MARK: Request bodies: every field optional, so that a missing one is reported by name.

struct HoldRequest: Decodable {
    let desk: String?
    let product: String?
    let persons: Int?
    let slot: String?
    let assistance: Bool?
}

struct CustomerRequest: Decodable {
    let name: String?
    let email: String?
    let phone: String?
    let vNumber: String?
    /// `YYYY-MM-DD`; checked with the V-number against the invitation, for products that need one.
    let dateOfBirth: String?
    let bsn: String?
    let language: String?
    /// The other persons of a group booking.
    let companions: [CompanionRequest]?

    struct CompanionRequest: Decodable {
        let name: String?
        let vNumber: String?
        let dateOfBirth: String?
    }

    func validated() throws(Refusal) -> Customer {
        var customer = try Customer.validated(
            name: name, email: email, phone: phone, vNumber: vNumber, dateOfBirth: dateOfBirth, bsn: bsn,
            language: language)
        for (index, companion) in (companions ?? []).enumerated() {
            switch Companion.checked(
                name: companion.name, vNumber: companion.vNumber, dateOfBirth: companion.dateOfBirth,
                prefix: "customer.companions[\(index)].")
            {
            case .success(let valid): customer.companions.append(valid)
            case .failure(let problems): throw problems.errors[0]
            }
        }
        return customer
    }
}

struct AppointmentRequest: Decodable {
    let hold: String?
    let holdToken: String?
    let customer: CustomerRequest?
}

struct RescheduleRequest: Decodable {
    let hold: String?
    let holdToken: String?
}
