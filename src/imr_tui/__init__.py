"""imr-tui: Illness Management and Recovery in the terminal.

Importing this package does no work: no files are opened, nothing heavy is imported.
"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("imr-tui")
        except PackageNotFoundError:  # running from a source tree that is not installed
            return "0+unknown"
    raise AttributeError(name)
