"""The OpenAPI document is the contract: schemathesis, with every check, against a real `loket serve`
and the document that server serves, finds no failure.

Rules JSON Schema cannot state (dates relative to today, one date relative to another, the BSN
eleven-test) are listed in the document per operation under `x-beyond-schema`; for those
operations alone a 422 to schema-valid data is expected. Everything else is checked as is.
"""
import json
import sqlite3
import subprocess
import sys
import time

import requests
import yaml

from conftest import BINARY, ROOT

DOCUMENT = ROOT / "Sources" / "LoketHTTP" / "Resources" / "openapi.json"
SEED = 20260901
EXAMPLES = 50


def beyond_schema_config(document: dict, keys: dict[str, str]) -> str:
    """schemathesis.toml: 422 counts as a valid answer to schema-valid data where the document says why;
    an operation secured by a scheme in `keys` is sent that key instead of the partner's."""
    sections = []
    for item in document["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("x-beyond-schema"):
                schemes = [name for requirement in operation.get("security", []) for name in requirement]
                key = next((keys[name] for name in schemes if name in keys), None)
                sections.append(
                    "[[operations]]\n"
                    f'include-operation-id = "{operation["operationId"]}"\n'
                    'checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422"]\n'
                    + (f'headers = {{ Authorization = "Bearer {key}" }}\n' if key else ""))
    return "\n".join(sections)


def test_the_server_keeps_its_openapi_contract(servers, tmp_path):
    database = str(tmp_path / "contract.sqlite")
    # The shipped network, with the per-client limits off: schemathesis is one client sending
    # thousands of requests, and would otherwise meet 429s that say nothing about the contract.
    network = yaml.safe_load((ROOT / "Sources" / "LoketConfig" / "Resources" / "desk-network.yaml").read_text())
    network["fairAccess"]["limits"]["enabled"] = False
    desks = tmp_path / "desk-network.yaml"
    desks.write_text(yaml.safe_dump(network))
    server = servers(database, desks=desks, extra_args=["--public-metrics"])  # /metrics is part of the contract
    # A partner key, so that the partner endpoints are tested past their 401.
    output = subprocess.run([str(BINARY), "partner", "--name", "Contract", "--quota", "DH=40", "--database", database],
                            check=True, capture_output=True, text=True).stdout.splitlines()
    api_key = output[1]
    assert api_key.startswith("lk_")
    # A case system's key, so that recording biometric captures is tested past its 401.
    case_system = subprocess.run([str(BINARY), "case-system", "--name", "Contract", "--database", database],
                                 check=True, capture_output=True, text=True).stdout.splitlines()[1]
    assert case_system.startswith("lkcs_")

    served = requests.get(server.url("/openapi.json"), timeout=10).json()
    assert served == json.loads(DOCUMENT.read_text()), "the server serves the document in the tree"
    config = tmp_path / "schemathesis.toml"
    config.write_text(beyond_schema_config(served, {"caseSystemKey": case_system}))

    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "--no-color",
         "run", server.url("/openapi.json"), "--url", server.base,
         "--checks", "all", "--seed", str(SEED), "--generation-deterministic", "--max-examples", str(EXAMPLES),
         "--workers", "1", "--request-timeout", "10",
         # The nested customer patterns of a partner batch make Hypothesis discard many drafts; that is
         # a limit of the generator, not a contract failure.
         "--suppress-health-check", "filter_too_much",
         "--header", f"Authorization: Bearer {api_key}"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)  # its cache stays out of the tree
    report = result.stdout + result.stderr
    assert result.returncode == 0, f"schemathesis found contract failures:\n{report}"
    assert "FAILURES" not in report, report
    print(f"schemathesis passed in {time.monotonic() - started:.0f}s")
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM biometric_captures").fetchone()[0] > 0, "no capture was recorded"
