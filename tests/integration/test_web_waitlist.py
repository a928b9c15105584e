"""The waitlist in a real browser, in Ukrainian at phone width: from a calendar with no time that
suits, through the join form (errors first), to the entry's page; a cancellation elsewhere is
offered to the entry without anyone polling, and accepting it ends on the appointment's page."""
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_web import axe_violations, ensure_language, mailed_link, shot, submit, web  # noqa: F401 (fixture)


def book_by_api(server, name, v_number):
    slot = requests.get(server.url("/api/v1/desks/DH/slots"), params={"product": "VAA", "from": "2026-12-02", "to": "2026-12-02"},
                        timeout=10).json()["slots"][0]
    hold = requests.post(server.url("/api/v1/holds"), json={"desk": "DH", "product": "VAA", "slot": slot["key"]}, timeout=10).json()
    booked = requests.post(server.url("/api/v1/appointments"), json={"hold": hold["id"], "holdToken": hold["token"], "customer": {
        "name": name, "email": "other@example.org", "vNumber": v_number, "language": "en"}}, timeout=10)
    assert booked.status_code == 201, booked.text
    return booked.json(), slot


def test_a_customer_joins_the_waitlist_and_takes_the_offer(web):
    server, driver, _, mail = web
    booked, slot = book_by_api(server, "Someone Else", "3333333333")

    driver.get(server.url("/book/VAA/desks/DH?date=2026-12-02"))
    ensure_language(driver, "uk")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "#waitlist a"))
    assert driver.find_element(By.ID, "desk-DH").is_selected()
    shot(driver, "uk-waitlist-1-form")
    assert axe_violations(driver) == []

    # Sent without a name or email: each is named at the top and at its field, and nobody joined.
    driver.find_element(By.ID, "vNumber").send_keys("4444444444")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[method=post] button[type=submit]"))
    summary = driver.find_element(By.CSS_SELECTOR, ".error-summary")
    assert summary.find_element(By.CSS_SELECTOR, "a[href='#name']") and summary.find_element(By.CSS_SELECTOR, "a[href='#email']")
    shot(driver, "uk-waitlist-2-errors")
    assert axe_violations(driver) == []

    # Only the day of the booked slot, so the freed slot is what the entry waits for.
    driver.execute_script("document.getElementById('from').value = arguments[0]; document.getElementById('to').value = arguments[0]",
                          slot["date"])
    driver.find_element(By.ID, "name").send_keys("Олена Коваленко")
    driver.find_element(By.ID, "email").send_keys("olena@example.org")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[method=post] button[type=submit]"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "uk"
    assert driver.find_element(By.ID, "position").text == "1"
    assert "olena" not in driver.current_url and "4444444444" not in driver.current_url
    entry_url = driver.current_url
    shot(driver, "uk-waitlist-3-entry")
    assert axe_violations(driver) == []

    # The receipt by email, in Ukrainian; its link opens the entry in any browser.
    link = mailed_link(mail, "Ви в списку очікування", "olena@example.org", "/waitlist/")
    assert link.split("?")[0] == entry_url.split("?")[0] and link.split("token=")[1] in entry_url

    # The other customer cancels; the matcher offers the slot to the entry.
    assert requests.delete(server.url(f"/api/v1/appointments/{booked['id']}"),
                           headers={"Authorization": f"Bearer {booked['manageToken']}"}, timeout=10).ok

    def offered(d):
        d.get(entry_url)
        return d.find_elements(By.CSS_SELECTOR, "a[href*='/offer?token=']")
    submit(driver, WebDriverWait(driver, 20).until(offered)[0])
    shot(driver, "uk-waitlist-4-offer")
    assert axe_violations(driver) == []
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/offer/accept'] button"))
    assert "/manage/" in driver.current_url
    assert driver.find_element(By.ID, "appointment-code").text
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "uk"
    shot(driver, "uk-waitlist-5-booked")
    assert axe_violations(driver) == []
