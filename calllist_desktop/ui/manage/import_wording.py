"""What the import dialog says about an import: its summary line, the encoding found, the
problems and their reasons, in the language installed (``self.tr``).

Words only, no widgets: :class:`~.import_dialog.ImportDialog` puts them where they go.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from calllist_desktop.core.import_file import MAX_IMPORT_BYTES, ImportFileRefused
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.import_report import ImportReport
from calllist_desktop.ui.manage.import_session import ImportSession, Phase, Problem


class ImportWording(QObject):
    """The import dialog's texts made from the session's state (see the module docstring)."""

    def encoding_name(self, code: str | None) -> str:
        names = {
            "auto": self.tr("自動判別"),
            "utf-8": "UTF-8",
            "utf-8-sig": self.tr("UTF-8 (BOM付き)"),
            "cp932": "CP932 (Shift_JIS)",
            "utf-16": "UTF-16",
        }
        return names.get(code or "", (code or "").upper())

    def detected(self, report: ImportReport) -> str:
        """The encoding and the separator the check found ("" when the file could not be read)."""
        if report.encoding is None:
            return ""
        detected = self.tr("検出: {0}").format(self.encoding_name(report.encoding))
        if report.delimiter is not None:
            separator = self.tr("タブ区切り") if report.delimiter == "\t" else self.tr("カンマ区切り")
            detected += self.tr("・{0}").format(separator)
        return detected

    def summary(self, session: ImportSession) -> tuple[str, str]:
        """The summary line of ``session``: its tone ("", "ok", "error", "done") and its text."""
        preview, phase, problem = session.preview, session.phase, session.problem
        if problem is not None and phase is not Phase.CHECKING:
            return "error", self.problem(problem, session.path)
        if phase is Phase.EMPTY:
            return "", self.tr(
                "CSV ファイルを選んでください。1 行目に見出し（取引先会社名, 取引先担当者名, 電話番号, カテゴリー）が必要です"
            )
        if phase is Phase.CHECKING:
            return "", self.tr("ファイルを確認しています…")
        if phase is Phase.SAVED and session.saved is not None:
            saved = session.saved
            text = self.tr(
                "取り込みました: 追加 {0} 件、上書き {1} 件 ／ 連絡先 新規 {2} 件、更新 {3} 件"
            ).format(*_counts(saved))
            if saved.skipped_rows:
                rows = ", ".join(str(row) for row in saved.skipped_rows)
                text += self.tr("。エラーのため取り込まなかった行 ({0} 行): {1}").format(
                    f"{len(saved.skipped_rows):,}", rows
                )
            return "done", text + self.unassigned(saved)
        if phase is Phase.SAVING:
            return "", self.tr("保存しています…")
        if preview is None:
            return "", ""
        report = preview.report
        warnings = self.tr("（警告 {0} 件）").format(f"{len(report.warnings):,}") if report.warnings else ""
        if not report.ok:
            errors = f"{len(report.errors):,}"
            if report.skippable and not session.rejected_at_save:
                bad_rows = len({issue.row for issue in report.errors})
                text = self.tr(
                    "エラー {0} 件（{1} 行）: ファイルを直すか、「エラーの行を除いて保存」でほかの行だけを取り込めます"
                ).format(errors, f"{bad_rows:,}")
                return "error", text + warnings
            if session.rejected_at_save:
                text = self.tr(
                    "保存できませんでした: エラー {0} 件。発信先リストは変更されていません"
                ).format(errors)
            else:
                text = self.tr(
                    "エラー {0} 件: このままでは保存できません。一覧を確かめ、ファイルか文字コードを直してください"
                ).format(errors)
            return "error", text + warnings
        if report.imported == 0:
            return "", self.tr("取り込む発信先がありません") + warnings
        added, overwritten, created, updated = _counts(report)
        text = self.tr("{0} 件を取り込めます: 追加 {1} ／ 上書き {2}　連絡先 新規 {3} ／ 更新 {4}").format(
            f"{report.imported:,}", added, overwritten, created, updated
        )
        return "ok", text + warnings + self.unassigned(report)

    def unassigned(self, report: ImportReport) -> str:
        """How many imported targets have no assignee, when some have none."""
        if not report.unassigned:
            return ""
        return self.tr(
            "。担当者のいない発信先が {0} 件あります（発信先リストで担当者を設定できます）"
        ).format(f"{report.unassigned:,}")

    def problem(self, problem: Problem, path: Path | None) -> str:
        """What failed and why, for the summary line."""
        what, error = problem.what, problem.error
        if what == "users":
            return self.tr("ユーザーを読み込めません: {0}").format(error)
        if what == "save":
            return self.tr("保存できませんでした: {0}").format(self.reason(error))
        name = path.name if path is not None else ""
        if isinstance(error, (OSError, ImportFileRefused)):
            return self.tr("ファイル「{0}」を読み込めません: {1}").format(name, self.reason(error))
        return self.tr("ファイル「{0}」を確認できません: {1}").format(name, self.reason(error))

    def reason(self, error: BaseException) -> str:
        """Why reading, checking or saving failed, in words."""
        if isinstance(error, ImportFileRefused) and error.reason == "too_large":
            size = f"{error.size / 1024 / 1024:,.0f}"
            limit = f"{MAX_IMPORT_BYTES // 1024 // 1024:,}"
            return self.tr("ファイルが大きすぎます（{0} MB、{1} MB まで）").format(size, limit)
        if isinstance(error, IsADirectoryError) or (
            isinstance(error, ImportFileRefused) and error.path.is_dir()
        ):
            return self.tr("フォルダーです。ファイルを選んでください")
        if isinstance(error, ImportFileRefused):
            return self.tr(
                "通常のファイルではありません（デバイス、パイプなど）。CSV ファイルを選んでください"
            )
        if isinstance(error, FileNotFoundError):
            return self.tr("ファイルが見つかりません")
        if isinstance(error, PermissionError):
            return self.tr("ファイルを開く権限がありません")
        if isinstance(error, OSError):
            return error.strerror or str(error)
        if isinstance(error, StoreError):
            return str(error)
        return self.tr("予期しないエラー ({0}: {1})").format(type(error).__name__, error)


def _counts(report: ImportReport) -> tuple[str, str, str, str]:
    """Targets added, targets overwritten, contacts created, contacts updated; formatted."""
    added = report.imported - report.overwritten
    return (
        f"{added:,}",
        f"{report.overwritten:,}",
        f"{report.created_contacts:,}",
        f"{report.updated_contacts:,}",
    )
