import Foundation
import Testing
@testable import LoketWeb

/// Every text a template asks for exists, in both languages.
@Suite struct WebCopyTests {
    static let templates: [(name: String, text: String)] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/LoketWeb/Resources/templates")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".mustache") }.sorted().map { file in
            (file, (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? "")
        }
    }()

    @Test func everyTextATemplateUsesExists() throws {
        #expect(Self.templates.count >= 15)
        let pattern = try Regex(#"\{\{[#^/]?t\.([A-Za-z]+)\}\}"#)
        for template in Self.templates {
            for match in template.text.matches(of: pattern) {
                let key = String(match.output[1].substring!)
                #expect(WebCopy.texts[key] != nil, "\(template.name) uses t.\(key), which has no text")
            }
        }
    }

    @Test func bothLanguagesAreFilledInAndPlaceholdersAgree() {
        for (key, text) in WebCopy.texts {
            #expect(!text.nl.isEmpty && !text.en.isEmpty, "\(key) is empty in one language")
            #expect(text.nl.components(separatedBy: "%@").count == text.en.components(separatedBy: "%@").count,
                    "\(key) has a different number of %@ in Dutch and English")
        }
    }

    @Test func textsFillInInOrder() {
        #expect(WebCopy.text("deskClosed", .en, "Wednesday 25 May 2022", "IND-loket Den Haag")
                == "Closed since Wednesday 25 May 2022. Appointments are now at IND-loket Den Haag.")
        #expect(WebCopy.text("waitDays", .nl, "12") == "Wachttijd: 12 werkdagen")
    }
}
