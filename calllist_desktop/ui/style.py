"""The window's look: calm colours for a screen watched all day, clear state colours for calls.

Style sheets are set where they are needed, not on the whole window: a widget under a style
sheet is polished and painted by Qt's style-sheet style, and the window's sheet covering the
5,000-row table and everything else slowed the cold start (bench/README.md). The tables get their
quiet look from their palette and header font instead (:func:`quiet_table`); the application
font carries the size (``ui.app``).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTableView

# The phone: line state, number entry and pad, call and hang-up, the current call, the auto-call bar.
PHONE_STYLE = """
#phonePanel { background: #f4f6f8; border-right: 1px solid #dde2e7; }
#lineState { color: #5b6570; font-weight: 600; }
#lineState[state="registered"] { color: #1e7b45; }
#lineState[state="registering"] { color: #9a6b00; }
#lineState[state="failed"], #lineState[state="offline"] { color: #b3261e; }
#demoBadge { background: #fff4d6; color: #7a5200; border: 1px solid #f0d48a; border-radius: 4px; padding: 4px 8px; }
#numberEntry { font-size: 18pt; padding: 6px 8px; border: 1px solid #c4ccd4; border-radius: 6px; background: white; }
#numberEntry[invalid="true"] { border: 2px solid #b3261e; }
#padKey { font-size: 15pt; background: white; border: 1px solid #d3d9df; border-radius: 6px; }
#padKey:hover { background: #eef3f8; }
#padKey:pressed { background: #dde7f1; }
#callButton { background: #1e7b45; color: white; font-size: 12pt; font-weight: 600; border-radius: 6px; }
#callButton:disabled { background: #a9c9b6; }
#hangupButton { background: #c0392b; color: white; font-size: 12pt; font-weight: 600; border-radius: 6px; }
#hangupButton:disabled { background: #e3b1ab; }
#answerButton { background: #1e7b45; color: white; border-radius: 4px; padding: 4px 10px; }
#declineButton { background: #c0392b; color: white; border-radius: 4px; padding: 4px 10px; }
#callCard { background: white; border: 1px solid #d3d9df; border-left: 4px solid #5b6570; border-radius: 6px; }
#callCard[state="preparing"], #callCard[state="ringing"], #callCard[state="dialing"] { border-left-color: #d18f00; }
#callCard[state="talking"] { border-left-color: #1e7b45; }
#callCard[state="incoming"] { border-left-color: #2a6fb0; }
#callWho { font-size: 14pt; font-weight: 600; }
#callCompany { color: #44505c; }
#callNumber { color: #44505c; font-family: monospace; }
#callState { color: #5b6570; font-weight: 600; }
#callTimer { font-size: 13pt; font-family: monospace; }
#autocallBar { background: white; border: 1px solid #cfd8e3; border-left: 4px solid #2a6fb0; border-radius: 6px; }
#autocallBar[state="paused"] { border-left-color: #d18f00; }
#autocallBar[state="finished"] { border-left-color: #5b6570; }
#autocallTitle { font-weight: 600; color: #2a6fb0; }
#autocallState { color: #5b6570; }
#autocallCount { font-family: monospace; color: #2b3440; }
#autocallCurrent { font-weight: 600; }
#autocallNext, #autocallOutcomes { color: #5b6570; }
#autocallMessage { color: #b3261e; }
#autocallMessage[pending="true"] { color: #7a5200; font-weight: 600; }
#autocallBar QToolButton:checked { background: #fff1cc; border: 1px solid #d18f00; border-radius: 4px; padding: 3px; }
#wrapUpCountdown { font-weight: 600; }
#wrapUpHint { color: #5b6570; font-size: 9pt; }
#wrapUpNext { background: #2a6fb0; color: white; border-radius: 4px; padding: 4px 10px; }
#numberError { color: #b3261e; font-weight: 600; }
#callCard[state="held"] { border-left-color: #d18f00; }
#callCard[state="ended"] { border-left-color: #8a949e; background: #fafbfc; }
#callState[outcome="answered"] { color: #1e7b45; font-size: 12pt; }
#callState[outcome="busy"], #callState[outcome="no_answer"], #callState[outcome="rejected"],
#callState[outcome="invalid"], #callState[outcome="failed"], #callState[outcome="missed"] { color: #b3261e; font-size: 12pt; }
#callState[outcome="canceled"], #callState[outcome="interrupted"] { color: #5b6570; font-size: 12pt; }
#muteBadge { background: #b3261e; color: white; font-weight: 600; border-radius: 4px; padding: 1px 6px; }
#callDtmf { color: #2b3440; font-family: monospace; }
#recentTitle { color: #5b6570; font-weight: 600; }
"""

# The titles, counts and hints of the list areas (the operator's lists, the manager's panel).
LIST_AREA_STYLE = """
#areaTitle { font-size: 13pt; font-weight: 600; color: #2b3440; }
#countLabel { color: #5b6570; }
#emptyHint { color: #6b7682; font-size: 11pt; }
"""

TOOLBAR_STYLE = """
QToolBar { spacing: 6px; border-bottom: 1px solid #dde2e7; }
QToolBar QToolButton:checked { background: #dde7f1; border-radius: 4px; }
"""

TABLE_COLORS = {
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f6f8fa",
    QPalette.ColorRole.Highlight: "#cfe3f7",
    QPalette.ColorRole.HighlightedText: "#111111",
}
HEADER_COLOR = "#eef1f4"


def quiet_table(view: QTableView) -> None:
    """White rows with faint alternate ones, a soft selection, and a bold header on a light band."""
    palette = view.palette()
    for role, color in TABLE_COLORS.items():
        palette.setColor(role, QColor(color))
    view.setPalette(palette)
    header = view.horizontalHeader()
    font = header.font()
    font.setBold(True)
    header.setFont(font)
    band = header.palette()
    band.setColor(QPalette.ColorRole.Button, QColor(HEADER_COLOR))
    header.setPalette(band)
    header.setMinimumHeight(header.fontMetrics().height() + 14)
