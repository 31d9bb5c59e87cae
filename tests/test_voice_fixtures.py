"""The test servers' start (tests/voice_fixtures.start_dying_with_us) tried as CI met it.

CI once hung for its whole 90 minutes inside ``Popen``: the child, forked from the many-threaded
test process, ran the old ``preexec_fn`` (Python, to set its parent-death signal) and waited
forever for a lock of the Python runtime that another thread held at the fork. Threads that make
and drop Python thread states all the time (PJSIP's and PortAudio's, calling into our code) hold
it often. Here two native threads do only that while servers are started for five seconds; with
the old ``preexec_fn`` that hung, five times out of five.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

STARTS_WHILE_THREAD_STATES_CHURN = """
import ctypes, sys, threading, time
sys.path.insert(0, sys.argv[1])
from tests.voice_fixtures import start_dying_with_us

pthread = ctypes.CDLL("libc.so.6")
ENTRY = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)
enter = ENTRY(lambda _argument: None)  # a native thread calling Python: a thread state made and dropped

def churn():
    thread = ctypes.c_ulong()
    while True:
        pthread.pthread_create(ctypes.byref(thread), None, enter, None)
        pthread.pthread_join(thread, None)

for _ in range(2):
    threading.Thread(target=churn, daemon=True).start()
started, end = 0, time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    start_dying_with_us(["true"]).wait()
    started += 1
print(started)
"""


@pytest.mark.skipif(
    sys.platform != "linux", reason="native threads through glibc; the parent-death signal is Linux's"
)
def test_servers_start_while_other_threads_make_python_thread_states() -> None:
    result = subprocess.run(
        [sys.executable, "-c", STARTS_WHILE_THREAD_STATES_CHURN, str(ROOT), "5"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 100, "servers were started all along"
