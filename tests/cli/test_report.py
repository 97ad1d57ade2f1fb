"""`assesslint report` and the team summary: a whole folder, good, poor and broken files."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assesslint.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
HOSTILE = (
    "Reason for assessment:\n"
    "<script>document.body.setAttribute('data-ran','yes')</script> The MASH sent this on.\n\n"
    "<img src=x onerror=\"document.body.setAttribute('data-ran','yes')\"> Analysis:\n"
    "Mum's mental health is stable.\n\n"
    'Plan:\n- =HYPERLINK("http://example.invalid","click") Mum to engage with services.\n'
)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "250"})


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """The example reports, one hostile text file and two broken files."""
    folder = tmp_path / "team"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.py"))
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"not a Word document")
    (folder / "sub").mkdir()
    (folder / "sub" / "empty.md").write_bytes(b"")
    return folder


def report_sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in EXAMPLES.glob("0*.[tm][xd]*"))
    return [s.strip() for s in re.split(r"[.\n]", text) if len(s.split()) >= 4]


def test_a_folder_is_reported_whole(team: Path, tmp_path: Path) -> None:
    html, findings, files = tmp_path / "r.html", tmp_path / "r.csv", tmp_path / "f.csv"
    result = run(
        "report",
        str(team),
        "--html",
        str(html),
        "--csv",
        str(findings),
        "--csv-files",
        str(files),
    )
    assert result.exit_code == 2, result.output  # two files could not be read
    out = result.output
    assert "Reports, worst first" in out and "Practice areas" in out
    assert "broken.docx" in out and "could not be read (not-a-docx)" in out
    assert "empty.md" in out and "could not be read (empty)" in out
    assert "not an\ninspection judgement" in out or "not an inspection judgement" in out
    assert re.search(r"Checked 9 files .*2 files could not be read\.", out)
    assert f"Wrote {html}" in out and f"Wrote {findings}" in out
    page = html.read_text(encoding="utf-8")
    for name in ("01-child-and-family-assessment-good.docx", "hostile.txt", "broken.docx"):
        assert name in page
    rows = list(csv.DictReader(io.StringIO(files.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 9
    statuses = {Path(r["path"]).name: r["status"] for r in rows}
    assert statuses["broken.docx"] == statuses["empty.md"] == "error"
    assert sum(s == "checked" for s in statuses.values()) == 7
    good = next(r for r in rows if r["path"].endswith("01-child-and-family-assessment-good.docx"))
    assert (good["errors"], good["warnings"], good["findings"]) == ("0", "0", "0")


def test_worst_first_and_commonest(team: Path) -> None:
    out = run("report", str(team)).output
    order = [m for m in re.findall(r"\S+\.(?:docx|md|txt)", out.split("Commonest problems")[0])]
    assert order.index(str(team / "02-case-system-export-poor.docx")) < order.index(
        str(team / "06-signs-of-safety-good.md")
    )
    commonest = out.split("Commonest problems across the reports")[1]
    first_rule = re.search(r"\n  ([a-z-]+)\s+(?:error|warning|info)", commonest)
    assert first_rule is not None and first_rule.group(1) in {"jargon-acronym", "outcome-not-smart"}


def test_check_adds_the_summary_for_more_than_one_file(team: Path) -> None:
    many = run("check", str(team / "02-case-system-export-poor.docx"), str(team / "hostile.txt"))
    assert "Team summary" in many.output
    assert many.output.rstrip().splitlines()[-1].startswith("Checked 2 files")
    one = run("check", str(team / "02-case-system-export-poor.docx"))
    assert "Team summary" not in one.output


def test_the_same_results_with_one_and_two_workers(team: Path, tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        html, found = tmp_path / f"{jobs}.html", tmp_path / f"{jobs}.csv"
        result = run("report", str(team), "-j", jobs, "--html", str(html), "--csv", str(found))
        outputs.append((result.exit_code, html.read_bytes(), found.read_bytes()))
    assert outputs[0] == outputs[1]


def test_csv_opens_in_excel_and_runs_no_formula(team: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.csv"
    run("report", str(team / "hostile.txt"), "--csv", str(target))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "path",
        "section",
        "location",
        "rule",
        "category",
        "severity",
        "message",
        "match",
        "suggestion",
    ]
    assert not any(v.startswith(("=", "+", "-", "@")) for row in rows for v in row.values())
    assert any(row["match"].startswith("'=HYPERLINK") for row in rows)


def test_no_snippets_anywhere(team: Path, tmp_path: Path) -> None:
    sentences = [*report_sentences(), "Mum's mental health is stable", "The MASH sent this on"]
    outputs = []
    for fmt in ("text", "json", "csv", "html"):
        outputs.append(run("check", "--no-snippets", "--format", fmt, str(team)).output)
    html, found, files = tmp_path / "r.html", tmp_path / "r.csv", tmp_path / "f.csv"
    printed = run(
        "report",
        "--no-snippets",
        str(team),
        "--html",
        str(html),
        "--csv",
        str(found),
        "--csv-files",
        str(files),
    ).output
    outputs += [printed] + [p.read_text(encoding="utf-8-sig") for p in (html, found, files)]
    for output in outputs:
        assert "hostile.txt" in output  # file names are kept, words of reports are not
        for sentence in sentences:
            assert sentence not in output, sentence
    data = json.loads(outputs[1])
    assert all(f["match"] is None for file in data["files"] for f in file["findings"])
    assert "holds no words from the reports themselves" in html.read_text(encoding="utf-8")


def test_check_writes_html_and_csv(team: Path) -> None:
    page = run("check", "--format", "html", str(team / "hostile.txt")).output
    assert page.startswith("<!doctype html>") and "Content-Security-Policy" in page
    assert "<script" not in page.lower() and "&lt;script&gt;" in page
    table = run("check", "--format", "csv", str(team / "hostile.txt")).output
    assert table.startswith("\ufeffpath,section,location,rule")


def test_ctrl_c_stops_cleanly_and_reports_what_was_checked(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    source = (EXAMPLES / "05-conference-report-mixed.docx").read_bytes()
    for index in range(3000):
        (folder / f"report-{index:04}.docx").write_bytes(source)
    env = {**os.environ, "COLUMNS": "100"}
    process = subprocess.Popen(
        [sys.executable, "-m", "assesslint", "check", "-j", "2", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    time.sleep(5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Stopped by Ctrl-C" in err and "Traceback" not in err
    done = int(re.search(r"Stopped by Ctrl-C: (\d+) of 3000 files", err).group(1))
    assert 0 < done < 3000
    assert out.count("(508 words, 8 findings)") == done
    assert f"Checked {done:,} files" in out
    assert {p.name for p in folder.iterdir()} == {f"report-{i:04}.docx" for i in range(3000)}
