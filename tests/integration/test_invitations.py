"""Invitations from the command line against a real server: `loket invite` makes one whose link
books, and `loket uninvite` takes it back, so its person books nothing more."""
import subprocess

import requests

from conftest import BINARY


def test_an_operator_invites_and_uninvites_from_the_command_line(servers, tmp_path):
    server = servers(str(tmp_path / "invitations.sqlite"), extra_args=["--clock-start", "2026-12-07T07:00:00Z"])
    link = server.invite("2718281828", "1985-03-14", email="kim@example.nl")
    invitation = link.split("/book/invitation/")[1].split("?")[0]

    def book(slot_index):
        slots = requests.get(server.url("/api/v1/desks/DH/slots"), params={"product": "BIO"}, timeout=10).json()["slots"]
        hold = requests.post(server.url("/api/v1/holds"),
                             json={"desk": "DH", "product": "BIO", "slot": slots[slot_index]["key"]}, timeout=10).json()
        return requests.post(server.url("/api/v1/appointments"), json={
            "hold": hold["id"], "holdToken": hold["token"],
            "customer": {"name": "Kim Lee", "email": "kim@example.nl", "vNumber": "2718281828",
                         "dateOfBirth": "1985-03-14", "language": "en"}}, timeout=10)

    done = subprocess.run([str(BINARY), "uninvite", invitation, "--database", server.database, "--log-level", "warning"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Invitation {invitation} withdrawn."
    refused = book(0)
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "not_invited", refused.text
    # Once only; an unknown id says so and fails.
    again = subprocess.run([str(BINARY), "uninvite", invitation, "--database", server.database, "--log-level", "warning"],
                           capture_output=True, text=True, timeout=60)
    assert again.returncode != 0 and f"There is no open invitation {invitation}." in again.stderr

    # A fresh invitation books.
    server.invite("2718281828", "1985-03-14", email="kim@example.nl")
    assert book(1).status_code == 201
