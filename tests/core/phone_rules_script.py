"""``packaging/phone_rules.py`` loaded as a module, for the tests of the phone rules it writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "phone_rules.py"

_spec = importlib.util.spec_from_file_location("phone_rules", SCRIPT)
assert _spec is not None and _spec.loader is not None
phone_rules = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(phone_rules)
