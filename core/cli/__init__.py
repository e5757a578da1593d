"""The command line (``python -m core``): one module per command group."""

from core.cli.commands import main

__all__ = ["main"]
