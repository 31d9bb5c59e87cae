"""Problems found in an import, each with a stable code, a spreadsheet row and a readable message.

The codes are part of the program's interface (CLI JSON, tests, the import preview); the
messages are made from them in the current language (``MESSAGES`` below).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from calllist_desktop.core.i18n import Language, current_language


class IssueCode(StrEnum):
    """Stable codes for import errors (the import is rejected) and warnings (it goes ahead)."""

    # errors: any one of them rejects the whole import
    DUPLICATE_PHONE = "duplicate_phone"
    MISSING_NAME = "missing_name"
    INVALID_PHONE = "invalid_phone"
    TOO_MANY_CATEGORIES = "too_many_categories"
    LIST_FULL = "list_full"
    MISSING_HEADER = "missing_header"
    BAD_HEADER = "bad_header"
    UNREADABLE_FILE = "unreadable_file"
    # warnings: reported, the import still goes ahead
    LEADING_ZERO_RESTORED = "leading_zero_restored"
    NO_ROWS = "no_rows"
    EXTENSION_DROPPED = "extension_dropped"
    REASSIGNED = "reassigned"
    UNKNOWN_ASSIGNEE = "unknown_assignee"
    UNKNOWN_TARGETED = "unknown_targeted"


WARNING_CODES = frozenset(
    {
        IssueCode.LEADING_ZERO_RESTORED,
        IssueCode.NO_ROWS,
        IssueCode.EXTENSION_DROPPED,
        IssueCode.REASSIGNED,
        IssueCode.UNKNOWN_ASSIGNEE,
        IssueCode.UNKNOWN_TARGETED,
    }
)

# Errors of one row: an import may skip such rows when asked to (SPEC §2). The others (header,
# unreadable file, list_full) are errors of the whole file or list and always reject it.
ROW_ERROR_CODES = frozenset(
    {IssueCode.DUPLICATE_PHONE, IssueCode.MISSING_NAME, IssueCode.INVALID_PHONE, IssueCode.TOO_MANY_CATEGORIES}
)

# Message templates by code and language; ``str.format`` fills them from ``ImportIssue.params``.
MESSAGES: dict[IssueCode, dict[Language, str]] = {
    # params: phone (the cell as written), number (its national form), rows ("2, 5")
    IssueCode.DUPLICATE_PHONE: {
        "ja": "電話番号「{phone}」（{number}）がファイル内で重複しています（{rows} 行目）",
        "en": "The phone number “{phone}” ({number}) appears more than once in the file (rows {rows})",
    },
    IssueCode.MISSING_NAME: {
        "ja": "取引先会社名と取引先担当者名がどちらも空です。どちらかを入力してください",
        "en": "Both the company (取引先会社名) and the person (取引先担当者名) are empty; "
        "fill in at least one of them",
    },
    # params: phone (the cell as written, possibly empty)
    IssueCode.INVALID_PHONE: {
        "ja": "電話番号が正しくありません: 「{phone}」",
        "en": "Not a valid phone number: “{phone}”",
    },
    # params: count, limit
    IssueCode.TOO_MANY_CATEGORIES: {
        "ja": "カテゴリーが多すぎます: {count} 個（1 行に {limit} 個まで）",
        "en": "Too many categories: {count} (at most {limit} per row)",
    },
    # params: limit, in_list (targets the list holds), adding (new numbers in the file)
    IssueCode.LIST_FULL: {
        "ja": "発信先リストの上限 {limit} 件を超えます（リストに {in_list} 件、"
        "このファイルで新たに {adding} 件が加わります）",
        "en": "The call list would exceed its limit of {limit} targets "
        "(it holds {in_list}; this file would add {adding})",
    },
    # params: expected (the required column names)
    IssueCode.MISSING_HEADER: {
        "ja": "見出し行がありません。1 行目に列名（{expected}）を入れてください",
        "en": "No header row: the first row must name the columns "
        "({expected}, or company, person, phone, categories)",
    },
    # params: missing, duplicated (column names, "-" when none), expected
    IssueCode.BAD_HEADER: {
        "ja": "見出し行の列名が正しくありません（足りない列: {missing}、重複した列: {duplicated}）。"
        "必要な列: {expected}",
        "en": "The header row is wrong (missing: {missing}; duplicated: {duplicated}). "
        "Required columns: {expected} (or company, person, phone, categories)",
    },
    # params: encoding (the one tried, as shown to users)
    IssueCode.UNREADABLE_FILE: {
        "ja": "ファイルを CSV として読み込めません（文字コード: {encoding}）。CSV ファイルであること、"
        '引用符 (") が閉じていることを確かめ、別の文字コードか「自動判別」を選んで読み込み直してください',
        "en": "Cannot read the file as CSV (encoding: {encoding}). Check that it is a CSV text file "
        'with closed quotes ("), or try another encoding or “auto”',
    },
    # params: phone (the cell as written), restored (the national form read)
    IssueCode.LEADING_ZERO_RESTORED: {
        "ja": "電話番号「{phone}」は先頭の 0 が抜けているため、{restored} として読み込みます",
        "en": "The phone number “{phone}” had lost its leading 0; it is read as {restored}",
    },
    IssueCode.NO_ROWS: {
        "ja": "見出し行だけで、発信先の行がありません",
        "en": "The file has a header row but no targets",
    },
    # params: phone (the cell as written), extension, number (the national form read)
    IssueCode.EXTENSION_DROPPED: {
        "ja": "電話番号「{phone}」の内線 {extension} は取り込まず、{number} として読み込みます",
        "en": "The extension {extension} of “{phone}” is not kept; the number is read as {number}",
    },
    # params: count, previous (the operator's name and login), assignee (the new one's), rows
    IssueCode.REASSIGNED: {
        "ja": "{previous} が担当する番号 {count} 件の担当者が {assignee} に変わります"
        "（この番号を含むすべてのリストで。行: {rows}）",
        "en": "{count} numbers assigned to {previous} are moved to {assignee} "
        "(in every list that holds them; rows {rows})",
    },
    # params: name (the cell), reason ("unknown": no such user; "ambiguous": several users have
    # this display name), filled in as {why} from _ASSIGNEE_REASONS
    IssueCode.UNKNOWN_ASSIGNEE: {
        "ja": "発信担当者「{name}」{why}。この番号の担当者は変わりません",
        "en": "The assignee “{name}” {why}; the number keeps its assignee",
    },
    # params: value (the cell), targeted, excluded (the two values understood)
    IssueCode.UNKNOWN_TARGETED: {
        "ja": "発信対象「{value}」は「{targeted}」でも「{excluded}」でもありません。発信対象外の設定は変わりません",
        "en": "The 発信対象 value “{value}” is neither “{targeted}” nor “{excluded}”; the target's flag is left as it is",
    },
}

_ASSIGNEE_REASONS: dict[str, dict[Language, str]] = {
    "unknown": {"ja": "というユーザーはいません", "en": "names no user"},
    "ambiguous": {
        "ja": "という表示名のユーザーが複数います（ログインで書いてください）",
        "en": "is the display name of several users (write the login)",
    },
}

# unreadable_file when the file is UTF-8 apart from a few bad bytes. params: bytes, rows
_BAD_BYTES: dict[Language, str] = {
    "ja": "この行に UTF-8 として読めないバイト ({bytes}) があります。ファイルは UTF-8 ですが一部が壊れています"
    "（該当する行: {rows}）。その文字を直すか、文字コードを選んで読み込み直してください",
    "en": "This row holds bytes that are not UTF-8 ({bytes}): the file is UTF-8 with a few broken characters "
    "(rows {rows}). Fix those characters, or choose the encoding yourself",
}


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """One error or warning.

    ``row`` is the row number as a spreadsheet shows it (the header is row 1; whole-file problems
    such as a bad header use 1). ``column`` is the canonical Japanese column name (電話番号 …) or
    ``None`` for problems of a whole row or file. ``params`` fill the message template.
    """

    row: int
    column: str | None
    code: IssueCode
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.code not in WARNING_CODES

    @property
    def message(self) -> str:
        """The message in the current language (see ``core.i18n``)."""
        return self.message_in(current_language())

    def message_in(self, language: Language) -> str:
        """The message in the given language, its template filled from ``params``."""
        if self.code is IssueCode.UNREADABLE_FILE and "bytes" in self.params:
            return _BAD_BYTES[language].format(**self.params)
        if self.code is IssueCode.UNKNOWN_ASSIGNEE:
            why = _ASSIGNEE_REASONS[self.params["reason"]][language]
            return MESSAGES[self.code][language].format(why=why, **self.params)
        return MESSAGES[self.code][language].format(**self.params)

    def to_json(self) -> dict[str, Any]:
        """The shape the CLI prints: ``{"row", "column", "code", "message"}``."""
        return {"row": self.row, "column": self.column, "code": str(self.code), "message": self.message}
