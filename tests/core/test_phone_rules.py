"""The Japanese formatting rules are generated from phonenumbers, and used only with that version
(``packaging/phone_rules.py``, ``core/phone_jp_rules.py``, ``core.phone_jp.rules_are_current``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import phonenumbers
import pytest

from calllist_desktop.core import phone_jp
from calllist_desktop.core.phone import format_national
from calllist_desktop.core.phone_jp_rules import PHONENUMBERS_VERSION
from tests.core.phone_rules_script import SCRIPT, phone_rules


def _check(output: Path | None = None) -> subprocess.CompletedProcess[str]:
    extra = ["--output", str(output)] if output else []
    return subprocess.run([sys.executable, str(SCRIPT), "--check", *extra], capture_output=True, text=True)


def test_the_generated_rules_are_what_the_script_makes_from_the_installed_phonenumbers() -> None:
    result = _check()
    assert result.returncode == 0, result.stderr
    assert phonenumbers.__version__ == PHONENUMBERS_VERSION


def test_the_check_fails_when_the_file_differs(tmp_path: Path) -> None:
    stale = tmp_path / "phone_jp_rules.py"
    stale.write_text(phone_rules.generate().replace(phonenumbers.__version__, "8.0.0"), encoding="utf-8")
    result = _check(stale)
    assert result.returncode == 1
    assert "make phone-rules" in result.stderr
    assert _check(tmp_path / "missing.py").returncode == 1


def test_the_script_writes_the_file_it_checks(tmp_path: Path) -> None:
    target = tmp_path / "rules.py"
    subprocess.run([sys.executable, str(SCRIPT), "--output", str(target)], check=True, capture_output=True)
    assert target.read_text(encoding="utf-8") == phone_rules.generate()
    assert _check(target).returncode == 0


@pytest.mark.parametrize(
    ("pattern", "strings"),
    [
        ("00777[01]", ["007770", "007771"]),
        ("(?:12|57|99)0", ["120", "570", "990"]),
        ("3|4(?:2(?:0|9[02-69])|7(?:0[019]|1))", ["3", "420", "4290", "4292", "4293", "4294", "4295", "4296", "4299", "4700", "4701", "4709", "471"]),
    ],
)
def test_leading_digits_are_expanded_to_the_strings_they_match(pattern: str, strings: list[str]) -> None:
    assert phone_rules.expand(pattern) == strings


@pytest.mark.parametrize("pattern", ["\\d", "1?", "2{2}", "[^3]", "(12", "1.", "[a-c]"])
def test_a_leading_digits_pattern_outside_the_known_kind_is_refused(pattern: str) -> None:
    with pytest.raises(ValueError):
        phone_rules.expand(pattern)


def test_a_pattern_that_is_not_a_row_of_digit_groups_is_refused() -> None:
    assert phone_rules.digit_groups("(\\d{4})(\\d)(\\d{3,4})") == ((4, 4), (1, 1), (3, 4))
    with pytest.raises(ValueError):
        phone_rules.digit_groups("(\\d{3,4})(\\d{4})")  # a group other than the last varies
    with pytest.raises(ValueError):
        phone_rules.digit_groups("(\\d{2})-(\\d{4})")


def test_the_installed_version_is_read_without_importing_phonenumbers() -> None:
    code = (
        "import sys\n"
        "from calllist_desktop.core.phone_jp import installed_phonenumbers_version, rules_are_current\n"
        "print(installed_phonenumbers_version(), rules_are_current(), 'phonenumbers' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == [phonenumbers.__version__, "True", "False"]


@pytest.fixture
def fresh_formatting() -> object:
    phone_jp.rules_are_current.cache_clear()
    format_national.cache_clear()
    yield
    phone_jp.rules_are_current.cache_clear()
    format_national.cache_clear()


def test_another_phonenumbers_version_formats_with_phonenumbers(monkeypatch: pytest.MonkeyPatch, fresh_formatting: object) -> None:
    # Rules that would give a wrong answer, to see which side formats.
    wrong = tuple((groups, "X" + number_format, leading, low, high) for groups, number_format, leading, low, high in phone_jp._RULES)
    monkeypatch.setattr(phone_jp, "_RULES", wrong)
    assert format_national("+81312345678").startswith("X")  # the generated rules, for this version
    monkeypatch.setattr(phone_jp, "installed_phonenumbers_version", lambda: "0.0.1")
    phone_jp.rules_are_current.cache_clear()
    format_national.cache_clear()
    assert format_national("+81312345678") == "03-1234-5678"  # phonenumbers itself
    assert format_national("+819012345678") == "090-1234-5678"


def test_no_installation_record_means_phonenumbers_formats(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_formatting: object) -> None:
    package = tmp_path / "phonenumbers"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "phonenumbers", raising=False)
    assert phone_jp.installed_phonenumbers_version() is None
    (tmp_path / "phonenumbers-1.2.3.dist-info").mkdir()
    assert phone_jp.installed_phonenumbers_version() == "1.2.3"
