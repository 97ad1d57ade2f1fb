"""The reviewed copy opens in another word processor, with every comment in the margin.

LibreOffice (headless) turns the reviewed copy into a PDF with comments in the margin, and
pdftotext reads it back. `.ci/run` installs both when missing and sets
ASSESSLINT_REQUIRE_LIBREOFFICE, so in CI this test runs or fails, never skips.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from assesslint.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
MARGIN = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'


def _tools() -> tuple[str, str] | None:
    office, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if office is None or pdftotext is None:
        return None
    version = subprocess.run(
        [office, "--version"], capture_output=True, text=True, timeout=120, check=False
    ).stdout
    found = re.search(r"LibreOffice (\d+)\.(\d+)", version)
    # Comments in the PDF margin came with LibreOffice 7.5.
    if found is None or (int(found.group(1)), int(found.group(2))) < (7, 5):
        return None
    return office, pdftotext


def test_libreoffice_shows_every_comment_in_the_margin(tmp_path: Path) -> None:
    tools = _tools()
    if tools is None:
        if os.environ.get("ASSESSLINT_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice 7.5 or newer and pdftotext are required here")
        pytest.skip("LibreOffice 7.5+ or pdftotext is not installed (.ci/run installs them)")
    office, pdftotext = tools
    source = tmp_path / "conference.docx"
    shutil.copy(EXAMPLES / "05-conference-report-mixed.docx", source)
    reviewed = tmp_path / "conference.reviewed.docx"
    CliRunner().invoke(main, ["annotate", str(source), "-o", str(reviewed)])
    subprocess.run(
        [
            office,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            MARGIN,
            "--outdir",
            str(tmp_path),
            str(reviewed),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    pdf = tmp_path / "conference.reviewed.pdf"
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    # Compare words only: the margin wraps narrow lines and may split punctuation off.
    flat = " ".join(re.findall(r"[\w']+", text))
    comments = [c for c in docx.Document(str(reviewed)).comments if c.author == "assesslint"]
    assert len(comments) >= 5
    for comment in comments:
        opening = " ".join(re.findall(r"[\w']+", comment.text)[:6])
        assert opening in flat, opening
    assert "Noah is too young to share his views" in flat  # the report itself is all there
