"""A cancelled slot reaches the first person on the waitlist as an email offer within seconds,
without anyone polling; the link in the email accepts it."""
import re

import icalendar
import requests

from conftest import FIXTURES, LoopbackSMTP
from test_mail import Inbox


def test_a_cancelled_slot_is_offered_by_email_and_accepted_by_link(servers, tmp_path):
    inbox = Inbox()
    controller = LoopbackSMTP(inbox)
    controller.start()
    try:
        server = servers(str(tmp_path / "waitlist.sqlite"), desks=FIXTURES / "one-slot-network.yaml", extra_args=[
            "--smtp-host", "127.0.0.1", "--smtp-port", str(controller.port), "--mail-from", "afspraken@loket.test", "--reminder-days", "0"])
        slot = requests.get(server.url("/api/v1/desks/ONE/slots"), params={"product": "BIO"}, timeout=10).json()["slots"][0]
        hold = requests.post(server.url("/api/v1/holds"), json={"desk": "ONE", "product": "BIO", "slot": slot["key"]}, timeout=10).json()
        booked = requests.post(server.url("/api/v1/appointments"), json={"hold": hold["id"], "holdToken": hold["token"], "customer": {
            "name": "Booked Early", "email": "early@example.nl", "vNumber": "1111111111", "language": "en"}}, timeout=10).json()
        inbox.wait_for(1)  # the confirmation

        joined = requests.post(server.url("/api/v1/waitlist"), json={
            "desks": ["ONE"], "product": "BIO", "from": slot["date"], "to": slot["date"],
            "customer": {"name": "Waiting Person", "email": "waiting@example.nl", "vNumber": "2222222222", "language": "nl"}}, timeout=10)
        assert joined.status_code == 201
        assert joined.json()["position"] == 1
        assert joined.json()["offer"] is None

        assert requests.delete(server.url(f"/api/v1/appointments/{booked['id']}"),
                               headers={"Authorization": f"Bearer {booked['manageToken']}"}, timeout=10).ok
        # The offer (the receipt for joining may come before it, or be skipped once the entry
        # is offered). Someone who had no appointment is not told of an "earlier" one.
        offer = inbox.wait_for_message("waiting@example.nl", "Er is een afspraak voor u vrijgekomen: ")
        calendar = icalendar.Calendar.from_ical(next(p for p in offer.walk() if p.get_content_type() == "text/calendar").get_content())
        event = next(c for c in calendar.walk() if c.name == "VEVENT")
        assert str(calendar["METHOD"]) == "PUBLISH" and str(event["STATUS"]) == "TENTATIVE"
        assert event["DTSTART"].dt.strftime("%Y-%m-%d %H:%M") == f"{slot['date']} {slot['startTime']}"
        # Nobody polling can take the slot meanwhile.
        assert requests.get(server.url("/api/v1/desks/ONE/slots"), params={"product": "BIO", "from": slot["date"], "to": slot["date"]},
                            timeout=10).json()["slots"] == []

        link = re.search(r"(http://\S+/waitlist/\S+/offer\?token=\S+)", offer.get_body(preferencelist=("plain",)).get_content()).group(1)
        browser = requests.Session()  # keeps the form-token cookie, as a browser does
        page = browser.get(link, timeout=10)
        assert page.status_code == 200 and "Aanbod aannemen" in page.text
        token = re.search(r'name="token" value="([^"]+)"', page.text).group(1)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        accept = re.search(r'action="([^"]+/accept)"', page.text).group(1)
        done = browser.post(server.url(accept), data={"token": token, "csrf": csrf}, timeout=10)
        # Accepted: the new appointment's own page, with its code and its manage link.
        assert done.status_code == 200 and "/manage/" in done.url and 'id="appointment-code"' in done.text
        inbox.wait_for_message("waiting@example.nl", "Bevestiging van uw afspraak")
        status = requests.get(server.url(f"/api/v1/waitlist/{joined.json()['id']}"),
                              headers={"Authorization": f"Bearer {joined.json()['token']}"}, timeout=10).json()
        assert status["state"] == "booked"
    finally:
        controller.stop()
