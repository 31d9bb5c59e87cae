"""``calllist lists / import / export / targets / contacts / assign / exclude / include / remove``:
the call lists and their targets (SPEC §2, §3, §8).
"""

from __future__ import annotations

import argparse
import sys

from calllist_desktop.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    CliError,
    acting_user,
    parse_phones,
    print_items,
    print_json,
)
from calllist_desktop.cli.files import read_input, write_output
from calllist_desktop.core.csv_export import ExportEncodingError
from calllist_desktop.core.i18n import current_language, in_language
from calllist_desktop.core.phone import format_national
from calllist_desktop.store.errors import NotFound
from calllist_desktop.store.import_report import ImportReport
from calllist_desktop.store.store import Store
from calllist_desktop.store.views import TargetView


def cmd_lists_create(args: argparse.Namespace, store: Store) -> int:
    info = store.create_list(args.name)
    print(in_language(f"リストを作成しました: {info.name}", f"created list {info.name}"))
    return EXIT_OK


def cmd_lists_list(args: argparse.Namespace, store: Store) -> int:
    print_items(
        store.lists(),
        as_json=args.json,
        headers=[in_language("リスト名", "name"), in_language("発信先", "targets")],
        row=lambda info: [info.name, str(info.target_count)],
    )
    return EXIT_OK


def cmd_lists_rename(args: argparse.Namespace, store: Store) -> int:
    info = store.rename_list(args.old, args.new)
    print(
        in_language(f"リスト名を変更しました: {args.old} → {info.name}", f"renamed {args.old} to {info.name}")
    )
    return EXIT_OK


def cmd_lists_delete(args: argparse.Namespace, store: Store) -> int:
    if not args.yes:
        raise CliError(
            in_language(
                "リストを削除するには --yes を付けてください (連絡先と通話履歴は残ります)",
                "add --yes to delete the list (its contacts and call history stay)",
            )
        )
    removed = store.delete_list(args.name)
    print(
        in_language(
            f"リストを削除しました: {args.name} (発信先 {removed} 件。連絡先と通話履歴は残っています)",
            f"deleted list {args.name} ({removed} targets; contacts and call history kept)",
        )
    )
    return EXIT_OK


def _print_import_report(report: ImportReport) -> None:
    """Errors on stderr, one line each (SPEC §8); warnings and the summary on stdout."""
    for issue in report.errors:
        column = f" {issue.column}" if issue.column else ""
        print(
            in_language(f"エラー 行 {issue.row}{column}: ", f"error row {issue.row}{column}: ")
            + issue.message,
            file=sys.stderr,
        )
    for issue in report.warnings:
        column = f" {issue.column}" if issue.column else ""
        print(
            in_language(f"警告 行 {issue.row}{column}: ", f"warning row {issue.row}{column}: ")
            + issue.message
        )
    if not report.ok:
        print(
            in_language(
                f"取り込みを中止しました: エラー {len(report.errors)} 件。何も変更していません。",
                f"import rejected: {len(report.errors)} errors; nothing was changed.",
            ),
            file=sys.stderr,
        )
        return
    verb = (
        in_language("取り込めます (確認のみ)", "would import (dry run)")
        if report.dry_run
        else in_language("取り込みました", "imported")
    )
    print(
        in_language(
            f"{verb}: {report.imported} 件 (追加 {report.imported - report.overwritten}, 上書き "
            f"{report.overwritten}; 連絡先 新規 {report.created_contacts}, 更新 {report.updated_contacts})",
            f"{verb} {report.imported} targets ({report.imported - report.overwritten} added, "
            f"{report.overwritten} overwritten; contacts: {report.created_contacts} created, "
            f"{report.updated_contacts} updated)",
        )
    )
    if report.skipped_rows:
        rows = ", ".join(str(row) for row in report.skipped_rows)
        print(
            in_language(
                f"エラーのため取り込まなかった行 ({len(report.skipped_rows)} 行): {rows}",
                f"skipped {len(report.skipped_rows)} rows with errors: {rows}",
            )
        )
    if report.unassigned:
        print(
            in_language(
                f"担当者のいない発信先: {report.unassigned} 件 (calllist assign で設定できます)",
                f"{report.unassigned} of these targets have no assignee (set one with calllist assign)",
            )
        )


def cmd_import(args: argparse.Namespace, store: Store) -> int:
    data = read_input(args.file)
    if args.assignee is not None:
        store.user(args.assignee)
    try:
        list_id: int | None = store.list_by_name(args.list).id
    except NotFound:
        if not args.create:
            raise CliError(
                in_language(
                    f"リスト「{args.list}」がありません (--create で作成できます)",
                    f"no list named {args.list!r} (add --create to create it)",
                )
            ) from None
        list_id = None
    report = store.import_csv(
        list_id,
        data,
        assignee=args.assignee,
        encoding=args.encoding,
        dry_run=args.dry_run,
        skip_bad_rows=args.skip_bad_rows,
        new_list=args.list if list_id is None else None,  # created in the import's transaction
    )
    if args.json:
        print_json(report.to_json())
    else:
        _print_import_report(report)
    return EXIT_OK if report.ok else EXIT_REJECTED


