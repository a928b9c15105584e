import Foundation
import Logging
import LoketDomain
import SQLKit

/// The rows the document queries decode.
extension DocumentStore {
    struct DocumentRow: Decodable {
        let id: String, kind: String, vNumber: String?, holderName: String?, holderEmail: String?, language: String
        let dateOfBirth: String?, desk: String, readyOn: String, status: String, pickupAppointmentId: String?
        let deliveryId: String?, handedOverAt: Int?, revision: Int

        /// The document with its holder (absent once purged), and `delivery` read apart.
        func stored(delivery: Delivery?) -> Stored {
            let holder: Document.Holder? =
                if let name = holderName, let email = holderEmail, let born = dateOfBirth.flatMap(LocalDate.init(iso:))
                {
                    Document.Holder(
                        name: name, email: email, language: Customer.Language(rawValue: language) ?? .en,
                        dateOfBirth: born)
                } else { nil }
            return Stored(
                document: Document(
                    id: id, kind: kind, desk: desk, readyOn: LocalDate(iso: readyOn)!,
                    status: Document.Status(rawValue: status) ?? .returned, pickupAppointment: pickupAppointmentId,
                    delivery: delivery, handedOverAt: handedOverAt.map(Date.init(millis:))),
                holder: holder, vNumber: vNumber, revision: revision)
        }
    }

    struct DeliveryRow: Decodable {
        let id: String, date: String, windowFrom: Int, windowTo: Int, street: String?, houseNumber: String?
        let postcode: String?, city: String?, status: String, reason: String?

        init(decoding row: any SQLRow) throws {
            self = try row.decode(model: DeliveryRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }

        var delivery: Delivery {
            Delivery(
                id: id, date: LocalDate(iso: date)!,
                window: TimeRange(from: LocalTime(minutes: windowFrom), to: LocalTime(minutes: windowTo)),
                address: DutchAddress(
                    street: street ?? "", houseNumber: houseNumber ?? "", postcode: postcode ?? "", city: city ?? ""),
                status: Delivery.Status(rawValue: status) ?? .cancelled, reason: reason)
        }
    }

    struct ManifestRow: Decodable {
        let documentId: String, desk: String, holderName: String?
    }

    struct WindowRow: Decodable {
        let windowFrom: Int, windowTo: Int, n: Int
    }

    struct CollectedRow: Decodable {
        let desk: String, readyOn: String, at: Int
    }

    struct CourierDayRow: Decodable {
        let date: String, scheduled: Int
    }
}
