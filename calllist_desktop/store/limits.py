"""How long names may be, one limit for SQLite and PostgreSQL, checked before anything is written.

SQLite stores a string of any length in a ``VARCHAR(200)``; PostgreSQL refuses it with a
driver error half-way through the command. So the store checks first and says the same on both.
A login is also the default name of its PostgreSQL role, which holds at most 63 bytes (longer
names are cut short silently: a 74-character login got a 63-character role), so logins and
role names are limited to that everywhere.
"""

from __future__ import annotations

from calllist_desktop.store.errors import StoreError

ROLE_NAME_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1
LOGIN_BYTES = ROLE_NAME_BYTES  # a login is its database role's default name
LIST_NAME_CHARS = 200  # call_lists.name
DISPLAY_NAME_CHARS = 200  # users.display_name


def _checked(value: str, en: str, ja: str, *, chars: int | None = None, utf8_bytes: int | None = None) -> str:
    """``value`` trimmed, or a :class:`StoreError` naming what (``en`` / ``ja``) is wrong with it."""
    value = value.strip()
    if not value:
        raise StoreError(f"{en} cannot be empty", f"{ja}が空です")
    try:
        size = len(value.encode("utf-8"))
    except UnicodeEncodeError:  # bytes that were not UTF-8, kept by Python as surrogates
        raise StoreError(f"{en} is not valid text (UTF-8)", f"{ja}が正しい文字 (UTF-8) ではありません") from None
    if chars is not None and len(value) > chars:
        raise StoreError(
            f"{en} can have at most {chars} characters (this one has {len(value)})",
            f"{ja}は {chars} 文字までです (この{ja}は {len(value)} 文字)",
        )
    if utf8_bytes is not None and size > utf8_bytes:
        raise StoreError(
            f"{en} can have at most {utf8_bytes} bytes (ASCII letters; a Japanese character takes 3) "
            f"(this one has {size})",
            f"{ja}は {utf8_bytes} バイトまでです (英数字 {utf8_bytes} 文字、日本語は 1 文字 3 バイト。この{ja}は {size} バイト)",
        )
    return value


def list_name(value: str) -> str:
    return _checked(value, "a list name", "リスト名", chars=LIST_NAME_CHARS)


def login(value: str) -> str:
    return _checked(value, "a login", "ログイン", utf8_bytes=LOGIN_BYTES)


def display_name(value: str) -> str:
    return _checked(value, "a display name", "表示名", chars=DISPLAY_NAME_CHARS)


def role_name(value: str) -> str:
    return _checked(value, "a database role name", "データベースのロール名", utf8_bytes=ROLE_NAME_BYTES)
