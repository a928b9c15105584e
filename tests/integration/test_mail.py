"""Customer email through a real SMTP server (aiosmtpd on loopback), parsed with the standard
library and the icalendar package; and a crash between commit and send loses nothing."""
import email
import email.policy
import subprocess
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import requests

from conftest import BINARY, LoopbackSMTP


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted"

    def wait_for(self, count, seconds=20):
        deadline = time.monotonic() + seconds
        while len(self.messages) < count:
            assert time.monotonic() < deadline, f"expected {count} messages, got {len(self.messages)}"
            time.sleep(0.02)
        return self.messages[count - 1]

    def wait_for_message(self, to, subject, seconds=20):
        """The first message to `to` whose subject starts with `subject`, once it has come:
        for a test whose other messages (a receipt, say) may come in either order."""
        deadline = time.monotonic() + seconds
        while True:
            found = [m for m in self.messages
                     if m["To"].addresses[0].addr_spec == to and m["Subject"].startswith(subject)]
            if found:
                return found[0]
            assert time.monotonic() < deadline, f"no message to {to} about {subject!r}: {[m['Subject'] for m in self.messages]}"
            time.sleep(0.02)


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = LoopbackSMTP(inbox)
    controller.start()
    yield controller, inbox
    controller.stop()


booked_people = 0


def book(server, language="en", persons=1):
    """Books a residence endorsement sticker (VAA) at Den Haag: a product that needs no invitation,
    so the only mail is the booking's own (test_invitations.py follows an invitation's)."""
    slots = requests.get(server.url("/api/v1/desks/DH/slots"), params={"product": "VAA", "persons": persons}, timeout=10).json()["slots"]
    hold = requests.post(server.url("/api/v1/holds"), json={"desk": "DH", "product": "VAA", "persons": persons, "slot": slots[0]["key"]}, timeout=10)
    # A new person each time (one live booking per person and product), with the family named.
    global booked_people
    booked_people += 1
    customer = {"name": "Ana Silva", "email": "ana@example.nl", "language": language, "vNumber": f"{booked_people:010d}",
                "companions": [{"name": f"Kind {n}", "vNumber": f"9{booked_people:05d}{n:04d}"} for n in range(1, persons)]}
    booked = requests.post(server.url("/api/v1/appointments"), json={"hold": hold.json()["id"], "holdToken": hold.json()["token"], "customer": customer}, timeout=10)
    assert booked.status_code == 201
    return booked.json(), slots


def invite(message):
    parts = {part.get_content_type(): part for part in message.walk()}
    assert "text/plain" in parts and "text/html" in parts and "text/calendar" in parts
    calendar = icalendar.Calendar.from_ical(parts["text/calendar"].get_content())
    event = next(component for component in calendar.walk() if component.name == "VEVENT")
    return calendar, event, parts


def mail_args(controller):
    return ["--smtp-host", "127.0.0.1", "--smtp-port", str(controller.port), "--mail-from", "afspraken@loket.test", "--reminder-days", "0"]


def test_confirmation_reschedule_and_cancellation_reach_the_customer(servers, smtp, tmp_path):
    controller, inbox = smtp
    server = servers(str(tmp_path / "mail.sqlite"), extra_args=mail_args(controller))
    appointment, slots = book(server)

    confirmation = inbox.wait_for(1)
    assert confirmation["To"] == "<ana@example.nl>" or "ana@example.nl" in confirmation["To"]
    assert confirmation["Subject"].startswith("Your appointment is confirmed")
    calendar, event, parts = invite(confirmation)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"{appointment['id']}@loket"
    assert int(event["SEQUENCE"]) == 0
    start = event["DTSTART"].dt
    assert str(start.tzinfo) in ("Europe/Amsterdam", "tzfile('Europe/Amsterdam')") or "Amsterdam" in str(start.tzinfo)
    assert start.strftime("%Y-%m-%d %H:%M") == f"{appointment['date']} {appointment['startTime']}"
    assert appointment["id"] in parts["text/plain"].get_content()

    token = appointment["manageToken"]
    hold = requests.post(server.url("/api/v1/holds"), json={"desk": "DH", "product": "VAA", "slot": slots[5]["key"]}, timeout=10).json()
    moved = requests.post(server.url(f"/api/v1/appointments/{appointment['id']}/reschedule"), json={"hold": hold["id"], "holdToken": hold["token"]},
                          headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert moved.status_code == 200
    update = inbox.wait_for(2)
    assert update["Subject"].startswith("Your appointment has moved")
    calendar, event, _ = invite(update)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"{appointment['id']}@loket"
    assert int(event["SEQUENCE"]) == 1
    assert event["DTSTART"].dt.strftime("%H:%M") == moved.json()["startTime"]

    assert requests.delete(server.url(f"/api/v1/appointments/{appointment['id']}"), headers={"Authorization": f"Bearer {token}"}, timeout=10).ok
    cancellation = inbox.wait_for(3)
    assert cancellation["Subject"].startswith("Your appointment is cancelled")
    calendar, event, _ = invite(cancellation)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 2


def test_a_dutch_customer_gets_dutch_mail(servers, smtp, tmp_path):
    controller, inbox = smtp
    server = servers(str(tmp_path / "nl.sqlite"), extra_args=mail_args(controller))
    book(server, language="nl")
    message = inbox.wait_for(1)
    assert message["Subject"].startswith("Bevestiging van uw afspraak")
    _, _, parts = invite(message)
    assert "Afspraakcode" in parts["text/plain"].get_content()
    assert '<html lang="nl" dir="ltr">' in parts["text/html"].get_content()


def test_a_crash_between_commit_and_send_loses_nothing_and_sends_once(servers, tmp_path):
    inbox = Inbox()
    controller = LoopbackSMTP(inbox)  # bound, not listening yet: every send fails
    try:
        port = controller.port
        database = str(tmp_path / "crash.sqlite")
        args = ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--mail-from", "afspraken@loket.test",
                "--reminder-days", "0", "--public-metrics"]
        first = servers(database, extra_args=args)
        book(first)
        first.kill()

        controller.start()
        again = servers(database, extra_args=args)
        # A claim that died with the first process expires after its 60-second lease at worst.
        message = inbox.wait_for(1, seconds=90)
        assert message["Subject"].startswith("Your appointment is confirmed")
        # Wait until the outbox is empty, then check nothing came twice.
        deadline = time.monotonic() + 20
        while "loket_outbox_pending 0" not in requests.get(again.url("/metrics"), timeout=10).text:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert len(inbox.messages) == 1
    finally:
        controller.stop()


