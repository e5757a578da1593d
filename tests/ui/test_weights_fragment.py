"""What a weight slider move makes a real server send (ui.weights_fragment): on a page with
its weight-dependent part in the fragment, no run of the whole app starts and the sliders
are not sent again; on a page without, the whole app reruns as before.

A websocket client speaks the frontend's protocol (bench/loopback.py's server, the app's
seeded store); every message of the move is kept and read by its run identity."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.Slider_pb2 import Slider
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

from bench import loopback
from tests import own_loop

TIMEOUT_S = 120.0  # a bound on waiting on a busy machine, not a timed assertion


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("weights") / "cockpit.duckdb")
    loopback.seeded_store(db)
    with loopback.serve("app.py", db) as running:
        yield running.url


async def _until_finished(ws, sent: BackMsg) -> list[ForwardMsg]:
    """Send ``sent``; every message until the run that is not replaced has finished."""
    await ws.send(sent.SerializeToString())
    replies = []
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(await asyncio.wait_for(ws.recv(), TIMEOUT_S))
        replies.append(reply)
        if reply.WhichOneof("type") == "script_finished" and (
            reply.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
        ):
            return replies


def _element(reply: ForwardMsg) -> str:
    if reply.WhichOneof("type") != "delta":
        return ""
    return reply.delta.new_element.WhichOneof("type") or ""


async def _move_cost(url: str, page: str, query: str, value: int) -> list[ForwardMsg]:
    """Open ``page`` as a browser tab does, move the cost slider as the frontend sends it
    (with the fragment the slider was drawn in); the move's messages."""
    async with connect(
        url.replace("http://", "ws://") + "/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
    ) as ws:
        opening = BackMsg()
        opening.rerun_script.query_string = query
        opening.rerun_script.page_name = page
        replies = await _until_finished(ws, opening)
        page_hash = next(
            r.navigation.page_script_hash for r in replies if r.WhichOneof("type") == "navigation"
        )
        (slider,) = [
            r.delta
            for r in replies
            if _element(r) == "slider" and r.delta.new_element.slider.id.endswith("-w_cost")
        ]
        move = BackMsg()
        move.rerun_script.query_string = query
        move.rerun_script.page_script_hash = page_hash
        move.rerun_script.fragment_id = slider.fragment_id
        widget = move.rerun_script.widget_states.widgets.add()
        widget.id = slider.new_element.slider.id
        widget.double_array_value.data.append(value)
        return await _until_finished(ws, move)


def _new_sessions(replies: list[ForwardMsg]) -> list[list[str]]:
    """The fragments each run of the move ran ([] for a run of the whole app)."""
    return [
        list(r.metadata.run.fragment_ids) for r in replies if r.WhichOneof("type") == "new_session"
    ]


def _texts(replies: list[ForwardMsg]) -> list[str]:
    return [r.delta.new_element.markdown.body for r in replies if _element(r) == "markdown"]


def test_a_slider_move_on_the_bereich_starts_no_run_of_the_whole_app(server: str) -> None:
    replies = own_loop.run(_move_cost(server, "bereich", "area=ozg", 100))
    runs = _new_sessions(replies)
    assert runs and all(runs), runs  # every run of the move is a fragment run
    kinds = [_element(r) for r in replies]
    assert "slider" not in kinds  # the browser already shows the sliders' new values
    assert "html" not in kinds  # the ranking table's CSS is drawn outside the fragment
    assert "table" in kinds  # the ranking followed the move
    assert any(text.startswith("Kosten: ") and "%" in text for text in _texts(replies))
    assert replies[-1].script_finished == (
        ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    )


def test_a_slider_move_on_the_uebersicht_sends_no_css(server: str) -> None:
    """The rules of the tables a move redraws (the portfolio's chosen set) do not depend on
    the weights: they are drawn outside the fragments and not sent again."""
    replies = own_loop.run(_move_cost(server, "", "", 100))
    runs = _new_sessions(replies)
    assert runs and all(runs), runs
    kinds = [_element(r) for r in replies]
    assert "html" not in kinds
    assert kinds.count("table") == 1  # the chosen set followed the move
    assert any(r.delta.new_element.table.arrow_data.data for r in replies if _element(r) == "table")


def test_a_slider_move_on_a_page_without_the_fragment_reruns_the_whole_app(server: str) -> None:
    """The Sensitivität page reads the weights outside the fragment: it must be drawn anew."""
    replies = own_loop.run(_move_cost(server, "sensitivitaet", "", 100))
    assert _new_sessions(replies)[-1] == []  # the last run is the whole app's
    assert "slider" in [_element(r) for r in replies]  # the whole panel drawn again
    assert replies[-1].script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY


def test_a_full_run_after_a_slider_move_leaves_the_browser_its_slider_values(server: str) -> None:
    """A slider sent with ``set_value`` makes the browser show the server's value: in the
    full run after a move that would be the value of a run older than presses the user made
    meanwhile, which were lost (tests/browser/test_slider_keys.py). The group sliders are
    sent again, but without ``set_value``."""
    replies = own_loop.run(_move_cost(server, "sensitivitaet", "", 40))
    sliders = {
        r.delta.new_element.slider.id.rsplit("-", 1)[-1]: r.delta.new_element.slider
        for r in replies
        if _element(r) == "slider"
    }
    groups = ["w_cost", "w_citizen_value", "w_feasibility"]
    assert set(groups) <= sliders.keys()  # all three drawn again
    assert [key for key in groups if sliders[key].set_value] == []


