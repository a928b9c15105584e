import Foundation
import Logging
import LoketDomain
import SQLKit

/// The rows the draw queries decode.
extension DrawStore {
    struct ModeRow: Decodable {
        let desk: String, product: String, modeOn: Int, setBy: String, since: Int
        let publishedThrough: String?, reservePublishedThrough: String?

        init(decoding row: any SQLRow) throws {
            self = try row.decode(model: ModeRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }

        var mode: DrawMode {
            DrawMode(
                desk: desk, product: product, on: modeOn != 0, setBy: DrawMode.SetBy(rawValue: setBy) ?? .manager,
                since: Date(millis: since), publishedThrough: publishedThrough.flatMap(LocalDate.init(iso:)),
                reservePublishedThrough: reservePublishedThrough.flatMap(LocalDate.init(iso:)))
        }
    }

    struct DrawRow: Decodable {
        let id: String, desk: String, product: String, days: String, reserveDays: String
        let opensAt: Int, closesAt: Int, places: Int, state: String, seed: String?

        init(decoding row: any SQLRow) throws {
            self = try row.decode(model: DrawRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }

        var draw: Draw {
            Draw(
                id: id, desk: desk, product: product, days: DrawStore.days(days),
                reserveDays: DrawStore.days(reserveDays),
                opensAt: Date(millis: opensAt), closesAt: Date(millis: closesAt), places: places,
                state: Draw.State(rawValue: state) ?? .allocated, seed: seed)
        }
    }

    struct EntryRow: Decodable {
        let id: String, drawId: String, tokenHash: String, persons: Int, desks: String, days: String
        let customerName: String?, customerEmail: String?, customerPhone: String?, customerVNumber: String?
        let language: String, companions: String?, people: String, status: String
        let appointmentId: String?, waitlistId: String?, createdAt: Int

        init(decoding row: any SQLRow) throws {
            self = try row.decode(model: EntryRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }

        var entry: DrawEntry {
            DrawEntry(
                id: id, draw: drawId, persons: persons, desks: desks.split(separator: ",").map(String.init),
                days: DrawStore.days(days), createdAt: Date(millis: createdAt),
                status: DrawEntry.Status(rawValue: status) ?? .notDrawn, appointment: appointmentId,
                waitlistEntry: waitlistId)
        }

        var claimedPeople: [String] { people.split(separator: ",").map(String.init) }

        /// The details as given when entering (empty once purged).
        var customer: Customer {
            Customer(
                name: customerName ?? "", email: customerEmail ?? "", phone: customerPhone, vNumber: customerVNumber,
                language: Customer.Language(rawValue: language) ?? .en,
                companions: companions.flatMap { try? JSONDecoder().decode([Companion].self, from: Data($0.utf8)) }
                    ?? [])
        }
    }

    struct SlotColumns: Decodable {
        let slotPool: String?, slotDate: String?, slotStart: Int?
    }
}
