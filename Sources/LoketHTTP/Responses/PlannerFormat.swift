import Foundation
import LoketDomain
import NIOCore

/// The wire format of the service's existing online planner, byte for byte: the `)]}',` line
/// that guards against JSON hijacking, then a compact object with `status` first and `data`
/// second. Written by hand because clients cut the body at fixed offsets and a JSON encoder
/// does not promise key order.
enum PlannerFormat {
    static let prefix = ")]}',\n"

    static func slotList(_ slots: [Slot]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(64 + slots.count * 96)
        buffer.writeString(prefix)
        buffer.writeString(#"{"status":"OK","data":["#)
        for (index, slot) in slots.enumerated() {
            if index > 0 { buffer.writeString(",") }
            writeSlot(slot.key.description, slot.date, slot.start, slot.end, slot.parts, into: &buffer)
            buffer.writeString("}")
        }
        buffer.writeString("]}")
        return buffer
    }

    /// A reserved slot: the slot fields, then the hold that now keeps it and the token only its
    /// maker gets (see `PlannerReservation`).
    static func reservation(_ receipt: HoldReceipt, parts: Int) -> ByteBuffer {
        let hold = receipt.hold
        var buffer = ByteBuffer()
        buffer.writeString(prefix)
        buffer.writeString(#"{"status":"OK","data":"#)
        writeSlot(hold.slot, hold.date, hold.startTime, hold.endTime, parts, into: &buffer)
        buffer.writeString(#","holdId":"\#(hold.id)","holdToken":"\#(receipt.token)","#)
        buffer.writeString(#""expiresAt":"\#(iso8601(hold.expiresAt))"}}"#)
        return buffer
    }

    /// A booked slot: the slot fields with `booked` true, then the appointment, the code to show
    /// at the desk and the token that manages it (ids, codes and tokens need no escaping).
    static func booking(_ booking: ConfirmedBooking, parts: Int) -> ByteBuffer {
        let appointment = booking.appointment
        var buffer = ByteBuffer()
        buffer.writeString(prefix)
        buffer.writeString(#"{"status":"OK","data":"#)
        writeSlot(
            appointment.slot, appointment.date, appointment.startTime, appointment.endTime, parts, into: &buffer)
        buffer.writeString(#","booked":true,"appointmentId":"\#(appointment.id)","code":"#)
        buffer.writeString(appointment.code.map { #""\#($0)""# } ?? "null")
        buffer.writeString(#","manageToken":"\#(booking.manageToken)"}}"#)
        return buffer
    }

    /// A booking for an invited product that waits for its person: the slot with `booked` false,
    /// the hold and until when it waits. No token: only the person's email carries one.
    static func awaitingPerson(_ hold: Hold, parts: Int) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeString(prefix)
        buffer.writeString(#"{"status":"OK","data":"#)
        writeSlot(hold.slot, hold.date, hold.startTime, hold.endTime, parts, into: &buffer)
        buffer.writeString(#","booked":false,"awaitingPerson":true,"holdId":"\#(hold.id)","#)
        buffer.writeString(#""expiresAt":"\#(iso8601(hold.expiresAt))"}}"#)
        return buffer
    }

    static func error(_ error: Refusal) -> ByteBuffer {
        struct Detail: Encodable {
            let field: String
            let code: String
            let message: String
        }
        var buffer = ByteBuffer()
        buffer.writeString(prefix)
        buffer.writeString(#"{"status":"ERROR","data":"#)
        let detail =
            (try? JSONEncoder().encode(Detail(field: error.field, code: error.code, message: error.message)))
            ?? Data("{}".utf8)
        buffer.writeBytes(detail)
        buffer.writeString("}")
        return buffer
    }

    /// Writes `{"key":…,"date":…,"startTime":…,"endTime":…,"parts":…` without the closing brace.
    /// Keys, dates and times contain only digits, letters, '-' and ':', so need no escaping.
    private static func writeSlot(
        _ key: String, _ date: LocalDate, _ start: LocalTime, _ end: LocalTime, _ parts: Int,
        into buffer: inout ByteBuffer
    ) {
        buffer.writeString(#"{"key":""#)
        buffer.writeString(key)
        buffer.writeString(#"","date":""#)
        buffer.writeString(date.iso)
        buffer.writeString(#"","startTime":""#)
        buffer.writeString(start.text)
        buffer.writeString(#"","endTime":""#)
        buffer.writeString(end.text)
        buffer.writeString(#"","parts":"#)
        buffer.writeString(String(parts))
    }

    static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
