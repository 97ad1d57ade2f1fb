"""A folder of hostile and broken files: each gets a clear code or a normal result, quickly.

The files are built by `hostile_cases.build_cases`. One batch runs in a child process with
its own temporary folder and home, so the test can see what it wrote there (nothing) and
how much memory it took.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from assesslint.cli import main
from assesslint.files import discover
from assesslint.models import ReadError, ReadErrorCode
from assesslint.readers import limits, read_bytes
from assesslint.readers.sections import SectionMap
from assesslint.runner import RunOptions, Setups, check_target, run
from hostile_cases import SECRET, build_cases

from docx_factory import CONTENT_TYPES, W, zip_bytes

GIB = 1024 * 1024 * 1024
# Measures the peak memory of the whole process tree of one `assesslint check`.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({
    "seconds": time.monotonic() - start,
    "peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    "code": done.returncode, "stdout": done.stdout, "stderr": done.stderr,
}))
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    folder = tmp_path_factory.mktemp("hostile") / "team"
    cases = build_cases(folder)
    return folder, {case.name: case.code for case in cases}


def test_a_hostile_folder_is_checked_whole(
    hostile: tuple[Path, dict[str, str | None]], tmp_path: Path
) -> None:
    folder, expected = hostile
    private_tmp, home = tmp_path / "tmp", tmp_path / "home"
    private_tmp.mkdir()
    home.mkdir()
    env = {**os.environ, "TMPDIR": str(private_tmp), "HOME": str(home), "COLUMNS": "100"}
    env.pop("XDG_CACHE_HOME", None)
    command = [
        sys.executable,
        "-m",
        "assesslint",
        "check",
        "--format",
        "json",
        "-j",
        "2",
        str(folder),
    ]
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    outcome = json.loads(measured.stdout)
    assert outcome["code"] == 2, outcome["stderr"]
    assert "Traceback" not in outcome["stderr"] and SECRET not in outcome["stderr"]
    data = json.loads(outcome["stdout"])
    got = {Path(f["path"]).name: f for f in data["files"]}
    assert set(got) == set(expected), "every file is reported, and nothing else"
    for name, code in expected.items():
        result = got[name]
        if code is None:
            assert result["status"] == "checked", (name, result["error"])
        else:
            assert result["status"] == "error" and result["error"]["code"] == code, name
            assert result["error"]["message"] and SECRET not in result["error"]["message"]
            assert "the contents of a private file" not in json.dumps(result)
    assert outcome["peak_kib"] * 1024 < GIB, f"peak memory {outcome['peak_kib'] // 1024} MB"
    assert outcome["seconds"] < 10 * len(expected)
    # Nothing was left in the temporary folder, and nothing was cached in the home folder.
    assert list(private_tmp.iterdir()) == []
    assert [p for p in home.rglob("*")] == []


def test_every_hostile_file_takes_under_ten_seconds(
    hostile: tuple[Path, dict[str, str | None]],
) -> None:
    folder, expected = hostile
    setups = Setups(RunOptions(jobs=1))
    for target in discover([str(folder)]):
        setup = setups.get(setups.config_path(target))
        started = time.monotonic()
        result = check_target(target, setup, redact=False)
        elapsed = time.monotonic() - started
        assert elapsed < 10, (target.display, elapsed)
        assert (result.error.code if result.error else None) == expected[Path(target.display).name]


def test_a_file_deleted_while_the_batch_runs(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("Plan:\n- Mum to engage.\n", encoding="utf-8")
    targets = discover([str(tmp_path)])
    (tmp_path / "b.txt").unlink()  # gone between finding the files and reading them
    results = list(run(targets, Setups(RunOptions(jobs=1))))
    assert [r.status for r in results] == ["checked", "error", "checked"]
    assert results[1].error is not None and results[1].error.code == "not-found"


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("type: terms\ntitle: T\nmessage: m\nterms: [a\n", "invalid YAML"),
        ("type: terms\ntitle: T\nmessage: m\nterms: [a]\ncolour: red\n", "unknown key 'colour'"),
        (
            "type: terms\ntitle: T\nmessage: m\nterms:\n  - {term: '(unclosed', match: regex}\n",
            "invalid regular expression",
        ),
        (
            "type: conditional\ntitle: T\nmessage: m\ntrigger:\n  - {regex: '(\\w+\\s?)*$'}\n",
            "exponential time",
        ),
    ],
    ids=["bad-yaml", "unknown-key", "invalid-regex", "catastrophic-backtracking"],
)
def test_broken_rule_files_stop_the_run_with_a_located_error(
    tmp_path: Path, rule: str, expected: str
) -> None:
    rules = tmp_path / "our-rules" / "local"
    rules.mkdir(parents=True)
    (rules / "broken-rule.yaml").write_text(rule, encoding="utf-8")
    (tmp_path / ".assesslint.yaml").write_text("rules: [our-rules]\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("Plan:\n- Mum to engage.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(report)], env={"COLUMNS": "300"})
    assert result.exit_code == 2
    assert "broken-rule.yaml:" in result.output and expected in result.output
    assert "Traceback" not in result.output


def test_parts_that_expand_past_the_package_limit_together_are_refused(
    monkeypatch: pytest.MonkeyPatch, sections: SectionMap
) -> None:
    # Each embedded chunk is under the limit for one part; together they are over the
    # limit for the package, which bounds what one report can make the reader hold.
    monkeypatch.setattr(limits, "MAX_PACKAGE_BYTES", 1024 * 1024)
    chunk = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
    relationships = "".join(
        f'<Relationship Id="rId{n}" Type="{chunk}" Target="chunk{n}.txt"/>' for n in range(3)
    )
    body = "".join(f'<w:altChunk r:id="rId{n}"/>' for n in range(3))
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "word/document.xml": (
            f'<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships"><w:body>{body}</w:body></w:document>'
        ),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{relationships}</Relationships>'
        ),
    }
    parts.update({f"word/chunk{n}.txt": "Leo likes nursery.\n" * 20_000 for n in range(3)})
    with pytest.raises(ReadError) as caught:
        read_bytes(zip_bytes(parts), "chunks.docx", sections, suffix=".docx")
    assert caught.value.code is ReadErrorCode.TOO_LARGE and not caught.value.internal
    assert "together" in caught.value.message
