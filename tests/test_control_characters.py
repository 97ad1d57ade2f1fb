r"""Control characters in report text and file names never reach the terminal.

A report can hold escape sequences (a window title set by `ESC ] 0 ;`, a screen cleared by
`ESC [ 2 J`, the one-character C1 CSI U+009B) and bidirectional overrides; a file name can
too. Text outputs show them as visible escapes (the four characters `\x1b`), so the only
escape sequences a terminal gets are our own colours; JSON and JUnit keep the characters
in their own escaped forms. The reports here are synthetic.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

import assesslint
from assesslint.cli import main
from assesslint.formatters import dump, github, junit, text
from assesslint.models import FileResult, ReadError, ReadErrorCode
from assesslint.printable import printable, printable_json, printable_lines, printable_prose
from assesslint.readers import read_bytes
from assesslint.readers.sections import SectionMap
from assesslint.report import text as team_text
from assesslint.report.areas import default_areas
from assesslint.report.team import TeamSummary

# What a terminal would act on: ESC, BEL, C1 CSI, carriage return, and the bidi controls.
RAW = ("\x1b", "\x07", "\x9b", "\r", "\u202e", "\u202c", "\u2066")
HOSTILE = (
    "Reason for assessment:\n"
    "The MASH referred Leo \x1b]0;pwned\x07 on 2 March.\x1b[2J\n\n"
    "Parenting capacity \x9b31m [bold]x[/bold] 50%:\n"
    "Mum's mental health is stable \u202eevil\u202c here.\n\n"
    "Plan:\n"
    "- Mum to engage with services.\u2066\x1b[31m\x00\n"  # the NUL gives a notice
)
NAME = "a\x1b[2Jb\u202e [bold]x\x07.txt"
# A name that would start a second workflow command if its line break reached the output.
INJECTING = "second\n::error file=x::injected.txt"
SELECT = "--select=jargon-acronym,stable-without-risk,outcome-not-smart"
_OUR_COLOURS = re.compile(r"\x1b\[[0-9;]*m")


def assert_shown_safely(output: str) -> None:
    """No raw control character is in `output`, and their escapes are."""
    for character in RAW:
        assert character not in output, f"raw {character!r} in the output"
    assert "\\x1b" in output, "the practitioner should see that something odd is there"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / NAME).write_text(HOSTILE, encoding="utf-8", newline="")
    (folder / INJECTING).write_text(HOSTILE, encoding="utf-8", newline="")
    return folder


@pytest.fixture(scope="module")
def results() -> list[FileResult]:
    """Results with hostile names, a notice, an error and (which no reader gives) a lone CR."""
    checked = assesslint.check_text(HOSTILE)
    stable = next(f for f in checked.findings if f.rule == "stable-without-risk")
    assert stable.snippet is not None
    overwriting = dataclasses.replace(stable.snippet, text=stable.snippet.text + "\rAll well.")
    checked = dataclasses.replace(
        checked,
        findings=tuple(
            dataclasses.replace(f, snippet=overwriting) if f is stable else f
            for f in checked.findings
        ),
    )
    notice = "a notice quoting \x1b]0;pwned\x07 and [bold]"
    unreadable = ReadError(ReadErrorCode.CORRUPT, "part \x1b[2J\u202ename is damaged")
    return [
        dataclasses.replace(checked, path=NAME, notices=(notice,)),
        dataclasses.replace(checked, path=INJECTING),
        FileResult.unreadable("broken\x9b.docx", unreadable),
    ]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "100"})


def test_printable_escapes_what_a_terminal_acts_on_and_nothing_else() -> None:
    assert printable("a\x1b]0;t\x07\x9b\x7f\x00\u202e\u2069\u2028z") == (
        "a\\x1b]0;t\\x07\\x9b\\x7f\\x00\\u202e\\u2069\\u2028z"
    )
    ordinary = "C:\\Reports\\Leo’s review – «final» é [bold] 50%.docx"
    assert printable(ordinary) is ordinary
    assert printable_prose(ordinary) is ordinary
    # A name keeps its tabs and line breaks visible; prose and messages lay them out.
    assert printable("a\tb\nc\rd") == "a\\tb\\nc\\rd"
    assert printable_prose("a\tb\nc\r\nd\u2028e\x1b") == "a b c  d e\\x1b"
    assert printable_lines("a\tb\nc\rd\x1b") == "a\tb\nc\\rd\\x1b"
    # A non-UTF-8 file name's bytes are shown as the bytes they are.
    assert printable("bad\udcff\udc9b.txt") == "bad\\xff\\x9b.txt"


def test_printable_json_keeps_every_character() -> None:
    value = {"text": "a\x1b\x9b\x7f\u202e\u2028\udcff z"}
    encoded = printable_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(encoded) == value
    assert all(ord(c) < 0x7F or ord(c) > 0x9F for c in encoded)
    assert "\u202e" not in encoded and "\u2028" not in encoded and "\udcff" not in encoded


def test_check_text_output_through_click(folder: Path) -> None:
    result = run("check", SELECT, str(folder))
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout + result.stderr)
    out = result.stdout
    assert printable(str(folder / NAME)) in out
    assert "referred Leo \\x1b]0;pwned\\x07 on 2 March.\\x1b[2J" in out
    assert "Parenting capacity \\x9b31m [bold]x[/bold] 50%:" in out
    assert "stable» \\u202eevil\\u202c here." in out
    assert "second\\n::error file=x::injected.txt" in out  # the team summary's name too


def test_check_text_output_piped_from_a_process(folder: Path) -> None:
    # With output piped there are no colours, so no ESC at all, in either stream.
    done = subprocess.run(
        [sys.executable, "-m", "assesslint", "check", SELECT, str(folder)],
        capture_output=True,
        check=False,
        env={**os.environ, "COLUMNS": "100"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8") + done.stderr.decode("utf-8")
    assert_shown_safely(out)
    assert "\\u202eevil" in out and "\\x9b31m" in out


def test_text_on_a_terminal_has_only_our_colours(results: list[FileResult]) -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, color_system="truecolor", width=100)
    text.render(results, console)
    console.print(team_text.renderable(TeamSummary.of(results, default_areas())))
    coloured = screen.getvalue()
    assert _OUR_COLOURS.search(coloured), "a terminal gets colour"
    shown = _OUR_COLOURS.sub("", coloured)
    assert_shown_safely(shown)
    assert "[bold]x" in shown and "[bold]" in shown.split("note: ")[1], "markup is shown"
    assert "note: a notice quoting \\x1b]0;pwned\\x07" in shown
    assert "part \\x1b[2J\\u202ename is damaged" in shown


def test_plain_text_keeps_each_line_one_line(results: list[FileResult]) -> None:
    plain = text.render_plain(results) + team_text.render_plain(
        TeamSummary.of(results, default_areas())
    )
    assert_shown_safely(plain)
    # The carriage return and the name's line break did not start lines of their own.
    assert not any(line.startswith(("::error", "All well.")) for line in plain.splitlines())
    assert "stable» \\u202eevil\\u202c here. All well." in plain


def test_github_commands_cannot_be_injected(results: list[FileResult]) -> None:
    commands = github.render(results)
    assert_shown_safely(commands)
    lines = commands.splitlines()
    findings = sum(len(r.findings) for r in results) + 1  # and the unreadable file
    assert len(lines) == findings
    assert all(re.match(r"::(error|warning|notice) file=", line) for line in lines)
    assert "file=second\\n%3A%3Aerror file=x%3A%3Ainjected.txt," in commands
    assert "Parenting capacity \\x9b31m [bold]x[/bold] 50%25:" in commands


def test_github_format_through_click(folder: Path) -> None:
    result = run("check", SELECT, "--format", "github", str(folder))
    assert_shown_safely(result.stdout + result.stderr)
    assert all(line.startswith("::warning file=") for line in result.stdout.splitlines())


def test_report_and_baseline_commands(folder: Path, tmp_path: Path) -> None:
    written = tmp_path / "team\x1b]0;pwned\x07.csv"
    result = run("report", SELECT, "--csv", str(written), str(folder))
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout + result.stderr)
    assert "[bold]x\\x07.txt" in result.stdout
    assert f"Wrote {tmp_path}/team\\x1b]0;pwned\\x07.csv" in result.stdout
    recorded = run("baseline", SELECT, str(tmp_path / "base\x1b[2J.json"), str(folder))
    assert recorded.exit_code == 0, recorded.output
    assert_shown_safely(recorded.stdout + recorded.stderr)


def test_dump_table_and_json(folder: Path, sections: SectionMap) -> None:
    table = run("dump", str(folder / NAME))
    assert table.exit_code == 0, table.output
    assert_shown_safely(table.stdout + table.stderr)
    assert "\\x9b31m" in table.stdout and "\\u202eevil" in table.stdout
    on_terminal = io.StringIO()
    document = read_bytes(HOSTILE.encode(), NAME, sections, suffix=".txt")
    dump.render_table(
        document, Console(file=on_terminal, force_terminal=True, color_system="truecolor")
    )
    assert_shown_safely(_OUR_COLOURS.sub("", on_terminal.getvalue()))
    as_json = run("dump", "--format", "json", str(folder / NAME))
    assert as_json.exit_code == 0, as_json.output
    for character in RAW:
        assert character not in as_json.stdout
    assert_shown_safely(as_json.stderr)  # the NUL's notice names the file
    data = json.loads(as_json.stdout)
    assert data["path"] == str(folder / NAME)
    assert [block["text"] for block in data["blocks"]] == [b.text for b in document.blocks]


def test_errors_name_a_file_as_it_is_never_as_markup(tmp_path: Path) -> None:
    missing = tmp_path / "[bold]gone\x1b]0;pwned\x07.txt"
    result = run("dump", str(missing))
    assert result.exit_code == 2
    assert_shown_safely(result.stderr)
    assert "[bold]gone\\x1b]0;pwned\\x07.txt" in result.stderr


def test_json_keeps_the_original_characters(folder: Path) -> None:
    result = run("check", SELECT, "--format", "json", str(folder))
    data = json.loads(result.stdout)
    assert {Path(f["path"]).name for f in data["files"]} == {NAME, INJECTING}
    findings = [f for file in data["files"] for f in file["findings"]]
    assert "Parenting capacity \x9b31m [bold]x[/bold] 50%:" in {f["section"] for f in findings}
    assert "\x1b" not in result.stdout  # JSON's own escape, \u001b, stands for it


def test_junit_is_well_formed_and_keeps_what_xml_can_hold(results: list[FileResult]) -> None:
    xml = junit.render(results)
    assert_shown_safely(xml)
    root = ET.fromstring(xml)  # noqa: S314 - our own output
    names = {suite.get("name") for suite in root.iter("testsuite")}
    # ESC and BEL cannot be in XML 1.0 even as references; the bidi override can.
    assert "a\\x1b[2Jb\u202e [bold]x\\x07.txt" in names
    assert "broken\x9b.docx" in names  # C1 can, as a character reference
    sentences = "".join(failure.text or "" for failure in root.iter("failure"))
    assert "stable \u202eevil\u202c here.\rAll well." in sentences
    assert "Leo \\x1b]0;pwned\\x07 on 2 March." in sentences


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_output_is_utf_8_with_every_control_escaped(tmp_path: Path, fmt: str) -> None:
    # A file name that is not UTF-8 reaches Python as lone surrogates; written raw, the
    # output would not be UTF-8 (or would hold a raw C1 byte).
    name = os.fsdecode(b"case-\xff.txt")
    report = tmp_path / name
    report.write_text("Plan:\n- Mum to engage with services \x9b2J \u202e now.\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "assesslint", "check", "--format", fmt, str(report)],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    shown = result.stdout.decode("utf-8")  # raises if the output is not UTF-8
    assert not re.search("[\x7f-\x9f\u202a-\u202e\ud800-\udfff]", shown)
    data = json.loads(shown)
    if fmt == "json":
        assert "\\u009b" in shown and "\\u202e" in shown
        assert data["files"][0]["path"] == str(report)
        # The values read back are the report's own characters.
        assert any("\x9b2J \u202e" in (f["match"] or "") for f in data["files"][0]["findings"])
