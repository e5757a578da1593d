"""Start the app: ``python -m ui.launch [streamlit options]``.

Streamlit treats a folder named ``pages/`` next to the main script as an old-style
multipage app until the first run calls ``st.navigation``. A deep link (``/bereich?…``)
as the very first request after start would then show a spurious "Page not found" dialog.
Our ``pages/`` holds ``st.navigation`` pages only, so we switch that detection off before
the server starts. If a future Streamlit drops the attribute, the app still works; only the
dialog may reappear on a first deep link.
"""

from __future__ import annotations

import sys

from streamlit.web import cli


def loopback_options(port: int) -> list[str]:
    """Server options of a headless app on ``127.0.0.1:port`` (tests and benchmarks): no
    browser, no usage statistics, no file watcher."""
    return [
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip


def main(argv: list[str]) -> int:
    try:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
    except (ImportError, AttributeError):  # pragma: no cover - future Streamlit
        pass
    sys.argv = ["streamlit", "run", "app.py", *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
