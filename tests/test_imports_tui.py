"""The import screen: opened from Settings; choose the file, see the dry run, place the moods only the person
can place (nothing filled in for them), import through the data service; crisis help shown once; a snapshot."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Input, Select, Static

from imr_tui.store.store import Store
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.import_screen import ImportScreen, MoodPlace
from tests.conftest import CONTENT, seen_notices, settle
from tests.imports_helpers import SUGGESTION, tree, write

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
HEAD = "full_date,date,weekday,time,mood,activities,note_title,note"
ROWS = ['2026-11-19,November 19,Thursday,8:30 PM,good,walk,,"Saw Ana."',
        '2026-11-18,November 18,Wednesday,09:15,Depressed,,,"stayed in bed"',
        '2026-11-17,November 17,Tuesday,09:15,depressed ,,,"no energy"',
        "2026-11-16,November 16,Monday,10:00,Solid,,,"]


def text_of(app: IMRApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_and_look(app: IMRApp, pilot, path: Path) -> ImportScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    await pilot.press("s")
    await settle(app, pilot)
    await pilot.press("i")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-path", Input).value = str(path)
    screen.query_one("#import-path", Input).focus()
    await pilot.press("enter")
    await settle_moods(app, pilot)
    return screen


async def settle_moods(app: IMRApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Settle, and when there are moods to place, until the first one has the focus (after they are laid out)."""
    await settle(app, pilot)
    for _ in range(100):
        if not app.screen.query(MoodPlace) or isinstance(app.focused, MoodPlace):
            break
        await pilot.pause()
    await settle(app, pilot)


async def test_choose_look_place_and_import(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "daylio_export.csv", [HEAD, *ROWS])
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_and_look(app, pilot, path)
        before = tree(store.root)  # (after the app's daily backup)
        summary = text_of(app, "#import-summary")
        assert "Entries: 4, from 2026-11-16 to 2026-11-19; 4 new, 0 already here." in summary
        assert "good ->    8   (1 entry)" in summary and "Depressed ->    ?   (2 entries)  needs your value" in summary
        places = list(screen.query(MoodPlace))
        assert [p.label for p in places] == ["Depressed", "Solid"] and all(p.value is None for p in places)
        assert "not placed yet" in str(places[0].render())
        assert app.focused is places[0]
        notes = [str(s.render()) for s in screen.query(".mood-notes").results(Static)]
        assert "“stayed in bed”" in notes[0] and "“no energy”" in notes[0]
        assert not SUGGESTION.search(summary + text_of(app, "#import-status"))

        await pilot.press("ctrl+s")  # not every mood is placed: nothing is written
        await settle(app, pilot)
        assert "Place each mood first: 'Depressed', 'Solid'" in text_of(app, "#import-status")
        assert tree(store.root) == before

        await pilot.press("2")
        await settle(app, pilot)
        assert "Depressed ->    2   (2 entries)  (yours)" in text_of(app, "#import-summary")
        places[1].focus()
        await pilot.press("backspace")  # Solid: brought in without a mood value
        await settle(app, pilot)
        assert "no mood value" in str(places[1].render())
        assert "Press Ctrl+S to import this." in text_of(app, "#import-status")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Imported 4 new check-ins" in text_of(app, "#import-status")
        assert any(n.startswith("Imported: Imported 4 new check-ins") for n in seen_notices(app))
        assert not list(screen.query(MoodPlace))
    by_day = {c.at.day: c for c in store.checkins()}
    assert by_day[19].values == {"mood": 8} and by_day[18].values == {"mood": 2} and by_day[17].values == {"mood": 2}
    assert by_day[16].values == {} and by_day[16].tags == ["mood: Solid"]


