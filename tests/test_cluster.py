"""Checking on a Dask cluster gives exactly the output of a local run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from distributed import LocalCluster

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assesslint", "check", "--format", "json", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_local_cluster_gives_the_local_output(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "ci"))
    (folder / "broken.docx").write_bytes(b"not a Word document")
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        remote = check("--scheduler", cluster.scheduler_address, str(folder))
    local = check(str(folder))
    assert remote.returncode == local.returncode == 2, remote.stderr
    assert remote.stdout == local.stdout
    files = json.loads(remote.stdout)["files"]
    assert [Path(f["path"]).name for f in files] == sorted(p.name for p in folder.iterdir())
    assert next(f for f in files if f["path"].endswith("broken.docx"))["status"] == "error"


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Plan:\n- Mum to engage.\n", encoding="utf-8")
    result = check("--scheduler", "tcp://127.0.0.1:9", str(report))
    assert result.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr
