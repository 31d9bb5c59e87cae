"""The CSV columns of a call target list, by their Japanese names (those of the commercial product).

Import reads the first four; export writes all of them, so an exported file imports again.
"""

from __future__ import annotations

from typing import Final

COMPANY: Final = "取引先会社名"
PERSON: Final = "取引先担当者名"
PHONE: Final = "電話番号"
CATEGORIES: Final = "カテゴリー"

IMPORT_COLUMNS: Final = (COMPANY, PERSON, PHONE, CATEGORIES)

# English aliases accepted on import (compared case-insensitively).
ALIASES: Final = {"company": COMPANY, "person": PERSON, "phone": PHONE, "categories": CATEGORIES}

ASSIGNEE: Final = "発信担当者"
LAST_CALL_TYPE: Final = "最終通話種別"
LAST_CALL_STATUS: Final = "最終通話ステータス"
LAST_AGENT: Final = "最終担当者"
LAST_CALL_AT: Final = "最終通話日時"
TARGETED: Final = "発信対象"

EXPORT_COLUMNS: Final = IMPORT_COLUMNS + (
    ASSIGNEE,
    LAST_CALL_TYPE,
    LAST_CALL_STATUS,
    LAST_AGENT,
    LAST_CALL_AT,
    TARGETED,
)

# Import reads these two when a file has them (an exported file does): SPEC §3's round trip.
OPTIONAL_IMPORT_COLUMNS: Final = (ASSIGNEE, TARGETED)
OPTIONAL_ALIASES: Final = {"assignee": ASSIGNEE, "targeted": TARGETED}

CATEGORY_SEPARATOR: Final = "|"  # what export writes between categories
CATEGORY_SEPARATORS: Final = ("|", "｜")  # what import splits on: the full-width bar too
MAX_CATEGORIES: Final = 100
MAX_TARGETS_PER_LIST: Final = 5000

# A leading character that makes a spreadsheet run the cell as a formula; export writes such a
# value with a leading "'", import takes that "'" off again.
FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
