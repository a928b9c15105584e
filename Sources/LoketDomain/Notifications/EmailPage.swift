/// The HTML around every email's body: the language, and its direction, so that a mail program
/// sets Arabic right to left as the pages do.
enum EmailPage {
    static func html(subject: String, language: Customer.Language, body: String) -> String {
        """
        <!DOCTYPE html><html lang="\(language.rawValue)" dir="\(language.direction)"><head><meta charset="utf-8">\
        <title>\(HTMLText.escape(subject))</title></head>\
        <body style="font-family:sans-serif;color:#111">\(body)</body></html>
        """
    }
}
