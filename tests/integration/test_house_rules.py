"""The house rules' checks (`scripts/check-imports`, `check-refusals`, `check-sizes`) on a small copy of the layout:
it passes what the README's table allows and names each file that imports more."""
import pathlib
import subprocess

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "check-imports"

README = """# Loket
<!-- imports -->
| target | may import |
|---|---|
| `LoketDomain` | nothing of Loket |
| `LoketWeb` | `LoketDomain`, `LoketApp` |
<!-- /imports -->
"""


def layout(root: pathlib.Path, files: dict) -> pathlib.Path:
    (root / "README.md").write_text(README)
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def check(root):
    return subprocess.run([str(SCRIPT), str(root)], capture_output=True, text=True)


def test_allowed_imports_pass(tmp_path):
    root = layout(tmp_path, {"Sources/LoketDomain/Desk.swift": "import Foundation\n",
                             "Sources/LoketWeb/Page.swift": "import Hummingbird\nimport LoketApp\n"
                                                            "@preconcurrency import LoketDomain\n"})
    assert check(root).returncode == 0


def test_each_forbidden_import_is_named(tmp_path):
    root = layout(tmp_path, {"Sources/LoketDomain/Desk.swift": "public import struct LoketWeb.Page\n",
                             "Sources/LoketWeb/Page.swift": "import LoketApp\n@testable import LoketStorage\n"})
    result = check(root)
    assert result.returncode == 1
    assert "Sources/LoketWeb/Page.swift: imports LoketStorage, which LoketWeb may not" in result.stderr
    assert "Sources/LoketDomain/Desk.swift: imports LoketWeb, which LoketDomain may not" in result.stderr


def test_a_target_missing_from_the_table_fails(tmp_path):
    root = layout(tmp_path, {"Sources/LoketDomain/Desk.swift": "", "Sources/LoketNew/New.swift": ""})
    result = check(root)
    assert result.returncode == 1 and "Sources/LoketNew: not in the README's table" in result.stderr


REFUSALS = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "check-refusals"


def test_storage_names_refusals_and_words_none(tmp_path):
    """`scripts/check-refusals`: storage throws refusals the domain words (`Refusal.slotFull`),
    and each one it words itself is named by file and line."""
    (tmp_path / "named").mkdir()
    (tmp_path / "worded").mkdir()
    named = layout(tmp_path / "named", {"Sources/LoketStorage/Holds.swift": "throw Refusal.slotFull\n",
                                        "Sources/LoketDomain/Refusal.swift": 'Refusal(.conflict, field: "slot")\n'})
    assert subprocess.run([str(REFUSALS), str(named)], capture_output=True).returncode == 0
    worded = layout(tmp_path / "worded", {"Sources/LoketStorage/Holds.swift":
                                          'let ok = 1\nthrow Refusal(.conflict, field: "slot", code: "full", "Full.")\n',
                                          "Sources/LoketStorage/Keys.swift": 'throw Refusal.invalid("key", "x", "y")\n'})
    result = subprocess.run([str(REFUSALS), str(worded)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Sources/LoketStorage/Holds.swift:2:" in result.stderr
    assert "Sources/LoketStorage/Keys.swift:1:" in result.stderr


SIZES = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "check-sizes"


def swift_function(name: str, lines: int) -> str:
    """A function whose declaration, body and closing brace take `lines` lines, with braces in a
    string, in a string inside an interpolation, and in a comment, none of which may count."""
    body = ['        let text = "}}}"  // }', '        let list = "\\(xs.map { "\\($0)}" })"'] * (lines // 2)
    body = body[:lines - 2]
    return f"    func {name}() {{\n" + "\n".join(body) + "\n    }\n"


def test_long_files_and_functions_are_named(tmp_path):
    """`scripts/check-sizes`: a function of 80 lines passes, of 81 is named with its line; a file
    over 400 lines is named; a test function may be longer."""
    files = {
        "Sources/LoketDomain/Fine.swift": "struct Fine {\n" + swift_function("eighty", 80) + "}\n",
        "Sources/LoketDomain/Long.swift": "struct Long {\n" + swift_function("eightyOne", 81) + "}\n",
        "Sources/LoketDomain/Big.swift": "// a line\n" * 401,
        "Tests/LoketDomainTests/LongTest.swift": "struct T {\n" + swift_function("long", 120) + "}\n",
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    result = subprocess.run([str(SIZES), str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Sources/LoketDomain/Long.swift:2: a function of 81 lines" in result.stderr
    assert "Sources/LoketDomain/Big.swift: 401 lines" in result.stderr
    assert "Fine.swift" not in result.stderr and "LongTest.swift" not in result.stderr
