"""The window's look: calm colours for a screen watched all day, clear state colours for calls."""

from __future__ import annotations

STYLE_SHEET = """
QWidget { font-size: 10.5pt; }
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
#callCard[state="ringing"], #callCard[state="dialing"] { border-left-color: #d18f00; }
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
#wrapUpNext { background: #2a6fb0; color: white; border-radius: 4px; padding: 4px 10px; }
#areaTitle { font-size: 13pt; font-weight: 600; color: #2b3440; }
#countLabel { color: #5b6570; }
#emptyHint { color: #6b7682; font-size: 11pt; }
QTableView { background: white; alternate-background-color: #f6f8fa; selection-background-color: #cfe3f7;
             selection-color: #111; border: 1px solid #dde2e7; }
QHeaderView::section { background: #eef1f4; border: none; border-right: 1px solid #dde2e7;
                       border-bottom: 1px solid #dde2e7; padding: 4px 6px; font-weight: 600; }
QToolBar { spacing: 6px; border-bottom: 1px solid #dde2e7; }
QToolBar QToolButton:checked { background: #dde7f1; border-radius: 4px; }
"""
