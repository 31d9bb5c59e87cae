"""通話 → 回線に再接続: take the line down and bring it up again, without restarting the program.

For a registration that failed (the network came back, the server's password was fixed) and for
a phone process that kept stopping and was given up (``ProcessLine`` starts it again at most three
times in five minutes; after that only a new start brings the line back). Unregistering and
ending the phone process take up to a few seconds, so the restart runs on a thread of its own;
the line's own events (接続中…, 待受中, 登録失敗) tell the phone how it goes.
"""

from __future__ import annotations

import contextlib
import logging
import threading

from PySide6.QtCore import QObject, Signal

from calllist_desktop.core.line import Line, LineError

log = logging.getLogger(__name__)


class LineRestart(QObject):
    """Restarts one line, once at a time.

    Signals:
        finished(str): the restart is over: "" when the line was started again, else why it
            could not be (the line's :class:`LineError`), on the GUI thread.
    """

    finished = Signal(str)
    _ended = Signal(str)  # from the restart's thread; queued to the GUI thread

    def __init__(self, line: Line, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.line = line
        self._running = False
        self._ended.connect(self._on_ended)

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> bool:
        """Begin the restart; False when one is running already."""
        if self._running:
            return False
        self._running = True
        threading.Thread(target=self._restart, name="line-restart", daemon=True).start()
        return True

    def _restart(self) -> None:
        problem = ""
        try:
            self.line.stop()
            self.line.start()
        except LineError as exc:
            problem = str(exc)
        except Exception as exc:  # noqa: BLE001 - told to the operator, never a thread's silent end
            log.exception("restarting the line failed")
            problem = str(exc) or type(exc).__name__
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile: nobody to tell
            self._ended.emit(problem)

    def _on_ended(self, problem: str) -> None:
        self._running = False
        self.finished.emit(problem)
