"""The program pauses Python's garbage collector while it starts, and only the program does."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from assesslint import collector
from assesslint.config import Config
from assesslint.runner import RunOptions, make_setup


@pytest.fixture
def restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    collector._paused = False
    gc.unfreeze()
    if was_enabled:
        gc.enable()


def test_paused_until_an_engine_is_built_then_collecting_again(restored: None) -> None:
    gc.unfreeze()
    collector.pause()
    assert not gc.isenabled()
    setup = make_setup(Config(), RunOptions())
    assert not gc.isenabled()  # loading rules is still start-up
    _ = setup.engine
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # start-up's objects are never walked again


def test_a_library_caller_keeps_its_collector_as_it_was(restored: None) -> None:
    gc.unfreeze()
    gc.enable()
    _ = make_setup(Config(), RunOptions()).engine
    collector.settle()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    gc.disable()  # a caller that turned it off itself
    collector.settle()
    assert not gc.isenabled()


def test_the_program_pauses_the_collector_while_it_runs(
    restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assesslint import leave

    seen: list[bool] = []
    monkeypatch.setattr(leave.os, "_exit", lambda status: (_ for _ in ()).throw(SystemExit(status)))
    monkeypatch.setattr(leave.atexit, "_run_exitfuncs", lambda: None)
    with pytest.raises(SystemExit) as stop:
        leave.run_then_leave(lambda: seen.append(gc.isenabled()))
    assert stop.value.code == 0
    assert seen == [False]
