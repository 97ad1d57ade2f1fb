"""Run assesslint as `python -m assesslint`."""

from assesslint.cli import main

if __name__ == "__main__":
    main()
