"""Issue 14, the campaign parts in the window an operator works in all day (SPEC §4, §9).

Each case runs ``tests.ui.campaign_probe`` in a child process on Qt's offscreen platform given
one screen, with the program's style and font, as ``test_screen_fit`` does:

- wide at 1400 pixels with a target chosen and its history open: every column of the operator's
  table lies inside the table's viewport (no horizontal scroll bar), the history under it;
- on a 1080p screen at 200 % (960×540 logical pixels) the window fits, with the due callback's
  notice folded, and the history takes no width from the table;
- nothing chosen: only the history's header strip takes room;
- compact: a callback that comes due leaves 最近の通話 as it was; its chip shows, and opens the notice.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEADER_STRIP_MAX = 40
"""The most the history's folded header strip may take of the height (logical pixels)."""


def probe(tmp_path: Path, width: int, height: int, scale: str, language: str) -> dict[str, dict]:
    config = tmp_path / "screens.json"
    screen = {
        "name": "probe",
        "x": 0,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBase": 96,
        "dpr": 1,
    }
    config.write_text(json.dumps({"screens": [screen]}))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        QT_SCALE_FACTOR=scale,
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.campaign_probe", language, str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    layouts = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {facts["mode"]: facts for facts in layouts}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_column_fits_a_1400_pixel_window_with_the_history_open(tmp_path: Path, language: str) -> None:
    facts = probe(tmp_path, 1600, 1000, "1", language)["wide"]
    chosen = facts["chosen"]
    assert chosen["window"][0] == 1400, chosen
    assert chosen["history_body_visible"] and chosen["history_rows"] >= 3, chosen  # the demo's 山田スポーツ
    viewport = chosen["viewport"]
    assert len(chosen["right_edges"]) == 10
    outside = {title: edge for title, edge in chosen["right_edges"].items() if edge > viewport}
    assert outside == {}, f"columns past the viewport ({viewport} px): {outside}"
    assert chosen["scroll_range"] == 0
    table, history = chosen["table"], chosen["history"]
    assert history[1] >= table[1] + table[3], "the history is under the table"
    assert history[2] >= table[2] - 2, "at the table's whole width"


def test_nothing_chosen_folds_the_history_to_its_header(tmp_path: Path) -> None:
    nothing = probe(tmp_path, 1600, 1000, "1", "ja")["wide"]["nothing_chosen"]
    assert not nothing["history_body_visible"]
    assert nothing["history"][3] <= HEADER_STRIP_MAX, nothing
    assert nothing["table"][3] >= nothing["body"][3] - HEADER_STRIP_MAX - 8, nothing


def test_the_history_takes_no_width_from_the_table_on_a_small_screen(tmp_path: Path) -> None:
    """A 1920×1080 screen at 200 %: 960×540 logical pixels, the smallest the app targets."""
    chosen = probe(tmp_path, 1920, 1080, "2", "ja")["wide"]["chosen"]
    assert chosen["window"][0] <= 960 and chosen["window"][1] <= 540, chosen  # the window fits the screen
    assert chosen["history_body_visible"]
    table, body = chosen["table"], chosen["body"]
    assert table[2] == body[2], chosen
    assert chosen["history"][3] <= body[3] // 2 + 8, "the table keeps at least half the height"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_due_callback_in_the_compact_window_leaves_the_recent_calls_alone(
    tmp_path: Path, language: str
) -> None:
    facts = probe(tmp_path, 1600, 1000, "1", language)["compact"]
    assert facts["recent_after"] == facts["recent_before"], facts
    assert facts["recent_before"][3] >= 100, facts  # 最近の通話 shows a few rows
    assert facts["chip_visible"] and not facts["card_visible"], facts
    chip = facts["chip"]
    assert chip[0] >= 0 and chip[0] + chip[2] <= facts["window"][0], "the chip is inside the window"
    assert facts["card_visible_after_click"]
