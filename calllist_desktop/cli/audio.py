"""``calllist devices`` and ``calllist recording``: the sound devices, and the team's call recording.

``devices`` needs no store: it lists what PortAudio sees on this computer, the chosen ones
marked. ``recording on|off`` is a manager's switch kept in the store, so every client of a team
follows it; ``recording status`` also says where this computer writes its recordings, and
``recording folder DIR`` changes that (a team's shared folder).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from calllist_desktop.cli.common import CliError, print_json, print_table
from calllist_desktop.core.i18n import in_language
from calllist_desktop.store import access
from calllist_desktop.store.store import Store


def cmd_devices(args: argparse.Namespace) -> int:
    from calllist_desktop.telephony.audio import devices
    from calllist_desktop.telephony.audio.config_file import load_audio_config

    chosen = load_audio_config().devices
    listed = devices.list_devices()
    rows: list[dict[str, Any]] = []
    for device in listed:
        row = device.as_json()
        row["input"] = device.serves(devices.Kind.INPUT)
        row["output"] = device.serves(devices.Kind.OUTPUT)
        row["chosen"] = sorted(
            role
            for role, name in (
                ("microphone", chosen.input_device),
                ("speaker", chosen.output_device),
                ("ringing", chosen.ring_device),
            )
            if name and name == device.name
        )
        rows.append(row)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(in_language("音声デバイスがありません (通話は音声なしで行われます)", "no sound devices (calls run without audio)"))
        return 0
    print_table(
        [in_language("名前", "name"), in_language("入力", "in"), in_language("出力", "out"), in_language("既定・選択", "default/chosen")],
        [
            [
                row["name"],
                str(row["input_channels"]),
                str(row["output_channels"]),
                ", ".join(
                    [
                        label
                        for flag, label in (
                            ("default_input", in_language("既定の入力", "default in")),
                            ("default_output", in_language("既定の出力", "default out")),
                        )
                        if row[flag]
                    ]
                    + row["chosen"]
                ),
            ]
            for row in rows
        ],
    )
    for kind, name in (
        (devices.Kind.INPUT, chosen.input_device),
        (devices.Kind.OUTPUT, chosen.output_device),
        (devices.Kind.OUTPUT, chosen.ring_device),
    ):
        if name and not any(device.name == name for device in listed if device.serves(kind)):
            print(in_language(f"選択中の「{name}」は接続されていません: 既定のデバイスを使います", f"the chosen {name!r} is not connected: the default is used"))
    return 0


def check_device(name: str, output: bool) -> str:
    """``name`` as given to ``--audio-in``/``--audio-out``, refused with the choices when no such device exists."""
    from calllist_desktop.telephony.audio import devices

    kind = devices.Kind.OUTPUT if output else devices.Kind.INPUT
    listed = devices.list_devices()
    resolved = devices.resolve(name, kind, listed)
    if resolved.number is not None and not resolved.missing:
        return resolved.name
    names = ", ".join(device.name for device in listed if device.serves(kind)) or in_language("なし", "none")
    what = in_language("出力", "output") if output else in_language("入力", "input")
    raise CliError(
        in_language(
            f"音声{what}デバイス「{name}」がありません (あるもの: {names}; calllist devices で一覧)",
            f"no sound {what} device {name!r} (there are: {names}; see calllist devices)",
        )
    )


def cmd_recording(args: argparse.Namespace, store: Store) -> int:
    from calllist_desktop.telephony.audio.config_file import load_audio_config, save_audio_config

    action = args.recording_command
    if action in ("on", "off"):
        _require_manager(args, store)
        store.set_recording_enabled(action == "on", by=args.user)
        print(in_language("通話録音: " + ("オン" if action == "on" else "オフ"), f"call recording: {action}"))
        return 0
    config = load_audio_config()
    if action == "folder":
        folder = Path(args.folder).expanduser().absolute()
        problem = _folder_problem(folder)
        if problem:
            raise CliError(problem)
        from dataclasses import replace

        save_audio_config(replace(config, recordings_folder=str(folder)))
        config = load_audio_config()
    enabled = store.recording_enabled()
    print(
        in_language(
            f"通話録音: {'オン' if enabled else 'オフ'}\n録音フォルダー (このコンピューター): {config.folder()}",
            f"call recording: {'on' if enabled else 'off'}\nrecordings folder (this computer): {config.folder()}",
        )
    )
    return 0


def _require_manager(args: argparse.Namespace, store: Store) -> None:
    """Refuse a known operator; on PostgreSQL the server refuses anyone else too."""
    login = args.user or access.acting_login(store.engine)
    if login and not store.user(login).is_admin:
        raise CliError(
            in_language(
                f"通話録音を切り替えられるのは管理者だけです ({login} は管理者ではありません)",
                f"only a manager can switch call recording ({login} is not an admin)",
            )
        )
    args.user = login


def _folder_problem(folder: Path) -> str:
    """Why recordings cannot be written to ``folder`` now, or empty."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return in_language(f"録音フォルダーを作れません: {folder}: {exc.strerror}", f"cannot create the recordings folder {folder}: {exc.strerror}")
    if not os.access(folder, os.W_OK):
        return in_language(f"録音フォルダーに書き込めません: {folder}", f"the recordings folder is not writable: {folder}")
    return ""
