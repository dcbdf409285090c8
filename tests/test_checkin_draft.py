"""The check-in draft file: any content reads as a draft or one ValueError, never a traceback;
a draft written reads back the same; and "same as last time" never overwrites an answer."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from imr_tui.domain.checkin import CheckIn, Medication, default_items
from imr_tui.store.store import Store
from imr_tui.tui.screens.checkin_draft import Draft, FormState, delete_draft, draft_path, read_draft, write_draft

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
                    max_leaves=20)
FIELDS = st.fixed_dictionaries({"kind": st.just("checkin-draft")}, optional={
    "saved_at": st.text(max_size=30) | st.just("2026-11-20T09:30:00+00:00"),
    "day": st.text(max_size=12) | st.just("2026-11-20"), "checkin_id": JSON, "values": JSON, "medication": JSON,
    "substances": JSON, "tags": JSON, "note": JSON})


@given(st.one_of(JSON, FIELDS))
def test_any_json_is_a_draft_or_one_value_error(data: object) -> None:
    try:
        draft = Draft.from_json(data)
    except ValueError as exc:
        assert str(exc)
        return
    assert isinstance(draft.day, date) and all(isinstance(v, float) for v in draft.state.values.values())
    assert draft.state.medication in {None, *(m.value for m in Medication)}


@given(values=st.dictionaries(st.sampled_from(["mood", "sleep", "use"]), st.floats(0, 24, allow_nan=False)),
       note=st.text(max_size=50))
def test_a_draft_reads_back_as_written(values: dict[str, float], note: str) -> None:
    draft = Draft(FormState(values=values, medication="partly", substances="beer 2 cans", tags="work", note=note),
                  day=date(2026, 11, 20), checkin_id=None, saved_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    assert Draft.from_json(json.loads(json.dumps(draft.to_json()))) == draft


def test_a_draft_file_is_written_read_and_removed(store: Store) -> None:
    assert read_draft(store) is None
    draft = Draft(FormState(values={"mood": 4}), day=date(2026, 11, 20), checkin_id="abc",
                  saved_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    write_draft(store, draft)
    assert draft_path(store).exists() and read_draft(store) == draft
    delete_draft(store)
    assert read_draft(store) is None
    draft_path(store).write_text("{not json")
    try:
        read_draft(store)
    except ValueError as exc:
        assert "Expecting" in str(exc) or "property name" in str(exc)
    else:
        raise AssertionError("a damaged draft read as fine")


def test_same_as_last_time_fills_only_what_is_empty() -> None:
    items = default_items()
    earlier = FormState.of(CheckIn(at=datetime(2026, 11, 19, 21, tzinfo=UTC),
                                   values={"mood": 3, "sleep": 8, "gone": 1}, medication=Medication.TAKEN,
                                   note="then", tags=["work"]), items)
    now = FormState(values={"mood": 7}, note="today")
    filled = now.filled_from(earlier)
    assert filled.values == {"mood": 7, "sleep": 8}  # today's mood stays; an item no longer asked is not copied
    assert filled.medication == "yes" and filled.note == "today" and filled.tags == ""
    assert FormState(medication="no").filled_from(earlier).medication == "no"
