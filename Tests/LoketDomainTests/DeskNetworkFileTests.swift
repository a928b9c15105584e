import LoketConfig
import LoketDomain
import LoketTestSupport
import Testing

struct DeskNetworkFileTests {
    @Test func theShippedNetworkIsTheIND() throws {
        let network = try DeskNetworkFile.loadBundled()
        let codes = Set(network.desks.map(\.code))
        #expect(codes.isSuperset(of: ["AM", "DH", "ZW", "DB", "RO"]))
        #expect(network.desks.contains { $0.kind == .partner })
        #expect(Set(network.products.map(\.key)).isSuperset(of: ["BIO", "DOC", "VAA", "TKV", "FAM"]))
        let rotterdam = network.desk("RO")!
        #expect(rotterdam.closedFrom?.iso == "2022-05-25")
        #expect(rotterdam.successor == "DH")
        #expect(network.desks.allSatisfy { $0.timeZone == "Europe/Amsterdam" })
        // Saturdays open from January 2022 and evening hours from December 2021.
        let schedule = Schedule(network: network)
        let denHaag = network.desk("DH")!
        #expect(schedule.pools(desk: denHaag, on: LocalDate(iso: "2022-01-01")!).isEmpty)
        #expect(!schedule.pools(desk: denHaag, on: LocalDate(iso: "2022-01-08")!).isEmpty)
        #expect(
            denHaag.hours(on: LocalDate(iso: "2021-11-30")!, workingDays: schedule.workingDays)?.text == "09:00-17:00")
        #expect(
            denHaag.hours(on: LocalDate(iso: "2021-12-01")!, workingDays: schedule.workingDays)?.text == "08:00-20:00")
        // A few hundred counters in all (BRIEF.md).
        let counters = network.desks.flatMap(\.roster).filter { $0.days.contains(.monday) }.reduce(0) {
            $0 + $1.counters
        }
        #expect(counters >= 100)
        // Each product's queue has its letter; the sticker counters' two products share one.
        #expect(network.products.map(\.queueLetter) == ["B", "D", "S", "S", "F"])
    }

    @Test(arguments: [
        ("slotMinutes: 7", "slotMinutes"),
        ("products: [BIO, XYZ]", "desks[TS].products: unknown product XYZ"),
        ("successor: NOPE", "desks[OLD].successor"),
        ("{id: Bio!,", "lower-case letters and digits only"),
        ("hours: \"09:00-12:00\", counters: 1", "desks[TS].roster[doc].hours"),
        ("oneBookingPerPerson: false, invitationRequired: true", "products.DOC: invitationRequired needs"),
        ("ipv6Prefix: 8", "fairAccess.limits.ipv6Prefix"),
        ("queue: bb", "products[DOC].queue: one capital letter"),
    ])
    func problemsNameWhereTheyAre(change: String, expected: String) throws {
        var yaml = TestNetwork.yaml
        switch change {
        case "slotMinutes: 7": yaml = yaml.replacingOccurrences(of: "slotMinutes: 10", with: change)
        case "products: [BIO, XYZ]": yaml = yaml.replacingOccurrences(of: "products: [BIO, DOC]", with: change)
        case "successor: NOPE": yaml = yaml.replacingOccurrences(of: "successor: TS", with: change)
        case "{id: Bio!,": yaml = yaml.replacingOccurrences(of: "{id: bio,", with: change)
        case "ipv6Prefix: 8":
            yaml = yaml.replacingOccurrences(of: "{limits: {enabled: false}}", with: "{limits: {\(change)}}")
        case "queue: bb":
            yaml = yaml.replacingOccurrences(of: "minutesPerPerson: 5}", with: "minutesPerPerson: 5, \(change)}")
        case "oneBookingPerPerson: false, invitationRequired: true":
            yaml = yaml.replacingOccurrences(of: "minutesPerPerson: 5}", with: "minutesPerPerson: 5, \(change)}")
        default:
            yaml = yaml.replacingOccurrences(
                of: "hours: \"09:00-12:00\", counters: 1", with: "hours: \"09:05-12:00\", counters: 1")
        }
        do {
            _ = try DeskNetworkFile.parse(yaml)
            Issue.record("expected the file to be refused")
        } catch let error as DeskNetworkFile.Invalid {
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test func aBadTimeIsReportedWithItsPath() {
        let yaml = TestNetwork.yaml.replacingOccurrences(of: "\"09:00-12:00\"", with: "\"9-12\"")
        #expect(throws: DeskNetworkFile.Invalid.self) { try DeskNetworkFile.parse(yaml) }
    }
}

struct UnknownKeyTests {
    @Test func aMisspeltKeyIsReportedWithItsPath() {
        let yaml = TestNetwork.yaml.replacingOccurrences(
            of: "closedFrom: 2022-05-25", with: "closedFrom: 2022-05-25\n    sucessor: TS")
        do {
            _ = try DeskNetworkFile.parse(yaml)
            Issue.record("expected the misspelt key to be refused")
        } catch let error as DeskNetworkFile.Invalid {
            #expect(error.problems == ["desks[1].sucessor: unknown key"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func theShippedFilesHaveNoUnknownKeys() throws {
        _ = try DeskNetworkFile.loadBundled()
        _ = try BiometricsPolicyFile.loadBundled()
    }
}
