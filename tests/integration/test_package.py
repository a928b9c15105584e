"""The release package as an operator gets it: `scripts/package` makes a tarball whose binary,
unpacked in an empty folder, runs with the resources it carries (the build's own are moved away
for the test) and without the Swift runtime installed beside it, and books through it."""
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import requests

from conftest import ROOT, Server


def test_the_packaged_binary_runs_from_an_empty_folder_and_books(tmp_path):
    # A debug build: the release build's optimisation would take CI half an hour more.
    made = subprocess.run([str(ROOT / "scripts" / "package"), "--configuration", "debug", "--out", str(tmp_path / "dist")],
                          capture_output=True, text=True, timeout=1800)
    assert made.returncode == 0, made.stderr
    tarball = Path(made.stdout.strip().splitlines()[-1])
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
        archive.extractall(tmp_path / "unpacked", filter="data")
    folder = tmp_path / "unpacked" / names[0].split("/")[0]
    for part in ["loket", "loket.service", "Containerfile", "loket.env", "VERSION",
                 "loket_LoketConfig.resources/desk-network.yaml", "loket_LoketWeb.resources"]:
        assert (folder / part).exists(), part
    unit = (folder / "loket.service").read_text()
    for hardening in ["DynamicUser=yes", "StateDirectory=loket", "ProtectSystem=strict", "NoNewPrivileges=yes",
                      "Restart=on-failure", "ExecStartPre=/opt/loket/loket check"]:
        assert hardening in unit, hardening
    # systemd reads the unit without a complaint (with the binary where the unit expects it
    # rewritten to the unpacked one), and rates its exposure "OK" or better (below 4).
    if shutil.which("systemd-analyze"):
        placed = tmp_path / "unit" / "loket.service"
        placed.parent.mkdir()
        placed.write_text(unit.replace("/opt/loket/loket", str(folder / "loket")))
        verified = subprocess.run(["systemd-analyze", "verify", str(placed)], capture_output=True, text=True)
        assert verified.returncode == 0 and "loket.service" not in verified.stderr, verified.stderr
        security = subprocess.run(["systemd-analyze", "security", "--offline=yes", "--threshold=39", str(placed)],
                                  capture_output=True, text=True)
        assert security.returncode == 0, security.stdout[-600:]
    # The version it says is the CHANGELOG's latest release.
    released = re.search(r"^## (\d+\.\d+\.\d+)", (ROOT / "CHANGELOG.md").read_text(), re.M).group(1)
    said = subprocess.run([str(folder / "loket"), "--version"], capture_output=True, text=True).stdout.strip()
    assert said == released, (said, released)
    linked = subprocess.run(["ldd", str(folder / "loket")], capture_output=True, text=True).stdout
    assert "libswiftCore" not in linked and "libFoundation" not in linked, linked

    # The package build's own resources away (the binary would fall back to them), so that only
    # the package's can be found.
    build = ROOT / ".build-package" / "debug"
    moved = [bundle for bundle in build.glob("loket_*.resources")]
    for bundle in moved:
        bundle.rename(bundle.with_name(bundle.name + ".away"))
    empty = tmp_path / "run"
    empty.mkdir()
    try:
        checked = subprocess.run([str(folder / "loket"), "check"], cwd=empty, capture_output=True, text=True)
        assert checked.returncode == 0 and "valid" in checked.stdout, checked.stderr
        server = Server("loket.sqlite", binary=folder / "loket", cwd=empty,
                        extra_args=["--clock-start", "2026-12-07T07:00:00Z"])
        try:
            slots = requests.get(server.url("/api/v1/desks/DH/slots"), params={"product": "VAA"}, timeout=10).json()
            hold = requests.post(server.url("/api/v1/holds"), timeout=10,
                                 json={"desk": "DH", "product": "VAA", "slot": slots["slots"][0]["key"]}).json()
            booked = requests.post(server.url("/api/v1/appointments"), timeout=10, json={
                "hold": hold["id"], "holdToken": hold["token"],
                "customer": {"name": "Pak Ket", "email": "pak@example.nl", "vNumber": "5550001112", "language": "en"}})
            assert booked.status_code == 201, booked.text
            page = requests.get(server.url("/"), timeout=10)
            assert page.status_code == 200 and "<!DOCTYPE html>" in page.text
        finally:
            server.stop()
        assert (empty / "loket.sqlite").exists()
    finally:
        for bundle in moved:
            bundle.with_name(bundle.name + ".away").rename(bundle)
