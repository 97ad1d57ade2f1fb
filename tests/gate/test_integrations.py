"""The pre-commit hook and the documented GitHub Actions workflow are usable as written."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent


def test_pre_commit_hooks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["id"] for hook in hooks} == {"assesslint", "assesslint-no-snippets"}
    for hook in hooks:
        assert {"id", "name", "entry", "language", "files"} <= set(hook)
        assert hook["entry"].startswith("assesslint check") and hook["language"] == "python"
        files = re.compile(hook["files"])
        exclude = re.compile(hook["exclude"])
        for name in ("reports/leo.docx", "notes/plan.txt", "cfa.md"):
            assert files.search(name) and not exclude.search(name)
        assert not files.search("reports/old.doc") and exclude.search("README.md")


def test_github_workflow_uploads_the_sarif_that_check_writes() -> None:
    workflow = yaml.safe_load((ROOT / "examples" / "ci" / "github-actions.yml").read_text())
    steps = workflow["jobs"]["assesslint"]["steps"]
    check = next(s for s in steps if "--format sarif" in s.get("run", ""))
    written = re.search(r"--output (\S+)", check["run"])
    upload = next(
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")
    )
    assert written is not None and upload["with"]["sarif_file"] == written.group(1)
    assert "--no-snippets" in check["run"]
    assert workflow["permissions"]["security-events"] == "write"
