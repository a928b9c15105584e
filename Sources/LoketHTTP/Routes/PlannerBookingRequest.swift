import Foundation
import LoketDomain

/// The body the old planner's clients send to book (`POST /oap/api/desks/{desk}/appointments/`):
/// the slot as they saw it and the appointment with every person. The first person is the contact
/// (the email, phone and language are theirs), the others come along as companions. A BSN is
/// accepted because clients send one, and dropped: Loket does not keep it.
struct PlannerBookingRequest: Decodable {
    struct BookableSlot: Decodable {
        let key: String?
        let date: String?
        let startTime: String?
        let endTime: String?
        let parts: Int?
        let booked: Bool?
        /// Echoed from the reserve answer by clients that send it back whole (PlannerReservation).
        let holdId: String?
        let holdToken: String?
    }

    struct Appointment: Decodable {
        let productKey: String?
        let date: String?
        let startTime: String?
        let endTime: String?
        let email: String?
        let phone: String?
        let language: String?
        let customers: [Person]?
    }

    struct Person: Decodable {
        let vNumber: String?
        let bsn: String?
        let firstName: String?
        let lastName: String?

        var name: String { [firstName, lastName].compactMap { $0 }.joined(separator: " ") }
    }

    let bookableSlot: BookableSlot?
    let appointment: Appointment?

    /// The persons as one customer with companions; refusals name the planner's own fields.
    func customer() throws(Refusal) -> Customer {
        guard let people = appointment?.customers, let contact = people.first else {
            throw .invalid("appointment.customers", "required", "Name at least one person.")
        }
        guard people.count <= 6 else {
            throw .invalid("appointment.customers", "out_of_range", "An appointment is for 1 to 6 persons.")
        }
        // Each person's own fields as the planner requires them: both names, and the V-number.
        for (index, person) in people.enumerated() {
            let field = "appointment.customers[\(index)]."
            for (name, value) in [("firstName", person.firstName), ("lastName", person.lastName)] {
                guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw .invalid(field + name, "required", "Give each person's first and last name.")
                }
                guard value.unicodeScalars.count <= 99 else {
                    throw .invalid(field + name, "too_long", "A name may be at most 99 characters.")
                }
            }
            guard let vNumber = person.vNumber, !vNumber.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalid(field + "vNumber", "required", "Give each person's V-number (10 digits).")
            }
        }
        do {
            let request = CustomerRequest(
                name: contact.name, email: appointment?.email, phone: appointment?.phone, vNumber: contact.vNumber,
                dateOfBirth: nil, bsn: nil, language: appointment?.language?.lowercased(),
                companions: people.dropFirst().map { .init(name: $0.name, vNumber: $0.vNumber, dateOfBirth: nil) })
            return try request.validated()
        } catch {
            throw Self.plannerField(error)
        }
    }

    /// Fields of a hold or confirmation, as the planner's booking names them.
    static let bookingFields = [
        "product": "appointment.productKey", "persons": "appointment.customers", "slot": "bookableSlot.key",
        "hold": "bookableSlot.holdId", "id": "bookableSlot.holdId", "holdToken": "bookableSlot.holdToken",
    ]

    /// The same refusal, naming the field as the planner's body has it.
    static func plannerField(_ error: Refusal) -> Refusal {
        let field = error.field
        let renamed: String
        if error.code == "already_booked" || field == "customer.companions" {
            renamed = "appointment.customers"
        } else if field.hasPrefix("customer.companions[") {
            // customer.companions[i].vNumber is the person after the contact, customers[i + 1].
            let rest = field.dropFirst("customer.companions[".count)
            let index = Int(rest.prefix { $0.isNumber }) ?? 0
            let tail = rest.drop { $0 != "]" }.dropFirst()
            renamed = "appointment.customers[\(index + 1)]" + (tail == ".name" ? ".lastName" : String(tail))
        } else if field == "customer.name" {
            renamed = "appointment.customers[0].lastName"
        } else if field == "customer.vNumber" {
            renamed = "appointment.customers[0].vNumber"
        } else if let planner = Self.bookingFields[field] {
            renamed = planner
        } else if field.hasPrefix("customer.") {
            renamed = "appointment." + field.dropFirst("customer.".count)
        } else {
            renamed = field
        }
        return Refusal(error.kind, field: renamed, code: error.code, error.message, retryAfter: error.retryAfter)
    }
}
