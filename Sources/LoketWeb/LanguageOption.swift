import LoketDomain

/// One choice of a form's language list (the language of a person's emails), named in itself.
struct LanguageOption {
    let code: String, name: String, selected: Bool

    /// Every customer language, with `chosen` (a form's value, else the page's language) selected.
    static func all(chosen: String?, page: Customer.Language) -> [LanguageOption] {
        let selected = chosen.flatMap(Customer.Language.init(rawValue:)) ?? page
        return Customer.Language.allCases.map {
            LanguageOption(code: $0.rawValue, name: $0.ownName, selected: $0 == selected)
        }
    }
}
