"""``calllist users …`` and ``calllist demo``: the people who work with the store; a demo store."""

from __future__ import annotations

import argparse

from calllist_desktop.cli.common import (
    EXIT_OK,
    print_items,
)
from calllist_desktop.core.i18n import in_language
from calllist_desktop.store import access
from calllist_desktop.store.store import Store


def cmd_users_add(args: argparse.Namespace, store: Store) -> int:
    db_role: str | None = None  # the person's own PostgreSQL role, made with the user (one transaction)
    if access.is_postgresql(store.engine) and (
        args.db_role or (not args.no_db_role and store.db_roles_for_new_users)
    ):
        db_role = args.db_role or args.login.strip()
    user = store.add_user(
        args.login,
        args.name,
        role="admin" if args.admin else "operator",
        autocall=args.autocall,
        db_role=db_role,
    )
    print(in_language(f"ユーザーを追加しました: {user.login}", f"added user {user.login}"))
    if db_role is not None:
        print(
            in_language(
                f"データベースのロール {db_role} (LOGIN, パスワードなし) を用意しました。パスワードは "
                f"ALTER ROLE で設定し、各自の ~/.pgpass かサービスファイルに置いてください",
                f"database role {db_role} ready (LOGIN, no password): set one with ALTER ROLE and keep it "
                "in that person's ~/.pgpass or service file (docs/team.md)",
            )
        )
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace, store: Store) -> int:
    print_items(
        store.users(),
        as_json=args.json,
        headers=[
            in_language("ログイン", "login"),
            in_language("名前", "name"),
            in_language("役割", "role"),
            in_language("オートコール", "auto-call"),
        ],
        row=lambda u: [
            u.login,
            u.display_name,
            u.role + _inactive_mark(u.active),
            "yes" if u.autocall_enabled else "-",
        ],
    )
    return EXIT_OK


def _inactive_mark(active: bool) -> str:
    return "" if active else in_language("(無効)", "(inactive)")


def cmd_users_deactivate(args: argparse.Namespace, store: Store) -> int:
    """``users deactivate LOGIN``: keeps their history; they cannot sign in or be assigned (SPEC §11)."""
    user = store.set_user_active(args.login, False)
    print(in_language(f"ユーザーを無効化しました: {user.login}", f"deactivated user {user.login}"))
    return EXIT_OK


def cmd_users_activate(args: argparse.Namespace, store: Store) -> int:
    user = store.set_user_active(args.login, True)
    print(in_language(f"ユーザーを有効化しました: {user.login}", f"activated user {user.login}"))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, store: Store) -> int:
    from calllist_desktop.store.demo import seed_demo_data

    created = seed_demo_data(store)
    if created:
        print(in_language("デモデータを作成しました", "demo data created"))
    else:
        print(
            in_language(
                "データが既にあるため、何も追加しませんでした", "the store already has data; nothing added"
            )
        )
    return EXIT_OK
