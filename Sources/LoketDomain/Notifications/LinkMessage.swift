/// An email of a few paragraphs that ends in one link, as plain text and as HTML: what an
/// invitation and a booking waiting for its person say.
struct LinkMessage {
    let text: String
    let html: String

    /// The last paragraph introduces the link, which follows it on a line of its own.
    init(subject: String, language: Customer.Language, paragraphs: [String], link: String) {
        text = (paragraphs + [link]).joined(separator: "\n") + "\n"
        let escaped = paragraphs.map(HTMLText.escape)
        let href = HTMLText.escape(link)
        let body = escaped.dropLast().map { "<p>\($0)</p>" }.joined()
        html = EmailPage.html(
            subject: subject, language: language,
            body: "\(body)<p>\(escaped.last ?? "")<br><a href=\"\(href)\" dir=\"ltr\">\(href)</a></p>")
    }
}
