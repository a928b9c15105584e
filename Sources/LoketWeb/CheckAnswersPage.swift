import Foundation
import Hummingbird
import LoketApp
import LoketDomain

/// "Check your answers" (GOV.UK's pattern) between the details form and the booking: the held
/// time and every detail as typed, with the buttons to book or to change them. The details
/// travel on in the form's hidden fields, in the POST body as before, never in an address.
extension PageRoutes {
    func checkAnswersPage(
        _ web: WebRequest, hold: Hold, desk: Desk, customer: Customer, form: [String: String]
    )
        -> Response
    {
        let language = web.language
        let until = DeskTime(hold.expiresAt, timeZone: DeskTime.amsterdam).time.text
        var details: [CheckAnswersPage.Fact] = [
            .init(label: WebCopy.text("name", language), value: customer.name),
            .init(label: WebCopy.text("email", language), value: customer.email),
        ]
        if let phone = customer.phone { details.append(.init(label: WebCopy.text("phone", language), value: phone)) }
        if let vNumber = customer.vNumber {
            details.append(.init(label: WebCopy.text("vNumber", language), value: vNumber))
        }
        if let born = customer.dateOfBirth {
            details.append(
                .init(label: WebCopy.text("dateOfBirth", language), value: DateWording.dayMonthYear(born, language)))
        }
        for (index, companion) in customer.companions.enumerated() {
            let born = companion.dateOfBirth.map { ", " + DateWording.dayMonthYear($0, language) } ?? ""
            details.append(
                .init(
                    label: WebCopy.text("companionLegend", language, "\(index + 2)"),
                    value: "\(companion.name), \(companion.vNumber)\(born)"))
        }
        let page = CheckAnswersPage(
            productName: productName(hold.product, language),
            when: DateWording.dateTime(hold.date, hold.startTime, hold.endTime, language), where: place(desk),
            persons: hold.persons, heldUntil: WebCopy.text("heldUntil", language, until), details: details,
            action: PagePath.hold.link(hold.id),
            fields: form.filter { !["csrf", "confirm", "change"].contains($0.key) }.sorted { $0.key < $1.key }
                .map { .init(name: $0.key, value: $0.value) })
        return pages.render("check", web, title: WebCopy.text("checkTitle", language), page: page)
    }
}

/// check.mustache: the held time, the details as typed, and the form that books or goes back.
struct CheckAnswersPage {
    struct Fact { let label: String, value: String }
    struct Field { let name: String, value: String }
    let productName: String
    let when: String
    let `where`: String
    let persons: Int
    let heldUntil: String
    let details: [Fact]
    let action: String
    let fields: [Field]
}
