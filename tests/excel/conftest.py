"""The Excel tests run on both back-ends (see tests/backend_fixtures.py); ``soffice`` is
LibreOffice for the tests that open a workbook as a user's spreadsheet program would."""

import os
import shutil

import pytest

from tests.backend_fixtures import conn, empty_conn

__all__ = ["conn", "empty_conn", "soffice"]


@pytest.fixture(scope="module")
def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) missing under CI: install libreoffice-calc-nogui")
        pytest.skip("LibreOffice not installed (make test installs libreoffice-calc-nogui)")
    return path
