"""`assesslint check` and the rule commands: formats, options and exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assesslint.cli import main
from assesslint.config import load_config

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
POOR = "Child's views:\nN/A - Kayla is too young.\n\nPlan:\n- Mum to engage with services.\n"


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, env={"COLUMNS": "100"})


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A team folder: the example reports, plus one broken file."""
    folder = tmp_path / "team"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.py"))
    (folder / "broken.docx").write_bytes(b"this is not a Word document")
    return folder


def report_sentences() -> list[str]:
    """Sentences of the example reports, for checking nothing of them is shown."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in EXAMPLES.glob("0*.[tm][xd]*"))
    return [s.strip() for s in re.split(r"[.\n]", text) if len(s.split()) >= 4]


def test_text_output_for_a_folder(team: Path) -> None:
    result = run(
        "check",
        "--select",
        "jargon-acronym,stable-without-risk,outcome-not-smart",
        str(team / "02-case-system-export-poor.docx"),
        str(team / "04-pre-birth-assessment-poor.md"),
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "02-case-system-export-poor.docx  (244 words" in out
    assert "  Parenting capacity\n    warning  table 1, row 7  stable-without-risk" in out
    assert "│ Mum's mental health is «stable»." in out
    assert "→ Say since when and on what evidence" in out
    assert "    warning  9:80  jargon-acronym" in out  # line:column for text
    assert "→ As above." in out
    assert re.search(r"Checked 2 files \([\d,]+ words\): \d+ warnings\.\n$", out)
    assert "\x1b[" not in out, "no colour when the output is not a terminal"


def test_exit_codes_follow_fail_on(team: Path) -> None:
    poor = str(team / "02-case-system-export-poor.docx")
    warnings = ("--select", "stable-without-risk,outcome-not-smart")
    assert run("check", *warnings, poor).exit_code == 0  # default: error; these are warnings
    assert run("check", *warnings, "--fail-on", "warning", poor).exit_code == 1
    assert run("check", *warnings, "--fail-on", "info", poor).exit_code == 1
    assert run("check", *warnings, "--fail-on", "never", poor).exit_code == 0
    assert run("check", poor).exit_code == 1  # the child's voice is missing: an error
    assert run("check", "--fail-on", "never", poor).exit_code == 0
    good = str(team / "01-child-and-family-assessment-good.docx")
    assert run("check", "--fail-on", "info", good).exit_code == 0
    no_analysis = team / "no-analysis.txt"
    no_analysis.write_text("Reason for assessment:\nSchool referred Amira.\n", encoding="utf-8")
    assert run("check", str(no_analysis)).exit_code == 1  # analysis-missing is an error


def test_an_unreadable_file_is_reported_and_the_rest_checked(team: Path) -> None:
    result = run("check", "--format", "json", str(team))
    assert result.exit_code == 2
    data = json.loads(result.output)
    statuses = {Path(f["path"]).name: f["status"] for f in data["files"]}
    assert statuses["broken.docx"] == "error"
    assert sum(status == "checked" for status in statuses.values()) == 6
    broken = next(f for f in data["files"] if f["path"].endswith("broken.docx"))
    assert broken["error"]["code"] == "not-a-docx" and broken["findings"] == []
    text = run("check", str(team))
    assert text.exit_code == 2
    assert "broken.docx\n  could not be read (not-a-docx): the file is named .docx" in text.output
    assert "1 file could not be read." in text.output


def test_json_schema(team: Path) -> None:
    result = run(
        "check",
        "--format",
        "json",
        str(team / "02-case-system-export-poor.docx"),
        str(team / "03-early-help-assessment-mixed.txt"),
    )
    data = json.loads(result.output)
    assert set(data) == {"schema", "tool", "files", "summary"}
    assert data["schema"] == "assesslint/v1"
    assert data["tool"] == {"name": "assesslint", "version": "0.1.0"}
    docx, text = data["files"]
    assert set(docx) == {"path", "format", "status", "error", "words", "findings"}
    assert (docx["format"], docx["status"], docx["error"], docx["words"]) == (
        "docx",
        "checked",
        None,
        244,
    )
    finding = next(f for f in docx["findings"] if f["rule"] == "stable-without-risk")
    assert set(finding) == {
        "rule",
        "category",
        "severity",
        "message",
        "suggestion",
        "match",
        "section",
        "location",
        "details",
    }
    assert finding["match"] == "stable" and finding["category"] == "risk"
    assert finding["location"]["table"] == [{"table": 1, "row": 7, "column": 2}]
    assert set(finding["location"]) == {"block", "start", "end", "line", "column", "table"}
    line_finding = next(f for f in text["findings"] if f["match"])
    assert line_finding["location"]["line"] and line_finding["location"]["table"] is None
    whole = next(f for f in text["findings"] if f["rule"] == "history-missing")
    assert whole["location"]["line"] is None and whole["match"] is None
    counts = data["summary"]["findings"]
    assert data["summary"]["files"] == 2 and data["summary"]["checked"] == 2
    assert data["summary"]["errors"] == 0
    assert sum(counts.values()) == len(docx["findings"]) + len(text["findings"])


def test_output_file_is_written_whole(team: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    result = run(
        "check",
        "--format",
        "json",
        "--output",
        str(target),
        str(team / "06-signs-of-safety-good.md"),
    )
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["files"] == 1
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]
    text_target = tmp_path / "out" / "report.txt"
    run("check", "--output", str(text_target), str(team / "04-pre-birth-assessment-poor.md"))
    written = text_target.read_text(encoding="utf-8")
    assert "stable-without-risk" in written and "\x1b[" not in written
    assert all(line == line.rstrip() for line in written.splitlines())


def test_json_file_written_while_checking_is_the_same_report(team: Path, tmp_path: Path) -> None:
    # With --output, each file's JSON is written as its result arrives; the file must be
    # byte for byte what standard output gets, and appear only once it is whole.
    target = tmp_path / "out" / "team.json"
    target.parent.mkdir()
    to_screen = run("check", "--format", "json", "-j", "2", str(team))
    to_file = run("check", "--format", "json", "-j", "2", "-o", str(target), str(team))
    assert to_file.exit_code == to_screen.exit_code == 2  # the broken file
    assert to_file.output == ""
    assert target.read_text(encoding="utf-8") == to_screen.output
    assert len(json.loads(to_screen.output)["files"]) > 5
    # A run that stops before any file is checked leaves the old file as it was.
    target.write_text("old", encoding="utf-8")
    stopped = run("check", "--format", "json", "--select", "nonsense", "-o", str(target), str(team))
    assert stopped.exit_code == 2
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in target.parent.iterdir()] == ["team.json"]


def test_select_and_ignore(team: Path) -> None:
    report = str(team / "04-pre-birth-assessment-poor.md")

    def rules(*options: str) -> set[str]:
        result = run("check", "--format", "json", *options, report)
        return {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}

    jargon = rules("--select", "jargon")
    assert "jargon-acronym" in jargon and all(r.startswith("jargon-") for r in jargon)
    both = rules("--select", "jargon,stable-without-risk")
    assert both == jargon | {"stable-without-risk"}
    assert "jargon-acronym" not in rules("--ignore", "jargon-acronym")
    result = run("check", "--select", "no-such-rule", report)
    assert result.exit_code == 2
    assert "'no-such-rule', which is neither a rule nor a category" in result.output


def test_no_snippets_leaves_out_every_sentence(team: Path) -> None:
    for fmt in ("text", "json"):
        result = run("check", "--no-snippets", "--format", fmt, str(team))
        assert result.exit_code == 2
        for sentence in report_sentences():
            assert sentence not in result.output, (fmt, sentence)
    data = json.loads(run("check", "--no-snippets", "--format", "json", str(team)).output)
    assert all(f["match"] is None for file in data["files"] for f in file["findings"])


def test_workers_give_the_same_results(team: Path) -> None:
    one = run("check", "--format", "json", "--jobs", "1", str(team))
    two = run("check", "--format", "json", "--jobs", "2", str(team))
    assert one.exit_code == two.exit_code == 2
    assert one.output == two.output


def test_standard_input(team: Path) -> None:
    result = run("check", "--format", "json", "-", stdin=POOR)
    data = json.loads(result.output)
    assert data["files"][0]["path"] == "stdin.txt"
    assert {f["rule"] for f in data["files"][0]["findings"]} >= {"outcome-not-smart"}
    markdown = run(
        "check",
        "--format",
        "json",
        "--stdin-name",
        "in.md",
        "-",
        stdin="## Plan\n\n- Ongoing monitoring.\n",
    )
    assert json.loads(markdown.output)["files"][0]["format"] == "markdown"


def test_configuration_is_found_for_each_report(team: Path, tmp_path: Path) -> None:
    (team / ".assesslint.yaml").write_text(
        "fail-on: warning\nignore: [long-sentence]\nseverity: {jargon-acronym: error}\n",
        encoding="utf-8",
    )
    report = str(team / "05-conference-report-mixed.docx")
    result = run("check", "--format", "json", report)
    assert result.exit_code == 1
    findings = json.loads(result.output)["files"][0]["findings"]
    assert "long-sentence" not in {f["rule"] for f in findings}
    assert {f["severity"] for f in findings if f["rule"] == "jargon-acronym"} == {"error"}
    other = tmp_path / "other.yaml"
    other.write_text("select: [jargon-acronym]\nfail-on: never\n", encoding="utf-8")
    explicit = run("check", "--config", str(other), "--format", "json", report)
    assert explicit.exit_code == 0
    assert {f["rule"] for f in json.loads(explicit.output)["files"][0]["findings"]} == {
        "jargon-acronym"
    }


def test_broken_configuration_stops_the_run(team: Path) -> None:
    (team / ".assesslint.yaml").write_text("ignroe: [x]\n", encoding="utf-8")
    result = run("check", str(team / "06-signs-of-safety-good.md"))
    assert result.exit_code == 2
    assert ".assesslint.yaml:1:1: unknown key 'ignroe'" in result.output


def test_no_reports_found(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert "no .docx, .txt or .md files were found" in result.output


def test_rules_and_explain() -> None:
    listing = run("rules")
    assert listing.exit_code == 0
    assert "stable-without-risk" in listing.output and "outcome-not-smart" in listing.output
    jargon = run("rules", "jargon")
    assert "jargon-acronym" in jargon.output and "stable-without-risk" not in jargon.output
    assert run("rules", "nothing").exit_code == 2
    explained = run("explain", "stable-without-risk")
    assert explained.exit_code == 0
    for part in (
        "Why it matters",
        "What to write instead",
        "Source",
        "Kirklees",
        "Flagged",
        "Not flagged",
        "Mum's mental health is stable.",
    ):
        assert part in explained.output
    assert run("explain", "no-such-rule").exit_code == 2


def test_test_rules(tmp_path: Path) -> None:
    builtin = run("test-rules")
    assert builtin.exit_code == 0, builtin.output
    assert re.search(r"(\d+) of \1 examples of \d+ rules behaved as written", builtin.output)
    local = tmp_path / "local"
    local.mkdir()
    (local / "wrong-example.yaml").write_text(
        "type: terms\ntitle: T\nmessage: m\nsuggest: s\nwhy: w\nsource: s\n"
        "terms: [placement]\nexamples:\n  fail: [The home is fine.]\n  pass: [A placement.]\n",
        encoding="utf-8",
    )
    result = run("test-rules", str(local))
    assert result.exit_code == 1
    assert (
        "wrong-example.yaml:9:10 wrong-example (fail example): expected a finding" in result.output
    )
    assert "wrong-example (pass example): expected no finding, found 1" in result.output
    assert "found: 'placement'" in result.output


def test_init_writes_a_starter_that_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    config = tmp_path / ".assesslint.yaml"
    assert load_config(config).path == config
    assert "# fail-on: error" in config.read_text(encoding="utf-8")
    assert run("init").exit_code == 2
    assert run("init", "--force").exit_code == 0
