"""How a participant link names its participant before they saved anything."""

from __future__ import annotations

import pytest

from core.editing import links


@pytest.mark.parametrize(
    ("slug", "offered", "shown"),
    [
        ("fraktion-a", "Fraktion A", "Fraktion A"),
        ("fraktion-a", "  Fraktion   A ", "Fraktion A"),  # spaces as typed are tidied
        ("buergerverein-saarn", "Bürgerverein Saarn", "Bürgerverein Saarn"),
        ("fraktion-a", None, "Fraktion A"),  # an old link without the name: the slug as words
        ("fraktion-a", "", "Fraktion A"),
        ("fraktion-a", "Oberbürgermeister", "Fraktion A"),  # a name of another slug is ignored
        ("fraktion-a", ["Fraktion A"], "Fraktion A"),  # a repeated parameter is not a name
        ("spd", None, "Spd"),
    ],
)
def test_display_name(slug: str, offered: object, shown: str) -> None:
    assert links.display_name(slug, offered) == shown
