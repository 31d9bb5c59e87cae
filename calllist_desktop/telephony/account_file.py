"""Where the SIP account lives between runs: one JSON file shared by the window and the CLI.

The desktop's 設定 dialog writes it and ``calllist autocall --line sip`` reads it, so a person
sets the account up once. The file holds no password (that is in the system keyring, see
:mod:`calllist_desktop.telephony.account`). ``CALLLIST_SIP_ACCOUNT`` names another file (tests,
several accounts on one machine).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # loaded once there is a file to read: the desktop starts without it otherwise
    from calllist_desktop.telephony.account import SipAccount

log = logging.getLogger(__name__)

ENV_VAR = "CALLLIST_SIP_ACCOUNT"


def account_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("calllist-desktop", appauthor=False) / "sip_account.json"


def load_account(path: Path | None = None) -> SipAccount | None:
    """The saved account, or ``None`` when none is saved or the file cannot be read (logged)."""
    path = path or account_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("the SIP account file %s cannot be read: %s", path, exc)
        return None
    if not isinstance(data, dict):
        log.warning("the SIP account file %s does not hold an account", path)
        return None
    from calllist_desktop.telephony.account import SipAccount

    return SipAccount.from_mapping(data)


def save_account(account: SipAccount, path: Path | None = None) -> None:
    """Write the account atomically (a crash leaves the old file or the new one, never half)."""
    write_json(path or account_path(), account.to_mapping())


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON in one step: a crash leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
