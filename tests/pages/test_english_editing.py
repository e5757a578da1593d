"""The Daten page's grids carry the English texts beside the German ones ("Name (englisch)");
an editor's change is saved through the audited door and the English UI shows it; where no
English text exists the English UI shows the German text."""

from __future__ import annotations

from core import store
from core.editing import audit, frames as editing_frames
from tests.pages import editing_support
from tests.pages.editing_support import (
    SECRETS,
    editor_on_data_page,
    read,
    texts,
)
from ui import data_editing

app = editing_support.app  # fixtures
fresh_db = editing_support.fresh_db
PAGE = "pages/data.py"


def test_grids_show_the_english_columns(app, fresh_db: str) -> None:
    at = editor_on_data_page(app)
    grid = at.data_editor[0].value  # options of the first area
    with read(fresh_db) as conn:
        frame = editing_frames.frame(conn, "options", "homepage")
    assert list(grid["name_en"]) == list(frame["name_en"])
    assert data_editing.label("name_en") == "Name (englisch)"
    assert data_editing.label("help_en") == "Hilfetext (englisch)"


def test_an_english_name_is_saved_audited_and_shown_in_english(app, fresh_db: str) -> None:
    at = editor_on_data_page(app)
    with read(fresh_db) as conn:
        version = store.data_version(conn)[0]
        option = editing_frames.frame(conn, "options", "homepage").iloc[0]
    key = data_editing.editor_key("options", "homepage", version)
    at.session_state[key] = {
        "edited_rows": {0: {"name_en": "Own CMS, renewed"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="save_options_homepage").click().run()
    assert not at.exception, at.exception
    assert f"Datenstand jetzt {version + 1}" in texts(at.success)
    with read(fresh_db) as conn:
        shown = store.localize(
            store.options(conn, "homepage"), "options", "en", store.english_texts(conn)
        )
        assert shown.set_index("id").loc[option["id"], "name"] == "Own CMS, renewed"
        entry = audit.entries(conn).iloc[0]
        assert (entry["field"], entry["actor"]) == ("name_en", "anna")
    # the English UI reads it (option names come localized from the store)
    en = app(secrets=SECRETS, page="pages/area.py", lang="en", area="homepage")
    assert not en.exception
    body = " ".join(str(e.value) for e in (*en.markdown, *en.caption, *en.subheader))
    names = " ".join(" ".join(map(str, t.value.to_numpy().ravel())) for t in en.table)
    assert "Own CMS, renewed" in body + names + " ".join(
        str(o) for s in en.selectbox for o in s.options
    )
