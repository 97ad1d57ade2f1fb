"""Run assesslint as `python -m assesslint`."""

from assesslint.cli import run

if __name__ == "__main__":
    run()
