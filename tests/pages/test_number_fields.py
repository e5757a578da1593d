"""The add forms of the Daten page take numbers as the cockpit shows them ("60.000", "0,5"):
text fields instead of <input type=number>, which cannot group digits; core reads them."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core import store
from tests.pages import editing_support
from tests.pages.editing_support import (
    editor_on_data_page,
    read,
    texts,
)

app = editing_support.app  # fixtures
fresh_db = editing_support.fresh_db
PAGE = "pages/data.py"


def _add_cost(at: AppTest, investment: str, annual: str, fte: str) -> AppTest:
    at.text_input(key="new_cost_item").set_value("Schulung Redaktion")
    at.text_input(key="new_cost_item_en").set_value("Editor training")
    at.text_input(key="new_cost_investment").set_value(investment)
    at.text_input(key="new_cost_annual").set_value(annual)
    at.text_input(key="new_cost_fte").set_value(fte)
    at.checkbox(key="new_cost_estimate").check()
    at.text_input(key="new_cost_reason").set_value("Angebot liegt noch nicht vor")
    submit = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:add_cost_"))
    return submit.click().run()


def test_amounts_show_german_and_are_read_german(app, fresh_db: str) -> None:
    at = editor_on_data_page(app)
    assert at.text_input(key="new_cost_investment").value == "0"
    assert at.text_input(key="new_cost_fte").value == "0,0"
    assert at.text_input(key="new_crit_max").value == "10"
    assert not at.number_input  # no widget that shows "60000"
    option = at.selectbox(key="new_cost_option").value
    at = _add_cost(at, "60.000", "2.500,50", "0,5")
    assert not at.exception, at.exception
    assert not at.error
    with read(fresh_db) as conn:
        rows = store.cost_lines(conn)
        row = rows[rows["item"] == "Schulung Redaktion"].iloc[0]
    assert row["option_id"] == option
    with read(fresh_db) as conn:  # the English text given in the form (rows added in the app)
        shown = store.localize(rows, "cost_lines", "en", store.english_texts(conn))
    assert shown.set_index("id").loc[row["id"], "item"] == "Editor training"
    assert (row["investment_eur"], row["annual_cost_eur"], row["staff_fte"]) == (
        60_000,
        2_500.5,
        0.5,
    )


def test_an_amount_that_is_no_number_is_refused_in_german(app, fresh_db: str) -> None:
    at = editor_on_data_page(app)
    with read(fresh_db) as conn:
        version = store.data_version(conn)[0]
    at = _add_cost(at, "60 T€", "0", "0")
    assert not at.exception
    assert "Nicht gespeichert" in texts(at.error)
    issues = " ".join(str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel())
    assert "„60 T€“ ist keine Zahl." in issues
    with read(fresh_db) as conn:
        assert store.data_version(conn)[0] == version
        assert "Schulung Redaktion" not in set(store.cost_lines(conn)["item"])