def test_development_mode_writes_messages_to_a_folder(servers, tmp_path):
    folder = tmp_path / "mail"
    server = servers(str(tmp_path / "dev.sqlite"), extra_args=["--mail-folder", str(folder), "--reminder-days", "0"])
    book(server)
    deadline = time.monotonic() + 20
    while not list(folder.glob("*.eml")):
        assert time.monotonic() < deadline, "no message written"
        time.sleep(0.02)
    message = email.message_from_bytes(next(folder.glob("*.eml")).read_bytes(), policy=email.policy.default)
    assert message["Subject"].startswith("Your appointment is confirmed")


def test_mail_goes_over_starttls_when_the_server_offers_it(servers, tmp_path):
    """The server insists on STARTTLS with a certificate from a private CA that Loket is told to trust."""
    import ssl
    import subprocess

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    inbox = Inbox()
    controller = LoopbackSMTP(inbox, tls_context=context, require_starttls=True)
    controller.start()
    try:
        server = servers(str(tmp_path / "tls.sqlite"), extra_args=[
            "--smtp-host", "localhost", "--smtp-port", str(controller.port), "--smtp-require-tls",
            "--smtp-ca-file", str(cert), "--mail-from", "afspraken@loket.test", "--reminder-days", "0"])
        book(server)
        message = inbox.wait_for(1)
        assert message["Subject"].startswith("Your appointment is confirmed")
    finally:
        controller.stop()


def test_a_ready_document_and_its_delivery_notice_reach_the_holder(servers, smtp, tmp_path):
    """A case system announces a card ready today at DH: the holder is told at once, with the link
    to choose; they schedule courier delivery on the first day on offer and, that day's notice
    day having passed, get the advance notice with the day and window."""
    controller, inbox = smtp
    database = str(tmp_path / "documents.sqlite")
    server = servers(database, extra_args=mail_args(controller))
    key = subprocess.run([str(BINARY), "case-system", "--name", "INDiGO", "--database", database],
                         capture_output=True, text=True, check=True).stdout.splitlines()[1]
    assert key.startswith("lkcs_")
    today = datetime.now(ZoneInfo("Europe/Amsterdam")).date().isoformat()
    announced = requests.post(server.url("/api/v1/documents"), headers={"Authorization": f"Bearer {key}"}, timeout=10, json={
        "kind": "residence-card", "vNumber": "3141592653", "desk": "DH", "readyOn": today,
        "holder": {"name": "Noor Haddad", "email": "noor@example.nl", "language": "nl", "dateOfBirth": "1991-04-02"}})
    assert announced.status_code == 201, announced.text
    document = announced.json()
    assert document["status"] == "ready" and document["deliveryOffered"]

    ready = inbox.wait_for(1)
    assert "noor@example.nl" in ready["To"]
    assert ready["Subject"] == "Uw verblijfsdocument ligt klaar"
    text = ready.get_body(preferencelist=("plain",)).get_content()
    assert f"/documents/{document['id']}?token=" in text and "IND-loket Den Haag" in text
    # The link opens the holder's page without the customer token.
    link = next(word for word in text.split() if "/documents/" in word)
    page = requests.get(server.url(link[link.index("/documents/"):]), timeout=10)
    assert page.status_code == 200 and "Laten bezorgen" in page.text

    day = document["deliveryDays"][0]
    scheduled = requests.post(server.url(f"/api/v1/documents/{document['id']}/delivery"),
                              headers={"Authorization": f"Bearer {document['customerToken']}"}, timeout=10,
                              json={"address": {"street": "Spui", "houseNumber": "70", "postcode": "2511 BT", "city": "Den Haag"}, "date": day,
                                    "dateOfBirth": "1991-04-02"})
    assert scheduled.status_code == 201, scheduled.text
    notice = inbox.wait_for(2)
    assert notice["Subject"].startswith("De koerier bezorgt uw verblijfsdocument")
    body = notice.get_body(preferencelist=("plain",)).get_content()
    window = scheduled.json()["window"]
    assert f"{window['from']}" in body and "2511 BT" in body
