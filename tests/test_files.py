"""Which files a command line means: folders, globs, standard input, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assesslint.files import Target, discover


def make(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def test_folders_are_searched_for_reports(tmp_path: Path) -> None:
    make(
        tmp_path,
        "b.docx",
        "a.txt",
        "sub/c.md",
        "sub/d.DOCX",
        "notes.pdf",
        "~$b.docx",
        ".hidden.txt",
        ".git/e.md",
        "sub/old.doc",
    )
    found = [t.display for t in discover([str(tmp_path)])]
    # A legacy .doc is found so that it can be reported with how to convert it.
    expected = ("a.txt", "b.docx", "sub/c.md", "sub/d.DOCX", "sub/old.doc")
    assert found == [str(tmp_path / n) for n in expected]


def test_globs_files_and_stdin(tmp_path: Path) -> None:
    make(tmp_path, "x/1.docx", "x/2.txt", "y/3.docx")
    found = discover(
        ["-", str(tmp_path / "**/*.docx"), str(tmp_path / "x/2.txt")], stdin_name="in.md"
    )
    assert found[0] == Target("in.md", None)
    assert [t.display for t in found[1:]] == [
        str(tmp_path / "x/1.docx"),
        str(tmp_path / "x/2.txt"),
        str(tmp_path / "y/3.docx"),
    ]


def test_paths_that_match_nothing_are_kept_to_be_reported(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.docx")
    no_match = str(tmp_path / "*.docx")
    assert [t.display for t in discover([missing, no_match])] == sorted([missing, no_match])


def test_duplicates_are_checked_once(tmp_path: Path) -> None:
    make(tmp_path, "a.txt")
    assert len(discover([str(tmp_path), str(tmp_path / "a.txt")])) == 1


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_loop_does_not_trap_the_search(tmp_path: Path) -> None:
    make(tmp_path, "team/a.txt")
    (tmp_path / "team" / "loop").symlink_to(tmp_path / "team", target_is_directory=True)
    assert [t.display for t in discover([str(tmp_path / "team")])] == [
        str(tmp_path / "team" / "a.txt")
    ]
