"""The journal: every check-in and coping use newest first, search by words, tag and days, open one to
change it; the same search from the shell (`imr-tui notes`); ten years of data."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input, Static

from imr_tui.domain.checkin import CheckIn, Medication, SubstanceUse, default_items
from imr_tui.domain.coping import CopingUse
from imr_tui.insights.journal import JournalQuery, build_entries, entry_title, fold, read_query, search
from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.checkin import CheckInScreen
from imr_tui.tui.screens.journal import JournalScreen
from imr_tui.tui.widgets.entry_list import EntryList
from tests.conftest import CONTENT, FIXED_END, run_cli, seen_notices, settle

NOW = datetime.combine(FIXED_END, time(21, 0), tzinfo=UTC)


def _at(days_ago: int, hour: int = 12) -> datetime:
    return datetime.combine(FIXED_END - timedelta(days=days_ago), time(hour), tzinfo=UTC)


def _fill(store: Store) -> None:
    store.add_checkin(CheckIn(id="c-old", at=_at(40), values={"mood": 3}, note="Bad week at work", tags=["work"]))
    store.add_checkin(CheckIn(id="c-walk", at=_at(2, 9), values={"mood": 6, "sleep": 7}, medication=Medication.TAKEN,
                              note="Went for a [b]walk[/x] in the Café park", tags=["walk", "Park"]))
    store.add_checkin(CheckIn(id="c-beer", at=_at(1, 22), medication=Medication.MISSED,
                              substances=[SubstanceUse(what="beer", amount="2 cans")], note="Party at Jo's"))
    store.add_coping_use(CopingUse(id="u-1", at=_at(1, 23), strategy="Slow breathing", situation="Could not sleep",
                                   distress_before=7, distress_after=4))


def _text(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _open(app: IMRApp, pilot) -> JournalScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    app.open("journal")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, JournalScreen)
    return screen


def _ids(screen: JournalScreen) -> list[str]:
    return [e.id for e in screen.query_one(EntryList).entries]


async def test_the_journal_lists_everything_newest_first_and_shows_the_one_picked_in_full(store: Store) -> None:
    _fill(store)
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        assert _ids(screen) == ["u-1", "c-beer", "c-walk", "c-old"]
        assert "4 entries" in _text(app, "#journal-status")
        detail = _text(app, "#journal-detail")
        assert "Coping log" in detail and "Slow breathing" in detail and "7 before, 4 after" in detail
        await pilot.press("down")
        detail = _text(app, "#journal-detail")
        assert "Medicine: not taken" in detail and "Alcohol or drugs: beer 2 cans" in detail and "Party at Jo's" in detail
        await pilot.press("down")
        detail = _text(app, "#journal-detail")
        assert "Went for a [b]walk[/x] in the Café park" in detail  # as typed, never markup
        assert "mood 6, 7 hours of sleep" in detail and "Tags: walk, Park" in detail
        # the list line starts with the person's own words
        assert entry_title(screen.query_one(EntryList).entries[2]).startswith("Went for a [b]walk[/x]")


async def test_search_by_words_tag_and_days_and_a_bad_date_is_said_plainly(store: Store) -> None:
    _fill(store)
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("slash")
        assert app.focused is screen.query_one("#search-words", Input)
        await pilot.press(*"cafe WALK")  # any case, no accent needed
        assert _ids(screen) == ["c-walk"]
        assert '1 of 4 entries with "cafe WALK"' in _text(app, "#journal-status")
        await pilot.press(*["backspace"] * 9)
        await pilot.press("tab", *"park")
        assert _ids(screen) == ["c-walk"]  # the tag "Park"
        screen.query_one("#search-tag", Input).value = ""
        await pilot.press("tab", *"-3")  # from 3 days ago
        await pilot.pause()
        assert _ids(screen) == ["u-1", "c-beer", "c-walk"]
        await pilot.press("tab", *"-2")  # to 2 days ago
        await pilot.pause()
        assert _ids(screen) == ["c-walk"]
        screen.query_one("#search-to", Input).value = "soon"
        await pilot.pause()
        status = _text(app, "#journal-status")
        assert "To: 'soon' is not a date I know" in status
        assert _ids(screen) == ["u-1", "c-beer", "c-walk"]  # the date that cannot be read is left out
        await pilot.press("escape")  # from a box back to the list, then back to Home
        assert isinstance(app.focused, EntryList)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, JournalScreen)


async def test_enter_opens_the_check_in_to_change_it_and_the_journal_follows(store: Store) -> None:
    _fill(store)
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("down", "down")  # c-walk
        await pilot.press("enter")
        await settle(app, pilot)
        checkin = app.screen
        assert isinstance(checkin, CheckInScreen)
        note = checkin.query_one("#note", Input)
        assert note.value == "Went for a [b]walk[/x] in the Café park"
        note.value = "Went for a long walk"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        assert [c.note for c in store.checkins() if c.id == "c-walk"] == ["Went for a long walk"]
        assert screen.query_one(EntryList).current is not None
        assert screen.query_one(EntryList).current.id == "c-walk"  # still on the same entry
        assert "Went for a long walk" in _text(app, "#journal-detail")
        # a coping log cannot be changed: it says so
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert any("A coping log cannot be changed yet" in n for n in seen_notices(app))


async def test_a_shell_checkin_shows_in_the_open_journal(store_dir: Path) -> None:
    import asyncio

    store = Store.open(store_dir)
    now = datetime.now().astimezone()
    store.add_checkin(CheckIn(at=now - timedelta(days=1), note="yesterday"))
    app = IMRApp(store=store, content=CONTENT, clock=lambda: now)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        assert len(_ids(screen)) == 1
        done = await asyncio.to_thread(run_cli, "checkin", "--mood", "5", "--note", "from the shell", home=store_dir)
        assert done.returncode == 0, done.stderr
        for _ in range(60):
            await asyncio.sleep(0.05)
            if len(_ids(screen)) == 2:
                break
        await settle(app, pilot)
        assert screen.query_one(EntryList).entries[0].note == "from the shell"


async def test_search_over_ten_years_in_the_open_journal(tmp_path: Path) -> None:
    from imr_tui.demo import build_demo_store

    big = build_demo_store(tmp_path / "big", days=3650, seed=7, end=FIXED_END, tz=UTC)
    app = IMRApp(store=big, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        box = screen.query_one(EntryList)
        assert len(box.entries) > 13_000 and box.entries[0].at >= box.entries[-1].at
        await pilot.press("end")
        assert box.current is box.entries[-1]
        await pilot.press("slash", *"sam")
        expected = search(screen.all, JournalQuery(words="sam"))
        assert [e.id for e in box.entries] == [e.id for e in expected] and 1000 < len(expected) < 5000
        assert all("sam" in fold(e.note) for e in box.entries)
        await pilot.press("tab", "tab", *"2026-01-01")
        await pilot.pause()
        assert box.entries and all(e.day >= date(2026, 1, 1) for e in box.entries)
        await pilot.press("pagedown", "pagedown", "end", "home")
        assert box.current is box.entries[0]


def test_the_shell_reads_the_same_journal(store_dir: Path) -> None:
    store = Store.open(store_dir)
    _fill(store)
    done = run_cli("notes", "--search", "cafe", home=store_dir)
    assert done.returncode == 0, done.stderr
    assert "Went for a [b]walk[/x] in the Café park" in done.stdout and "Party" not in done.stdout
    assert '1 entry with "cafe", newest first.' in done.stdout
    done = run_cli("notes", "--from", FIXED_END.isoformat(), home=store_dir)
    assert "No check-ins or coping logs from" in done.stdout
    done = run_cli("notes", "--from", (FIXED_END - timedelta(days=1)).isoformat(), "--to", FIXED_END.isoformat(),
                   home=store_dir)
    assert done.stdout.index("Slow breathing") < done.stdout.index("Party at Jo's")  # newest first
    assert "Medicine: not taken" in done.stdout and "Alcohol or drugs: beer 2 cans" in done.stdout
    bad = run_cli("notes", "--from", "someday", home=store_dir)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "--from: 'someday'" in bad.stderr
    late = run_cli("notes", "--from", "2026-02-01", "--to", "2026-01-01", home=store_dir)
    assert late.returncode == 1 and "--from 2026-02-01 is after --to 2026-01-01" in late.stderr


def test_read_query_names_the_field() -> None:
    assert read_query("a  b", " walk ", "-2", "", today=FIXED_END) == JournalQuery(
        "a b", "walk", FIXED_END - timedelta(days=2), None)
    import pytest

    with pytest.raises(ValueError, match=r"^to: 'x'"):
        read_query(end="x", today=FIXED_END)


words = st.lists(st.sampled_from(["walk", "Café", "sam", "ÉTÉ", "ευχαριστώ", "[b]", "x"]), max_size=4)


@settings(max_examples=150, deadline=None)
@given(notes=st.lists(words.map(" ".join), min_size=1, max_size=12), query=words)
def test_search_finds_exactly_the_entries_with_every_word(notes: list[str], query: list[str]) -> None:
    checkins = [CheckIn(id=f"c{n}", at=NOW - timedelta(hours=n), note=note) for n, note in enumerate(notes)]
    entries = build_entries(checkins, [], default_items())
    found = {e.id for e in search(entries, JournalQuery(words=" ".join(query)))}
    expected = {c.id for c in checkins if all(fold(w) in fold(c.note) for w in query)}
    assert found == expected
