"""Erlang A (M/M/c+M) three ways: `loket queue --patience` (the engine's impatient-caller
simulation beside the exact formulas) and Ciw's reneging simulation, on the same queue below and
above 100% load. No server is started.

Tolerances: Ciw runs 20,000 measured callers (a few seconds); the standard error of a share is at
most sqrt(0.25 / 20,000) = 0.0035, about doubled by the correlation between neighbouring callers,
so shares are held to 0.025 (over three of those errors) and the mean wait of the answered,
whose relative error is larger, to 10%. loket simulates 400,000 callers, well inside that."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BINARY, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import queue_models  # noqa: E402

SHARES = ("probabilityOfWaiting", "abandonedShare", "serviceLevel")

# λ, μ, c, mean patience, answering time; the exact values from the dense chain solved in SciPy
# (the same reference as Tests/LoketSimulationTests/ErlangATests.swift).
CASES = [
    pytest.param(9.0, 1.0, 10, 2.0, 0.2,
                 {"probabilityOfWaiting": 0.4689417044, "abandonedShare": 0.0670117155,
                  "meanWaitOfAnswered": 0.1259104855, "serviceLevel": 0.7113996888}, id="load-0.9"),
    pytest.param(12.0, 1.0, 10, 1.0, 0.1,
                 {"probabilityOfWaiting": 0.7576078383, "abandonedShare": 0.213632353,
                  "meanWaitOfAnswered": 0.2098854279, "serviceLevel": 0.3504839543}, id="load-1.2"),
]


def loket_queue(lam, mu, c, patience, within):
    out = subprocess.run(
        [str(BINARY), "queue", "--arrival-rate", str(lam), "--service-rate", str(mu), "--servers", str(c),
         "--patience", str(patience), "--within", str(within), "--customers", "400000", "--seed", "5", "--json"],
        check=True, capture_output=True, text=True, timeout=120).stdout
    return json.loads(out)


@pytest.mark.parametrize("lam,mu,c,patience,within,reference", CASES)
def test_loket_ciw_and_erlang_a_agree(lam, mu, c, patience, within, reference):
    loket = loket_queue(lam, mu, c, patience, within)
    exact = loket["erlangA"]
    ciw = queue_models.ciw_mmcm(lam, mu, c, patience, customers=20_000, warmup=2_000, seed=5, within=within)
    # The exact formulas against the independent chain solution.
    for key, value in reference.items():
        assert exact[key] == pytest.approx(value, abs=1e-8), key
    for key in SHARES:
        assert loket[key] == pytest.approx(exact[key], abs=0.01), f"loket {key}"
        assert ciw[key] == pytest.approx(exact[key], abs=0.025), f"Ciw {key}"
        assert ciw[key] == pytest.approx(loket[key], abs=0.03), f"loket vs Ciw {key}"
    assert loket["meanWaitOfAnswered"] == pytest.approx(exact["meanWaitOfAnswered"], rel=0.05)
    assert ciw["meanWaitOfAnswered"] == pytest.approx(exact["meanWaitOfAnswered"], rel=0.10)
    assert loket["customers"] == 400_000 and ciw["customers"] == 20_000


def test_overload_needs_patience():
    """Without patience an overloaded queue has no steady state, and loket refuses it."""
    result = subprocess.run(
        [str(BINARY), "queue", "--arrival-rate", "12", "--service-rate", "1", "--servers", "10"],
        capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "--patience" in result.stderr
