import Hummingbird
import LoketDomain

/// move.mustache: the question before a move, as before a cancellation: the time now, the new
/// time, and how many changes are left after it (a move counts against the limit), with ways
/// back to another time or to keeping the appointment as it is.
struct MovePage {
    let productName: String, now: String, new: String, movesAfter: String
    let moveAction: String, token: String, slot: String, otherTimeHref: String, keepHref: String
}

extension PageRoutes {
    /// The question for moving `appointment` to `slot`; a slot that cannot be read is refused,
    /// naming the field, as the move itself would refuse it.
    func moveQuestionPage(
        _ web: WebRequest, _ appointment: Appointment, slot text: String?, token: String
    ) throws(Refusal) -> Response {
        guard let text, let slot = SlotKey(text) else {
            throw Refusal.invalid("slot", "invalid_slot", "Choose one of the times shown.")
        }
        let language = web.language
        // A move keeps the length: the same product, persons and extra time.
        let length = appointment.endTime.minutes - appointment.startTime.minutes
        let end = LocalTime(minutes: slot.start.minutes + length)
        let after = appointment.movesLeft(allowed: loket.network.fairness.movesAllowed) - 1
        return pages.render(
            "move", web, title: WebCopy.text("moveQuestion", language),
            page: MovePage(
                productName: productName(appointment.product, language),
                now: DateWording.dateTime(appointment.date, appointment.startTime, appointment.endTime, language),
                new: DateWording.dateTime(slot.date, slot.start, end, language),
                movesAfter: after <= 0
                    ? WebCopy.text("movesAfterNone", language)
                    : WebCopy.text(after == 1 ? "movesAfterOne" : "movesAfter", language, String(after)),
                moveAction: PagePath.reschedule.link(appointment.id), token: token, slot: slot.description,
                otherTimeHref: PagePath.reschedule.link(
                    appointment.id, query: ["token": token, "date": slot.date.iso]),
                keepHref: PagePath.manage.link(appointment.id, query: ["token": token])))
    }
}