async def test_a_second_look_says_it_is_all_here_and_a_placed_value_can_be_taken_back(store: Store,
                                                                                     tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", [HEAD, ROWS[0]])
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_and_look(app, pilot, path)
        assert not list(screen.query(MoodPlace))
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert len(store.checkins()) == 1
        screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert "0 new, 1 already here" in text_of(app, "#import-summary")
        assert "Everything in this file is already here." in text_of(app, "#import-status")

        two = write(tmp_path, "two.csv", [HEAD, ROWS[3]])
        screen.query_one("#import-path", Input).value = str(two)
        screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await settle_moods(app, pilot)
        (place,) = screen.query(MoodPlace)
        await pilot.press("7")
        await settle(app, pilot)
        assert screen.plan is not None and screen.plan.ready()
        await pilot.press("backspace", "backspace")  # 7 -> no value chosen -> still no value
        await settle(app, pilot)
        assert screen.plan.ready() and "no mood value" in str(place.render())


async def test_crisis_help_is_shown_once_gently(store: Store, tmp_path: Path) -> None:
    store.update_settings(lambda s: s.model_copy(update={"country": "GB"}))
    path = write(tmp_path, "d.csv", [HEAD, '2026-11-18,x,y,09:15,awful,,,"I wanted to die"', ROWS[0]])
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_and_look(app, pilot, path)
        care = text_of(app, "#import-care")
        assert "Some of these past entries talk about wanting to die." in care
        assert "In danger now: call 999" in care and "F2 opens crisis help" in care
        assert screen.query_one("#import-care").has_class("shown")
        screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(screen.query("#import-care")) == 1 and screen.care_shown
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert len(store.checkins()) == 2  # imported like the rest


async def test_a_bad_file_or_an_unknown_one_says_so_in_one_line(store: Store, tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.csv", [HEAD, "2026-11-19,x,y,25:00,good,,,"])
    unknown = write(tmp_path, "notes.txt", ["just some words"])
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_and_look(app, pilot, bad)
        before = tree(store.root)
        status = text_of(app, "#import-status")
        assert status.startswith("This file cannot be imported:") and "row 1 (line 2): time '25:00'" in status
        assert "\n" not in status.strip() and screen.query_one("#import-status").has_class("error")
        for path, message in [(unknown, "cannot tell which app made this file"),
                              (tmp_path / "nope.csv", "There is no file at")]:
            screen.query_one("#import-path", Input).value = str(path)
            screen.query_one("#import-path", Input).focus()
            await pilot.press("enter")
            await settle(app, pilot)
            assert message in text_of(app, "#import-status")
        screen.query_one("#import-format", Select).value = "jrnl"  # the person picks the app
        screen.query_one("#import-path", Input).value = str(unknown)
        screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert "is not valid JSON" in text_of(app, "#import-status")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert tree(store.root) == before


async def test_every_format_is_found_from_the_file(store: Store, tmp_path: Path) -> None:
    files = {
        "bearable": write(tmp_path, "b.csv", ["date,weekday,time of day,category,rating/amount,detail,notes",
                                              "22nd Sep 2020,Tuesday,am,Mood,7,,"]),
        "emoods": write(tmp_path, "e.csv", ["ID,DATE (YYYY-MM-DD),IRRITABILITY,ANXIETY,DEPRESSED,ELEVATED,SLEEP,"
                                            "PSYCHOTIC SYMPTOMS,NOTE,THERAPY,MENSTRUAL CYCLE,WEIGHT",
                                            "1,2023-05-14,0,1,0,0,7,0,,0,0,"]),
        "imoodjournal": write(tmp_path, "i.csv", ['"Date","Day of week","Hour","Minute","Level","LevelText","Comment"',
                                                  '"September 5, 2015","Saturday","21","5","7","Good",""']),
        "jrnl": write(tmp_path, "j.json", ['{"tags": {}, "entries": [{"title": "t", "body": "b", "date": "2023-05-14",'
                                           ' "time": "21:05", "tags": [], "starred": false}]}']),
        "pixels": write(tmp_path, "p.json", ['[{"date": "2021-01-05", "type": "Mood", "scores": [3], "notes": "",'
                                             ' "tags": []}]']),
        "daylio": write(tmp_path, "d.csv", ['2021-10-16,16 de octubre,sábado,18:43,good,"",""']),
    }
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_and_look(app, pilot, files["bearable"])
        for name, path in files.items():
            screen.query_one("#import-path", Input).value = str(path)
            screen.query_one("#import-path", Input).focus()
            await pilot.press("enter")
            await settle(app, pilot)
            assert screen.format_name == name and "Entries: 1," in text_of(app, "#import-summary"), name
            await pilot.press("ctrl+s")
            await settle(app, pilot)
    assert {c.model_extra["source"] for c in store.checkins()} == set(files)  # type: ignore[index]


def test_snapshot(snap_compare, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """After the dry run: the mood scales to place, the first one focused, at 80x24."""
    monkeypatch.chdir(tmp_path)  # the file's name on screen does not change from run to run
    store = Store.open(tmp_path / "data")
    path = tmp_path / "daylio_export.csv"
    path.write_text("\n".join([HEAD, *ROWS]) + "\n", encoding="utf-8")
    app = IMRApp(store=store, content=CONTENT, clock=lambda: NOW)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(app, pilot)
        app.open("import")
        await settle(app, pilot)
        app.screen.query_one("#import-path", Input).value = "daylio_export.csv"
        app.screen.read_file(Path("daylio_export.csv"), "find-out")  # type: ignore[attr-defined]
        await settle_moods(app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
