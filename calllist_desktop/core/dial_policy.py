"""Which numbers may be dialled at all, whatever list they are in (SPEC §9).

Premium-rate numbers (ダイヤル Q2, 0990) and international numbers (not +81) are refused unless a
manager allows them for the whole store (``store_settings``: :data:`ALLOW_PREMIUM`,
:data:`ALLOW_INTERNATIONAL`). The do-not-call list is the store's; this module only knows the
numbering plan, so the store, the CLI and the window give the same answer.
"""

from __future__ import annotations

from enum import StrEnum

ALLOW_PREMIUM = "dial.allow_premium"
"""Store setting (bool): premium-rate (0990) numbers may be dialled."""
ALLOW_INTERNATIONAL = "dial.allow_international"
"""Store setting (bool): numbers outside Japan may be dialled."""

PREMIUM_PREFIXES = ("+81990",)


class Refusal(StrEnum):
    """Why a number is never dialled."""

    DO_NOT_CALL = "do_not_call"  # on the store's do-not-call list (発信禁止番号)
    PREMIUM = "premium"  # premium-rate (0990), not allowed by a manager
    INTERNATIONAL = "international"  # outside Japan, not allowed by a manager


def number_refusal(phone: str, *, allow_premium: bool, allow_international: bool) -> Refusal | None:
    """Why the E.164 number ``phone`` may not be dialled by the numbering plan, or ``None``."""
    if not phone.startswith("+81"):
        return None if allow_international else Refusal.INTERNATIONAL
    if phone.startswith(PREMIUM_PREFIXES) and not allow_premium:
        return Refusal.PREMIUM
    return None
