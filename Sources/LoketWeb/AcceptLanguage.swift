import Foundation
import LoketDomain

/// The language a first-time visitor's browser asks for (RFC 9110's `Accept-Language`): the
/// supported language with the highest weight, the earlier one on a tie, Dutch when none is
/// supported. Written here because none of Loket's packages reads the header; it needs only
/// each entry's primary subtag and `q`.
enum AcceptLanguage {
    static func preferred(_ header: String?, among offered: [Customer.Language]) -> Customer.Language? {
        guard let header else { return nil }
        var best: (language: Customer.Language, weight: Double)?
        for entry in header.split(separator: ",") {
            let parts = entry.split(separator: ";")
            guard let tag = parts.first else { continue }
            let primary = tag.split(separator: "-").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            var weight = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == "q", let q = Double(pair[1]), (0...1).contains(q) {
                    weight = q
                }
            }
            guard weight > 0, let primary, let language = Customer.Language(rawValue: primary),
                offered.contains(language)
            else { continue }
            if weight > best?.weight ?? 0 { best = (language, weight) }
        }
        return best?.language
    }
}