def cmd_export(args: argparse.Namespace, store: Store) -> int:
    info = store.list_by_name(args.list)
    try:
        data = store.export_csv(info.id, args.encoding)
    except ExportEncodingError as exc:
        raise CliError(exc.message) from None
    path = write_output(args.output, data, store)
    if path is None:
        return EXIT_OK
    print(
        in_language(
            f"{info.target_count} 件を書き出しました: {path}",
            f"exported {info.target_count} targets to {path}",
        ),
        file=sys.stderr,
    )
    return EXIT_OK


def _filter_targets(targets: list[TargetView], args: argparse.Namespace) -> list[TargetView]:
    if args.category is not None:
        targets = [t for t in targets if args.category in t.categories]
    if args.status is not None:
        if args.status == "none":
            targets = [t for t in targets if t.last_call is None]
        else:
            targets = [t for t in targets if t.last_call is not None and t.last_call.outcome == args.status]
    return targets


def cmd_targets(args: argparse.Namespace, store: Store) -> int:
    info = store.list_by_name(args.list)
    if args.mine and args.assignee is not None:
        raise CliError(
            in_language("--mine と --assignee は同時に使えません", "use either --mine or --assignee")
        )
    assignee = acting_user(args, store, "--mine") if args.mine else args.assignee
    targets = store.targets(info.id, assignee=assignee, include_excluded=args.include_excluded)
    print_items(
        _filter_targets(targets, args),
        as_json=args.json,
        headers=[
            in_language("発信対象外", "excluded"),
            in_language("取引先会社名", "company"),
            in_language("取引先担当者名", "person"),
            in_language("電話番号", "phone"),
            in_language("カテゴリー", "categories"),
            in_language("発信担当者", "assignee"),
            in_language("最終通話種別", "last type"),
            in_language("最終通話ステータス", "last status"),
            in_language("最終担当者", "last agent"),
            in_language("最終通話日時", "last call"),
        ],
        row=_target_row,
    )
    return EXIT_OK


def _target_row(t: TargetView) -> list[str]:
    last = t.last_call
    status = call_type = ""
    if last is not None:
        japanese = current_language() == "ja"
        status = (last.outcome.label_ja if japanese else last.outcome.label_en) if last.outcome else "…"
        call_type = last.direction.label_ja if japanese else last.direction.label_en
    return [
        in_language("対象外", "excluded") if t.excluded else "",
        t.company,
        t.person,
        format_national(t.phone),
        "|".join(t.categories),
        t.assignee_login or "",
        call_type,
        status,
        (last.agent_login or "") if last else "",
        last.started_at.astimezone().strftime("%Y-%m-%d %H:%M") if last else "",
    ]


def cmd_contacts(args: argparse.Namespace, store: Store) -> int:
    print_items(
        store.contacts(args.search),
        as_json=args.json,
        headers=[
            in_language("取引先会社名", "company"),
            in_language("取引先担当者名", "person"),
            in_language("電話番号", "phone"),
            in_language("カテゴリー", "categories"),
            in_language("発信担当者", "assignee"),
        ],
        row=lambda c: [
            c.company,
            c.person,
            format_national(c.phone),
            "|".join(c.categories),
            c.assignee_login or "",
        ],
    )
    return EXIT_OK


def cmd_assign(args: argparse.Namespace, store: Store) -> int:
    info = store.list_by_name(args.list)
    assignee = None if args.unassign else args.assignee
    if assignee is None and not args.unassign:
        raise CliError(
            in_language(
                "--assignee LOGIN か --unassign を指定してください", "give --assignee LOGIN or --unassign"
            )
        )
    count = store.set_assignee(info.id, parse_phones(args.phones), assignee)
    print(
        in_language(
            f"{count} 件の発信担当者を {assignee or '(なし)'} にしました (この番号を含むすべてのリストに反映されます)",
            f"assigned {count} numbers to {assignee or '(nobody)'} (in every list that holds them)",
        )
    )
    return EXIT_OK


def cmd_exclude(args: argparse.Namespace, store: Store) -> int:
    info = store.list_by_name(args.list)
    excluded = args.command == "exclude"
    count = store.set_excluded(info.id, parse_phones(args.phones), excluded)
    print(
        in_language(f"{count} 件を発信対象外にしました", f"excluded {count} targets")
        if excluded
        else in_language(f"{count} 件を発信対象にしました", f"included {count} targets")
    )
    return EXIT_OK


def cmd_remove(args: argparse.Namespace, store: Store) -> int:
    if not args.yes:
        raise CliError(
            in_language(
                "発信先を削除するには --yes を付けてください (連絡先は残ります)",
                "add --yes to remove the targets (their contacts stay)",
            )
        )
    info = store.list_by_name(args.list)
    count = store.remove_targets(info.id, parse_phones(args.phones))
    print(
        in_language(
            f"{count} 件の発信先を削除しました (連絡先は残っています)",
            f"removed {count} targets (contacts kept)",
        )
    )
    return EXIT_OK
