"""pyproject.toml declares the licence the current way (PEP 639), so that building the package
(``make run`` installs it) prints no ``project.license`` deprecation warnings (issue 13)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_licence_is_an_spdx_expression_with_its_file() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"  # a string, not the deprecated {text = ...} table
    files = project["project"]["license-files"]
    assert files and all((ROOT / name).is_file() for name in files)
    assert "MIT License" in (ROOT / files[0]).read_text(encoding="utf-8")
    # setuptools reads an SPDX string from 77 on; an older one rejects it.
    assert any(req.replace(" ", "").startswith("setuptools>=7") and int(req.split(">=")[1]) >= 77
               for req in project["build-system"]["requires"] if req.startswith("setuptools"))
