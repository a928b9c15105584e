"""A residence card's holder in a real browser, in Dutch at phone width: the link in the "ready"
email opens their page in their own language; they have it delivered, then change their mind and
collect it at the desk instead, which drops the delivery; every step passes axe-core."""
import sqlite3

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_web import announce_document, axe_violations, mailed_link, shot, submit, type_date, web  # noqa: F401 (fixture)


def test_a_holder_has_the_card_delivered_then_collects_it_instead(web):
    server, driver, database, mail = web
    document, _ = announce_document(server, database, "2345678901", {
        "name": "Noor Haddad", "email": "noor@example.org", "language": "nl", "dateOfBirth": "1991-04-02"})

    # The email's link opens the page in the holder's language, whatever the browser says.
    driver.get(mailed_link(mail, "Uw ", "noor@example.org", f"/documents/{document}"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert "Ophalen aan het loket" in driver.page_source and "Laten bezorgen" in driver.page_source
    assert axe_violations(driver) == []
    shot(driver, "nl-document-1-ready")

    # Delivery: date of birth as day, month and year, the address postcode first.
    type_date(driver, "dateOfBirth", "1991-04-02")
    driver.find_element(By.ID, "postcode").send_keys("2511 CR")
    driver.find_element(By.ID, "houseNumber").send_keys("2")
    driver.find_element(By.ID, "street").send_keys("Plein")
    driver.find_element(By.ID, "city").send_keys("Den Haag")
    Select(driver.find_element(By.ID, "date")).select_by_index(0)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/delivery'] button[type=submit]"))
    assert "Bezorging gepland" in driver.page_source and "2511 CR" in driver.page_source
    assert "1991" not in driver.current_url and "2511" not in driver.current_url
    assert axe_violations(driver) == []
    shot(driver, "nl-document-2-delivery")

    # Changed their mind: a pickup time instead, and the delivery is dropped.
    assert "Toch liever ophalen aan het loket" in driver.page_source and "Andere dag of ander adres" in driver.page_source
    Select(driver.find_element(By.ID, "slot")).select_by_index(0)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/pickup'] button[type=submit]"))
    assert "/manage/" in driver.current_url and driver.find_element(By.ID, "appointment-code").text
    assert axe_violations(driver) == []
    shot(driver, "nl-document-3-pickup")
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT status FROM documents WHERE id = ?", (document,)).fetchone() == ("pickup_booked",)
        assert db.execute("SELECT status FROM deliveries WHERE document_id = ?", (document,)).fetchone() == ("cancelled",)
