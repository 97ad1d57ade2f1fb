"""Which files a command line means: folders, globs, standard input, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assesslint.files import Target, discover, find_targets


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


def test_a_named_pipe_in_a_folder_is_passed_over_not_waited_on(tmp_path: Path) -> None:
    make(tmp_path, "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    found = find_targets([str(tmp_path)])
    assert [t.display for t in found.targets] == [str(tmp_path / "a.txt")]
    assert found.special == [str(tmp_path / "pipe.txt")]
    assert "1 named pipe, device or socket with a report's name was passed over" in (
        found.passed_over() or ""
    )


def test_links_in_folders_are_not_followed_unless_asked(tmp_path: Path) -> None:
    team = tmp_path / "team"
    outside = tmp_path / "outside"
    make(team, "a.txt")
    make(outside, "private.txt", "deeper/more.md")
    (team / "linked.txt").symlink_to(outside / "private.txt")
    (team / "linked-folder").symlink_to(outside, target_is_directory=True)
    (team / "loop").symlink_to(team, target_is_directory=True)
    (team / "notes.pdf").symlink_to(outside / "private.txt")  # not a report name: not counted
    found = find_targets([str(team)])
    assert [t.display for t in found.targets] == [str(team / "a.txt")]
    assert sorted(Path(p).name for p in found.links) == ["linked-folder", "linked.txt", "loop"]
    assert "3 symbolic links in the folders were not followed (use --follow-links" in (
        found.passed_over() or ""
    )
    followed = find_targets([str(team)], follow_links=True)
    # The loop back to the team folder is walked once, not for ever.
    assert sorted(Path(t.display).relative_to(team).as_posix() for t in followed.targets) == [
        "a.txt",
        "linked-folder/deeper/more.md",
        "linked-folder/private.txt",
        "linked.txt",
    ]
    assert followed.links == []


def test_a_link_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    make(tmp_path, "real/a.txt")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real" / "a.txt")
    assert discover([str(tmp_path / "link.txt")]) == [
        Target(str(tmp_path / "link.txt"), tmp_path / "link.txt")
    ]
