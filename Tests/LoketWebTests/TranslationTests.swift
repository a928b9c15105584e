import Foundation
import LoketDomain
import Testing

@testable import LoketWeb

/// Ukrainian and Arabic cover every customer text, as translations of the English, and a
/// first-time visitor gets the language their browser asks for.
@Suite struct TranslationTests {
    /// The templates only desk staff (and the open data's readers, in Dutch or English) see.
    static let staffTemplates: Set<String> = [
        "accounts", "captures", "dashboard", "desk-day", "desk-settings", "display", "forecast", "forecast-compare",
        "forecast-run", "handover", "invite", "open-data", "sign-in", "urgent",
    ]

    static let bidiControls = Set<UInt32>([0x200E, 0x200F, 0x061C] + Array(0x202A...0x202E) + Array(0x2066...0x2069))

    @Test(arguments: [Customer.Language.uk, .ar])
    func everyCustomerTextIsTranslated(_ language: Customer.Language) throws {
        let translation = WebCopy.translation(language)
        let script: ClosedRange<Unicode.Scalar> = language == .uk ? "\u{0400}"..."\u{04FF}" : "\u{0600}"..."\u{06FF}"
        let missing = WebCopy.customerKeys.subtracting(translation.keys).sorted()
        let unknown = Set(translation.keys).subtracting(WebCopy.customerKeys).sorted()
        #expect(missing.isEmpty && unknown.isEmpty, "missing: \(missing), unknown: \(unknown)")
        for (key, text) in translation {
            let english = WebCopy.text(key, .en)
            #expect(
                text.components(separatedBy: "%@").count == english.components(separatedBy: "%@").count,
                "\(key) has a different number of %@ in \(language.rawValue) and English")
            // A translation, not the English copied: every text has a letter of its script.
            #expect(text.unicodeScalars.contains { script.contains($0) }, "\(key) in \(language.rawValue): \(text)")
            // Direction comes from dir="rtl" on the page, never from control characters in a text.
            #expect(!text.unicodeScalars.contains { Self.bidiControls.contains($0.value) }, "\(key) has a bidi control")
        }
    }

    @Test func everyKeyACustomerTemplateUsesIsTranslated() throws {
        let pattern = try Regex(#"\{\{[#^/]?t\.([A-Za-z]+)\}\}"#)
        // The layout's part for signed-in staff.
        let staffPart = try Regex(#"\{\{#staff\}\}.*?\{\{/staff\}\}"#).dotMatchesNewlines()
        var checked = 0
        for template in WebCopyTests.templates {
            let name = String(template.name.dropLast(".mustache".count))
            guard !Self.staffTemplates.contains(name) else { continue }
            for match in template.text.replacing(staffPart, with: "").matches(of: pattern) {
                let key = String(match.output[1].substring!)
                // An address, not a text: the open data is in Dutch and English.
                guard key != "openDataHref" else { continue }
                checked += 1
                let translated = WebCopy.customerKeys.contains(key)
                #expect(translated, "\(name) uses t.\(key), which is not a customer text")
            }
        }
        #expect(checked > 100)
    }

    @Test func aTranslatedTextFillsInAndStaffTextsFallBackToEnglish() {
        #expect(WebCopy.text("homeTitle", .uk) != WebCopy.text("homeTitle", .en))
        #expect(WebCopy.text("homeTitle", .ar) != WebCopy.text("homeTitle", .en))
        #expect(WebCopy.text("waitDays", .uk, "12").contains("12"))
        // The biometrics record at the desk is Dutch and English only.
        let staffKey = WebCopy.captureTexts.keys.first { !WebCopy.customerKeys.contains($0) }!
        #expect(WebCopy.text(staffKey, .ar) == WebCopy.text(staffKey, .en))
    }

    @Test(
        arguments: [
            ("uk-UA,uk;q=0.9,en;q=0.8", Customer.Language.uk),
            ("ar", .ar),
            ("ar-SY,ar;q=0.9", .ar),
            ("en-GB,en;q=0.9,nl;q=0.8", .en),
            ("nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7", .nl),
            ("de-DE,de;q=0.9,en;q=0.5", .en),
            ("en;q=0.5, uk;q=0.7", .uk),
            ("uk;q=0, en", .en),
            ("  AR ;  q=1.0 ", .ar),
            ("fr", nil),
            ("*", nil),
            ("uk;q=abc", .uk),
        ] as [(String, Customer.Language?)])
    func theBrowsersPreferenceChoosesTheLanguage(_ header: String, _ expected: Customer.Language?) {
        #expect(AcceptLanguage.preferred(header, among: Customer.Language.allCases) == expected)
    }

    @Test func staffPagesOfferOnlyDutchAndEnglish() {
        #expect(AcceptLanguage.preferred("uk,en;q=0.5", among: WebRequest.dutchAndEnglish) == .en)
        #expect(AcceptLanguage.preferred("ar", among: WebRequest.dutchAndEnglish) == nil)
    }
}
