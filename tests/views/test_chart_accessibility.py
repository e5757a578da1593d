"""Chart specs for large fonts: wrapped names, rows that grow, labels on every wide segment."""

from __future__ import annotations

import pandas as pd

from core.views import charts

GROUP_LABELS = {"cost": "Kosten", "citizen_value": "Bürgernutzen", "feasibility": "Umsetzbarkeit"}


def _frame() -> pd.DataFrame:
    ranking = pd.DataFrame(
        {
            "option": ["Gemeinsame CMS-Plattform über KDN", "Kurz"],
            "rank": [1, 2],
            "score": [0.7, 0.4],
            "cost": [0.3, 0.2],
            "citizen_value": [0.3, 0.1],
            "feasibility": [0.1, 0.1],
        }
    )
    return charts.ranking_frame(ranking, GROUP_LABELS)


def _spec(**options) -> dict:
    return charts.ranking_bars(
        _frame(), GROUP_LABELS, title="T", x_title="X", y_title="Y", legend_title="L", **options
    ).to_dict()


def test_wrap_label_breaks_at_spaces_and_keeps_every_character() -> None:
    name = "Desktop-GIS auf QGIS umstellen (Modell Rhein-Kreis Neuss)"
    lines = charts.wrap_label(name, 30)
    assert lines == ["Desktop-GIS auf QGIS umstellen", "(Modell Rhein-Kreis Neuss)"]
    assert " ".join(lines) == name
    assert charts.wrap_label("Kurz", 30) == ["Kurz"]
    assert charts.wrap_label("Donaudampfschifffahrtsgesellschaft", 10) == [
        "Donaudampfschifffahrtsgesellschaft"
    ]  # a word longer than a line stays whole


def test_every_layer_reads_the_top_level_data() -> None:
    spec = _spec(font_size=22, label_wrap=30)
    assert all("data" not in layer for layer in spec["layer"])


def test_large_fonts_reach_axes_legend_and_labels() -> None:
    spec = _spec(font_size=22, label_wrap=30)
    axis = spec["config"]["axis"]
    assert axis["labelFontSize"] == 22 and axis["labelColor"] == charts.TEXT_COLOR
    assert axis["labelLimit"] == 0
    assert spec["config"]["legend"]["symbolSize"] > 100
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert len(texts) == 2  # a value in each wide segment, the total at the end of the bar
    assert all(layer["mark"]["color"] == charts.TEXT_COLOR for layer in texts)
    y_axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert "split(" in y_axis["labelExpr"] and y_axis["labelLimit"] == 0


def test_rows_grow_with_font_and_lines_so_height_grows_with_options() -> None:
    small = _spec(font_size=14)["height"]["step"]
    large = _spec(font_size=22, label_wrap=30, label_lines=1)["height"]["step"]
    two_lines = _spec(font_size=22, label_wrap=30, label_lines=2)["height"]["step"]
    three_lines = _spec(font_size=22, label_wrap=30, label_lines=3)["height"]["step"]
    assert small < large < two_lines < three_lines
    assert three_lines >= 3 * 22  # three lines of 22 px fit in a row
    bar = _spec(font_size=22, label_wrap=30, label_lines=3)["layer"][0]["mark"]["size"]
    assert bar < three_lines  # a gap stays between the bars


def test_bars_are_outlined_so_segments_part_without_colour() -> None:
    mark = _spec()["layer"][0]["mark"]
    assert mark["stroke"] == charts.TEXT_COLOR and mark["strokeWidth"] >= 1
