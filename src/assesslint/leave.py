"""Run the command line and end the process without the interpreter's slow tear-down.

After a run, Python would spend 0.15 to 0.2 s freeing every object spaCy, numpy and our
rules made: a seventh of checking one report, time a practitioner waits for nothing. Once
the command has finished and its output is flushed, nothing is left to do but run the
exit handlers (multiprocessing's, logging's), so we run those and leave at once. When
another thread is still alive (a cluster client, say), or a profiler or coverage tool is
watching (it writes its results after the program returns), Python's ordinary exit is
used.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from collections.abc import Callable
from typing import NoReturn

from assesslint import collector


def status_of(code: object) -> int:
    """The exit status Python would give `sys.exit(code)` (a message is printed first)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _stdout_lost(error: OSError) -> NoReturn:
    if not isinstance(error, BrokenPipeError):
        with contextlib.suppress(OSError):
            reason = error.strerror or type(error).__name__
            print(
                f"error: standard output could not be written ({reason}); the output is "
                "incomplete. Write it to a file with -o on a drive with space.",
                file=sys.stderr,
                flush=True,
            )
    # Nothing more can reach standard output, so Python's own exit must not try again.
    os._exit(2)


def run_then_leave(command: Callable[[], object]) -> NoReturn:
    """Call `command` (a click command in standalone mode) and exit with its status.

    The garbage collector is paused until an engine is built (see `collector`).
    """
    collector.pause()
    try:
        command()
        status = 0
    except SystemExit as stop:
        status = status_of(stop.code)
    try:
        sys.stdout.flush()
    except OSError as error:
        # The last of the output could not be written (a full disk, a closed pipe): the
        # output is incomplete, which is exit 2 whatever the findings were.
        _stdout_lost(error)
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    if threading.active_count() > 1 or sys.getprofile() or sys.gettrace():
        sys.exit(status)
    atexit._run_exitfuncs()
    os._exit(status)
