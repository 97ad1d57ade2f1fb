"""Rules kept between runs: used when nothing changed, loaded afresh when anything did."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assesslint.loadcache import cache_dir, cached


class Loads:
    """A loader that counts its calls and returns what the files say."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.calls = 0

    def __call__(self) -> dict[str, str]:
        self.calls += 1
        return {p.name: p.read_text() for p in sorted(self.folder.rglob("*.yaml"))}


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSESSLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "rules"
    (folder / "lexicons").mkdir(parents=True)
    (folder / "a.yaml").write_text("id: a\n")
    (folder / "lexicons" / "words.yaml").write_text("- plan\n")
    return folder


def test_a_second_run_reads_the_cache(rules: Path) -> None:
    load = Loads(rules)
    first = cached("rules", [rules], "names", load)
    second = cached("rules", [rules], "names", load)
    assert first == second == {"a.yaml": "id: a\n", "words.yaml": "- plan\n"}
    assert load.calls == 1


@pytest.mark.parametrize("change", ["edit", "add", "nested", "detail"])
def test_any_change_loads_afresh(rules: Path, change: str) -> None:
    load = Loads(rules)
    cached("rules", [rules], "names", load)
    detail = "names"
    if change == "edit":
        (rules / "a.yaml").write_text("id: b\n")
    elif change == "add":
        (rules / "c.yaml").write_text("id: c\n")
    elif change == "nested":
        (rules / "lexicons" / "words.yaml").write_text("- assessment\n")
    else:
        detail = "other names"
    again = cached("rules", [rules], detail, load)
    assert load.calls == 2
    assert again == load()


def test_a_damaged_cache_file_is_loaded_afresh(rules: Path) -> None:
    load = Loads(rules)
    cached("rules", [rules], "", load)
    folder = cache_dir()
    assert folder is not None
    (entry,) = folder.glob("rules-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cached("rules", [rules], "", load) == load()
    assert load.calls == 3


def test_an_unwritable_cache_is_ignored(rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = rules.parent / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("ASSESSLINT_CACHE_DIR", str(blocker / "cache"))  # under a file
    load = Loads(rules)
    assert cached("rules", [rules], "", load) == load()
    assert cached("rules", [rules], "", load) == load()
    assert load.calls == 4


def test_the_cache_can_be_turned_off(rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSESSLINT_NO_CACHE", "1")
    assert cache_dir() is None
    load = Loads(rules)
    cached("rules", [rules], "", load)
    cached("rules", [rules], "", load)
    assert load.calls == 2


def test_a_failed_load_is_not_cached(rules: Path) -> None:
    def broken() -> dict[str, str]:
        raise ValueError("a mistake in a rule file")

    with pytest.raises(ValueError, match="mistake"):
        cached("rules", [rules], "", broken)
    folder = cache_dir()
    assert folder is not None
    assert not list(folder.glob("*.pickle"))


def test_the_cache_is_private_and_holds_no_temporary_files(rules: Path) -> None:
    cached("rules", [rules], "", Loads(rules))
    folder = cache_dir()
    assert folder is not None
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)
    assert [p.suffix for p in folder.iterdir()] == [".pickle"]
    assert all(p.name.startswith("rules-") for p in folder.iterdir())
    assert os.access(folder, os.W_OK)


def test_checking_twice_loads_the_rules_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assesslint import runner
    from assesslint.config import Config

    monkeypatch.setenv("ASSESSLINT_CACHE_DIR", str(tmp_path / "cache"))
    calls = []
    original = runner.load_rules

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "load_rules", counted)
    first = runner.make_setup(Config(), runner.RunOptions())
    second = runner.make_setup(Config(), runner.RunOptions())
    assert len(calls) == 1
    assert [r.id for r in first.ruleset.rules] == [r.id for r in second.ruleset.rules]
    assert len(second.ruleset.rules) > 20


def test_facts_about_patterns_are_kept_with_the_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assesslint import runner
    from assesslint.config import Config
    from assesslint.loadcache import lookup
    from assesslint.rules import regex_safety

    monkeypatch.setenv("ASSESSLINT_CACHE_DIR", str(tmp_path / "cache"))
    setup = runner.make_setup(Config(), runner.RunOptions())
    _ = setup.engine
    kept = lookup("pattern-facts", setup.rule_sources, setup.facts_detail)
    assert isinstance(kept, dict) and len(kept) > 100
    # What was kept is what working them out again gives.
    for (pattern, exact), known in list(kept.items())[:50]:
        monkeypatch.setattr(regex_safety, "_facts", {})
        assert regex_safety.facts(pattern, exact) == known
    # Facts worked out another way (a new FACTS_VERSION) are never taken from the cache.
    monkeypatch.setattr(runner, "FACTS_VERSION", regex_safety.FACTS_VERSION + "-next")
    assert lookup("pattern-facts", setup.rule_sources, setup.facts_detail) is None
