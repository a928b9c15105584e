import Foundation
import LoketApp
import LoketDomain
import LoketSimulation
import Testing

@testable import LoketWeb

/// Every text a template or the Swift code uses exists, in both languages.
@Suite struct WebCopyTests {
    static let templates: [(name: String, text: String)] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources/LoketWeb/Resources/templates")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".mustache") }.sorted().map { file in
            (file, (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? "")
        }
    }()

    static let sources: [(name: String, text: String)] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources/LoketWeb")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".swift") }.sorted().map { file in
            (file, (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? "")
        }
    }()

    /// The keys the code makes from a prefix and a value, e.g. `"wd.\(day.rawValue)"`: every value it can be.
    static let madeKeys: [String: [String]] = [
        "wd.": Weekday.allCases.map(\.rawValue),
        "weekday.": Weekday.allCases.map(\.rawValue),
        "role.": StaffRole.allCases.map(\.rawValue),
        "documentStatus.": Document.Status.allCases.map(\.rawValue),
        "reason.": UrgentReserve.Reason.allCases.map(\.rawValue),
        "capture.": BiometricKind.allCases.map(\.rawValue),
        "captureKind.": BiometricKind.allCases.map(\.rawValue),
        "bioName.": BiometricKind.allCases.map(\.rawValue),
        "bioNames.": BiometricKind.allCases.map(\.rawValue),
        "bioReason.": ["no_capture", "insufficient_quality"],
        "error.day.": ["invalid_hours"],
        "measure.": Measure.allCases.map(\.rawValue),
        "phone.": Metric.phoneMetrics.map(\.rawValue),
        "openDataColumn.": OpenDataPage.columns,
        "openDataMeaning.": OpenDataPage.columns,
        "unit.": Measure.allCases.map(\.unit),
    ]

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

    /// `WebCopy.text("key", …)`, also `text(flag ? "one" : "other", …)`, and keys made with a
    /// prefix (`"wd.\(…)"`), which must be one `madeKeys` knows in full.
    @Test func everyTextTheCodeUsesExists() throws {
        #expect(Self.sources.count >= 15)
        let literal = try Regex(#"text\((?:[^()"]*\? )?"([A-Za-z][A-Za-z._]*)"(?: : "([A-Za-z][A-Za-z._]*)")?[,)]"#)
        let made = try Regex(#"text\("([A-Za-z][A-Za-z._]*)\\\("#)
        var found = 0
        var madeFound = 0
        for source in Self.sources {
            for match in source.text.matches(of: literal) {
                for key in [match.output[1].substring, match.output[2].substring].compactMap({ $0 }).map(String.init) {
                    found += 1
                    #expect(WebCopy.texts[key] != nil, "\(source.name) uses \(key), which has no text")
                }
            }
            for match in source.text.matches(of: made) {
                let prefix = String(match.output[1].substring!)
                madeFound += 1
                guard let values = Self.madeKeys[prefix] else {
                    Issue.record("\(source.name) makes keys \(prefix)…; add them to madeKeys")
                    continue
                }
                for value in values {
                    #expect(
                        WebCopy.texts[prefix + value] != nil, "\(source.name) uses \(prefix + value), which has no text"
                    )
                }
            }
        }
        #expect(found > 80 && madeFound >= 8)
        // No page text is written inline next to the table any more.
        for source in Self.sources where source.name != "WebCopy.swift" && source.name != "WebCopy+Messages.swift" {
            #expect(!source.text.contains("nl ? \""), "\(source.name) has an inline Dutch/English text")
        }
    }

    /// Validation errors that staff and customer forms show have a Dutch text, by field and code;
    /// an error the table does not know keeps the application's English message.
    @Test func validationErrorsAreTranslated() throws {
        guard
            case .failure(let problems) = Customer.checked(
                name: "", email: "no mail", phone: "x", vNumber: "12", bsn: nil,
                language: "fr", prefix: "")
        else {
            Issue.record("accepted")
            return
        }
        guard
            case .failure(let more) = Customer.checked(
                name: String(repeating: "a", count: 201), email: "", phone: nil, vNumber: nil,
                bsn: nil, language: "nl")
        else {
            Issue.record("accepted")
            return
        }
        var errors = problems.errors + more.errors
        for (reason, note) in [("nonsense", ""), ("other", ""), ("other", String(repeating: "a", count: 501))] {
            do { _ = try UrgentReserve.Reason.checked(reason: reason, note: note, field: "") } catch {
                errors.append(error)
            }
        }
        #expect(errors.count == 10)
        for error in errors {
            let dutch = WebCopy.message(error, .nl)
            #expect(
                dutch != error.message && !dutch.hasPrefix("error."), "\(error.field) \(error.code) has no Dutch text")
        }
        #expect(
            WebCopy.message(.invalid("customer.email", "invalid", "This is not a valid email address."), .nl)
                == "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")
        #expect(
            WebCopy.message(.invalid("monday", "invalid_hours", "Write the hours on monday as 09:00-17:00."), .nl)
                == "Schrijf de tijden op maandag zo: 09:00-17:00.")
        #expect(WebCopy.message(.invalid("persons", "out_of_range", "Persons is 1 to 6."), .nl) == "Persons is 1 to 6.")
    }

    @Test func bothLanguagesAreFilledInAndPlaceholdersAgree() {
        for (key, text) in WebCopy.texts {
            #expect(!text.nl.isEmpty && !text.en.isEmpty, "\(key) is empty in one language")
            #expect(
                text.nl.components(separatedBy: "%@").count == text.en.components(separatedBy: "%@").count,
                "\(key) has a different number of %@ in Dutch and English")
        }
    }

    @Test func textsFillInInOrder() {
        #expect(
            WebCopy.text("deskClosed", .en, "Wednesday 25 May 2022", "IND-loket Den Haag")
                == "Closed since Wednesday 25 May 2022. Appointments are now at IND-loket Den Haag.")
        #expect(WebCopy.text("waitDays", .nl, "12") == "Wachttijd: 12 werkdagen")
        #expect(WebCopy.text("change.closure", .en, "a %@ b", "c") == "Closed a %@ b: c")
    }
}
