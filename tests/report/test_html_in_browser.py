"""The HTML report, opened in a real browser, runs nothing and shows report text as text.

Uses headless Chromium (Debian's `chromium` package). `.ci/run` installs it when missing
and sets ASSESSLINT_REQUIRE_BROWSER, so in CI this test runs or fails, never skips.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from assesslint.cli import main

RAN = "data-ran"
HOSTILE = (
    "Reason for assessment:\n"
    f"<script>document.documentElement.setAttribute('{RAN}','script')</script> The MASH "
    "referred Leo.\n\n"
    f"<img src=x onerror=\"document.documentElement.setAttribute('{RAN}','img')\"> Analysis:\n"
    "Mum's mental health is stable.\n\n"
    "Child's views:\nN/A\n\n"
    f"Plan:\n- <svg onload=\"document.documentElement.setAttribute('{RAN}','svg')\"> Mum to "
    "engage with services.\n"
)


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _dom(browser: str, page: Path, profile: Path) -> str:
    completed = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return completed.stdout


def test_hostile_text_runs_nothing_and_shows_as_text(tmp_path: Path) -> None:
    browser = _browser()
    if browser is None:
        if os.environ.get("ASSESSLINT_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here but is not installed")
        pytest.skip("chromium is not installed (.ci/run installs it)")
    report = tmp_path / "hostile <b>name<i>.txt"
    report.write_text(HOSTILE, encoding="utf-8")
    page = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(report), "--html", str(page)])
    assert page.exists(), result.output
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    dom = _dom(browser, page, tmp_path / "profile")
    assert "<html" in dom and "Practice areas" in dom  # the page did load
    assert f'{RAN}="' not in dom, "something in the report ran"
    # The words show as words: escaped in the DOM, never elements.
    assert "&lt;script&gt;" in dom and "&lt;img src=x onerror=" in dom
    assert "<script" not in dom.lower() and "<img" not in dom.lower()
    assert "&lt;svg onload=" in dom
    assert "hostile &lt;b&gt;name&lt;i&gt;.txt" in dom
