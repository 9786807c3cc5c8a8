"""Worker processes that end with the process that started them.

A pool worker whose parent is killed with ``kill -9`` is not told: it keeps its models (300 MB)
and, in a process pool, waits for work forever. ``exit_with(pid)`` starts a daemon thread that
waits for that process to end and then ends this one. On Linux it waits on a pidfd (woken by
the kernel the moment the process ends, even while it is a zombie); elsewhere it polls.
"""

from __future__ import annotations

import os
import select
import threading
import time

#: Exit status of a worker that ended because its parent had gone.
ORPHAN_EXIT = 70


def _wait_pidfd(pid: int) -> None:
    fd = os.pidfd_open(pid)
    try:
        select.select([fd], [], [])
    finally:
        os.close(fd)


def _poll(pid: int, parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            return
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        except PermissionError:
            continue


def _watch(pid: int, parent: int) -> None:
    try:
        _wait_pidfd(pid)
    except (AttributeError, OSError):
        # No pidfd (not Linux, or an old kernel), or the process is already gone.
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(ORPHAN_EXIT)
        except PermissionError:
            pass
        _poll(pid, parent)
    # os._exit: no cleanup that could block (pool queues, atexit handlers of libraries).
    os._exit(ORPHAN_EXIT)


def exit_with(pid: int) -> None:
    """End this process as soon as process ``pid`` has ended (call it once, in the worker)."""
    threading.Thread(
        target=_watch, args=(pid, os.getppid()), name="kurzgefasst-exit-with", daemon=True
    ).start()
