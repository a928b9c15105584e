import Testing

@testable import LoketWeb

/// Links made from a page's path: parameters filled in order and escaped as one path segment,
/// query values escaped, nil values left out, the order kept.
struct PagePathTests {
    @Test func fillsEachParameterInOrder() {
        #expect(PagePath.calendar.link("BIO", "TS") == "/book/BIO/desks/TS")
        #expect(PagePath.drawEntry.link("d1", "e2") == "/draws/d1/entries/e2")
        #expect(PagePath.home.link() == "/")
    }

    @Test func escapesAValueAsOnePathSegment() {
        #expect(PagePath.manage.link("a/b?c#d e") == "/manage/a%2Fb%3Fc%23d%20e")
    }

    @Test func keepsTheQueryInOrderWithoutItsNilValues() {
        let date: String? = nil
        #expect(
            PagePath.calendar.link(
                "BIO", "TS", query: ["persons": 2, "assistance": nil, "month": "2022-06", "date": date])
                == "/book/BIO/desks/TS?persons=2&month=2022-06")
        #expect(
            PagePath.language.link(query: ["to": "en", "back": "/book/BIO/desks/TS?persons=1&month=2022-06"])
                == "/language?to=en&back=/book/BIO/desks/TS%3Fpersons%3D1%26month%3D2022-06")
        #expect(PagePath.manage.link("x", query: ["token": "a+b=c&d"]) == "/manage/x?token=a%2Bb%3Dc%26d")
    }

    @Test func fixesOneParameterForARouteOfAClosedSet() {
        let accept = PagePath.offerAnswer.filling("answer", with: "accept")
        #expect(accept.pattern == "/waitlist/{id}/offer/accept")
        #expect(accept.link("w1") == "/waitlist/w1/offer/accept")
    }
}