VALUED = ("slider", "selectbox", "radio", "number_input", "checkbox")  # widgets with set_value


def _valued(replies: list[ForwardMsg]) -> dict[str, bool]:
    """Every widget of the replies by its key: sent with ``set_value``?"""
    widgets = {}
    for reply in replies:
        kind = _element(reply)
        if kind in VALUED:
            proto = getattr(reply.delta.new_element, kind)
            widgets[proto.id.rsplit("-", 1)[-1]] = proto.set_value
    return widgets


def _shown_state(reply: ForwardMsg) -> WidgetState | None:
    """The state the browser holds for a widget it was sent: the server's value where the
    widget comes with ``set_value``, else the value it shows already or, new, its default
    (in the wire format the frontend sends back)."""
    kind = _element(reply)
    if kind not in VALUED:
        return None
    proto = getattr(reply.delta.new_element, kind)
    state = WidgetState(id=proto.id)
    if kind == "slider":
        values = list(proto.value if proto.set_value else proto.default)
        if proto.type == Slider.Type.SELECT_SLIDER:
            state.string_array_value.data[:] = [proto.options[int(v)] for v in values]
        else:
            state.double_array_value.data[:] = values
    elif kind in ("selectbox", "radio"):
        state.string_value = proto.raw_value if proto.set_value else proto.options[proto.default]
    elif kind == "number_input":
        value = proto.value if proto.set_value else proto.default
        if proto.data_type == NumberInput.DataType.INT:
            state.int_value = int(value)
        else:
            state.double_value = value
    else:
        state.bool_value = proto.value if proto.set_value else proto.default
    return state


async def _full_runs_on_sensitivity(url: str) -> dict[str, list[ForwardMsg]]:
    """On /sensitivitaet, as a browser: open the sub-weights expander, then move a
    sub-criterion slider and the Monte Carlo concentration (each a run of the whole app,
    sent with the state of every widget on screen); each step's messages."""
    async with connect(
        url.replace("http://", "ws://") + "/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
    ) as ws:
        shown: dict[str, WidgetState] = {}  # by key, as the browser holds them

        async def step(msg: BackMsg) -> list[ForwardMsg]:
            replies = await _until_finished(ws, msg)
            for reply in replies:
                state = _shown_state(reply)
                if state is not None:
                    shown[state.id.rsplit("-", 1)[-1]] = state
            return replies

        opening = BackMsg()
        opening.rerun_script.page_name = "sensitivitaet"
        steps = {"open": await step(opening)}
        page_hash = next(
            r.navigation.page_script_hash
            for r in steps["open"]
            if r.WhichOneof("type") == "navigation"
        )
        expander = next(
            r.delta.add_block.expandable.id
            for r in steps["open"]
            if r.WhichOneof("type") == "delta"
            and r.delta.add_block.expandable.id.endswith("-_sub_weights_open")
        )
        shown["_sub_weights_open"] = WidgetState(id=expander, bool_value=True)

        def run() -> BackMsg:
            msg = BackMsg()
            msg.rerun_script.page_script_hash = page_hash
            msg.rerun_script.widget_states.widgets.extend(shown.values())
            return msg

        steps["expand"] = await step(run())
        shown["s_npv_cost"].double_array_value.data[:] = [20]
        steps["sub_weight"] = await step(run())
        shown["mc_concentration"].string_array_value.data[:] = ["500"]
        steps["concentration"] = await step(run())
        return steps


def test_full_runs_leave_the_browser_the_values_of_widgets_on_screen(server: str) -> None:
    """A move of a widget outside the fragments (a sub-criterion slider, the Monte Carlo
    settings) reruns the whole app: neither it nor any other widget that stays on screen may
    come back with ``set_value``, or the browser jumps back to a value older than presses
    made meanwhile (tests/browser/test_slider_keys.py). Widgets drawn anew (the sub-weights
    when their expander opens) do come with the kept value."""
    steps = own_loop.run(_full_runs_on_sensitivity(server))
    expanded = _valued(steps["expand"])
    assert expanded["s_npv_cost"]  # shown again: with the kept value
    assert not expanded["w_cost"] and not expanded["mc_concentration"]
    for step in ("sub_weight", "concentration"):
        sent = _valued(steps[step])
        assert {"s_npv_cost", "mc_concentration", "mc_samples", "method", "lang"} <= sent.keys()
        # the area picker writes its key on every run (it shares the area across pages);
        # a select box is not moved by quick presses
        sent.pop("sens_area_select")
        assert [key for key, set_value in sent.items() if set_value] == [], step
    # the moves took effect: the link carries them
    assert any("s_npv_cost=20" in r.page_info_changed.query_string for r in steps["sub_weight"])
    assert any(
        "mc_concentration=500" in r.page_info_changed.query_string for r in steps["concentration"]
    )
