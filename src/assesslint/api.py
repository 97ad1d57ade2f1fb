r"""The Python API: check one report from a program, such as a case-management system.

    import assesslint

    result = assesslint.check_file("report.docx")
    result = assesslint.check_text("Child's views:\nN/A\n", fmt="text")
    for finding in result.findings:
        print(finding.severity, finding.rule, finding.message)

Both return a `FileResult` and never raise for a bad report: a file that cannot be read
comes back with `error` set and no findings. A configuration with mistakes raises
`ConfigError`. The spaCy pipeline and compiled rules are built on the first call for each
configuration and reused afterwards, so later calls cost only the checking.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from assesslint.models import FileResult, ReadError

if TYPE_CHECKING:
    from assesslint.config import Config
    from assesslint.runner import Setup

_FORMATS = {"text": ".txt", "markdown": ".md", "md": ".md", "txt": ".txt"}
_setups: dict[object, Setup] = {}
_lock = threading.Lock()


def _setup(config: str | Path | Config | None) -> Setup:
    from assesslint.config import Config, load_config
    from assesslint.runner import RunOptions, make_setup

    # A Config is keyed by its contents: it holds lists, so it cannot be hashed itself.
    key: object = (
        ("config", repr(config))
        if isinstance(config, Config)
        else (Path(config).resolve() if config is not None else None)
    )
    with _lock:
        if key not in _setups:
            if isinstance(config, Config):
                loaded = config
            elif config is not None:
                loaded = load_config(Path(config))
            else:
                loaded = Config()
            _setups[key] = make_setup(loaded, RunOptions())
        return _setups[key]


def check_file(path: str | Path, config: str | Path | Config | None = None) -> FileResult:
    """Check the report at `path` (.docx, .txt or .md).

    `config` is a configuration file's path, a `Config`, or None for the built-in
    defaults (no configuration file is searched for).
    """
    from assesslint.files import Target
    from assesslint.runner import check_target

    setup = _setup(config)
    return check_target(Target(str(path), Path(path)), setup, redact=False)


def check_text(
    text: str, *, fmt: str = "text", config: str | Path | Config | None = None
) -> FileResult:
    """Check a report given as text: `fmt` is "text" or "markdown"."""
    from assesslint.readers import read_bytes
    from assesslint.runner import result_of

    suffix = _FORMATS.get(fmt)
    if suffix is None:
        raise ValueError(f"fmt must be 'text' or 'markdown', not {fmt!r}")
    setup = _setup(config)
    name = f"text{suffix}"
    try:
        document = read_bytes(text.encode("utf-8"), name, setup.sections, suffix=suffix)
    except ReadError as error:
        return FileResult.unreadable(name, error)
    return result_of(name, document, setup, redact=False)
