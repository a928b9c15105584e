"""Booking in Ukrainian and in Arabic, in a real browser at phone and desktop widths: every page
in the language, Arabic laid out right to left, axe-core clean, and the confirmation email and
the manage page in the customer's language."""
import email
import email.policy
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_web import axe_violations, book, ensure_language, submit, web  # noqa: F401 (fixture)

WORDS = {
    "uk": {"booked": "Вас записано на прийом", "confirmed": "Ваш запис підтверджено",
           "date": "вівторок, 1 грудня 2026", "manage": "Переглянути, перенести або скасувати запис"},
    "ar": {"booked": "تم حجز موعدك", "confirmed": "تم تأكيد موعدك",
           "date": "الثلاثاء 1 ديسمبر 2026", "manage": "عرض الموعد أو تغييره أو إلغاؤه"},
}


def heading_side(driver):
    """Which edge of the content column the page's heading starts from."""
    return driver.execute_script("""
        const main = document.querySelector('main').getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('h1'));
        const text = range.getBoundingClientRect();
        return Math.abs(text.right - main.right) < Math.abs(text.left - main.left) ? 'right' : 'left';""")


def confirmation(mail, subject):
    def found(_):
        for path in Path(mail).glob("*.eml") if Path(mail).exists() else []:
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["subject"].startswith(subject):
                return message
        return None
    return WebDriverWait(None, 20).until(found)


def books_in(web, lang, name, mail_address):
    server, driver, database, mail = web
    words = WORDS[lang]
    manage_url, code = book(driver, server, lang, name, mail_address, shots=True, mail=mail)
    html = driver.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("lang") == lang
    assert html.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert driver.title.startswith(words["booked"])
    assert words["date"] in driver.page_source
    assert heading_side(driver) == ("right" if lang == "ar" else "left")
    # The language menu names every other language in itself.
    menu = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "header .languages a")]
    assert sorted(menu) == sorted({"nl": "Nederlands", "en": "English", "uk": "Українська", "ar": "العربية"}[other]
                                  for other in ("nl", "en", "uk", "ar") if other != lang)
    driver.set_window_size(1280, 900)
    assert axe_violations(driver) == []
    driver.set_window_size(390, 844)

    # The confirmation email: the customer's language, the name intact, Arabic right to left.
    message = confirmation(mail, words["confirmed"])
    assert message["to"] == mail_address
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert code in text and words["date"] in text and words["manage"] in text
    body = message.get_body(preferencelist=("html",)).get_content()
    assert f'lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"' in body
    assert name not in message["subject"]

    # The manage page opens in the appointment's language even where the browser was not told.
    driver.delete_all_cookies()
    driver.get(manage_url)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    assert words["date"] in driver.page_source
    assert axe_violations(driver) == []


def test_a_customer_books_in_ukrainian(web):
    books_in(web, "uk", "Олена Коваленко", "olena@example.org")


def test_a_customer_books_in_arabic_right_to_left(web):
    books_in(web, "ar", "أحمد الحسن", "ahmad@example.org")


def test_a_first_visit_follows_the_browsers_language_and_the_menu_switches(web):
    server, driver, _, _ = web
    # The test browser asks for en-GB: English, with the other three offered.
    driver.get(server.url("/"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    ensure_language(driver, "ar")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    assert driver.current_url == server.url("/")
    # Staff pages stay Dutch and English: a customer's Arabic shows them in English.
    driver.get(server.url("/staff/sign-in"))
    html = driver.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("lang") == "en" and html.get_attribute("dir") == "ltr"
    assert [a.get_attribute("hreflang") for a in driver.find_elements(By.CSS_SELECTOR, "header .languages a")] == ["nl"]
