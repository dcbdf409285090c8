"""Daylio CSV: every layout in formats.md (fixtures written here), moods placed by the person and never
guessed, the crisis notice, ids kept from the first importer, bad rows, fuzzing, round trips."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_tui.cli import main
from imr_tui.domain.checkin import CheckInItem, Worse, default_items
from imr_tui.imports.dates import parse_time
from imr_tui.imports.daylio import entry_id, parse_daylio
from imr_tui.imports.files import ImportProblem
from imr_tui.imports.moods import LEVELS
from imr_tui.store.store import Store
from tests.conftest import run_cli
from tests.imports_helpers import NOW, SUGGESTION, check_parse, one_line_error, tree, write

HEAD = "full_date,date,weekday,time,mood,activities,note_title,note"
GOOD_ROWS = [
    '2026-11-19,November 19,Thursday,8:30 PM,good,walk | friends,Nice day,"Saw Ana.\nLong talk, good."',
    "2026-11-19,November 19,Thursday,09:15,meh,,,",
    "2026-11-18,November 18,Wednesday,21:00,Rad,gym,,",
    "2026-11-17,November 17,Tuesday,7:05 am,awful,,,Bad night",
    "2026-11-16,November 16,Monday,12:00 PM,bad,work | work,,",
]


def daylio_file(tmp_path: Path, rows: list[str], name: str = "daylio.csv", head: str | None = HEAD,
                **kw: object) -> Path:
    return write(tmp_path, name, ([head] if head is not None else []) + rows, **kw)  # type: ignore[arg-type]


def parse(path: Path, given: dict[str, float | None] | None = None, items: list[CheckInItem] | None = None):
    return parse_daylio(path.read_bytes(), path, items or default_items(), given, now=NOW)


def local(*args: int) -> datetime:
    return datetime(*args).astimezone()  # type: ignore[arg-type]


# ------------------------------------------------------------------ the layouts
def test_the_layout_with_note_title(tmp_path: Path) -> None:
    parsed = parse(daylio_file(tmp_path, GOOD_ROWS))
    c = parsed.checkins
    assert [x.values for x in c] == [{"mood": 8}, {"mood": 5}, {"mood": 10}, {"mood": 1}, {"mood": 3}]
    assert c[0].at == local(2026, 11, 19, 20, 30) and c[0].at.utcoffset() == local(2026, 11, 19, 20, 30).utcoffset()
    assert (c[1].at.hour, c[1].at.minute) == (9, 15) and (c[3].at.hour, c[3].at.minute) == (7, 5)
    assert c[4].at.hour == 12
    assert c[0].tags == ["walk", "friends"] and c[4].tags == ["work"] and c[1].tags == []
    assert c[0].note == "Nice day\n\nSaw Ana.\nLong talk, good." and c[3].note == "Bad night"
    assert {m.key: (m.count, m.value, m.how) for m in parsed.moods.choices.values()} == {
        "good": (1, 8, "default"), "meh": (1, 5, "default"), "rad": (1, 10, "default"), "awful": (1, 1, "default"),
        "bad": (1, 3, "default")}
    assert len({x.id for x in c}) == 5 and all(x.id.startswith("daylio-") for x in c)
    assert c[0].model_extra == {"source": "daylio"}
    assert [x.id for x in parse(daylio_file(tmp_path, GOOD_ROWS)).checkins] == [x.id for x in c]


def test_ids_are_the_ones_the_first_importer_gave(tmp_path: Path) -> None:
    """A file imported with the first Daylio importer adds nothing when imported again with this one
    (the ids below were made by that importer, commit 9403b26, for these rows)."""
    rows = ['2026-11-19,November 19,Thursday,8:30 PM,good,walk | friends,Nice day,"Saw Ana.<br>Long talk, good.&nbsp;"',
            '2026-11-19,November 19,Thursday,09:15,Depressed ,,,"could not get up"',
            "2026-11-18,November 18,Wednesday,21:00,Rad,gym,,"]
    parsed = parse(daylio_file(tmp_path, rows), {"depressed": 2})
    assert [c.id for c in parsed.checkins] == ["daylio-427d585b6b25491c4e21d9914e60aed2",
                                               "daylio-65a6fd8a692c1ee345613e0c8a3edf57",
                                               "daylio-19b8955021746fb38809160c93f9b173"]
    assert parsed.checkins[0].note == "Nice day\n\nSaw Ana.\nLong talk, good."  # the HTML is gone, the id kept


def test_identical_rows_are_kept_apart_and_stable(tmp_path: Path) -> None:
    row = "2026-11-19,November 19,Thursday,09:15,meh,,,"
    ids = [c.id for c in parse(daylio_file(tmp_path, [row, row])).checkins]
    assert len(set(ids)) == 2
    assert ids[0] == entry_id(date(2026, 11, 19), parse_time("09:15"), "meh", "", 0)


def test_2017_layout_year_column_and_localized_day_month(tmp_path: Path) -> None:
    path = daylio_file(tmp_path, [
        '2017,June 22,Thursday,9:23 PM,rad,walk | reading,"A good day"',
        "2018,7 września,piątek,20:35,dobrze,spacer,",
        "2018,16 de octubre,martes,10:00 pm,meh,,",
        "2018,22. Juni,Freitag,07:00,Schlecht,,",
    ], head="year,date,weekday,time,mood,activities,note")
    c = parse(path).checkins
    assert [x.at for x in c] == [local(2017, 6, 22, 21, 23), local(2018, 9, 7, 20, 35), local(2018, 10, 16, 22, 0),
                                 local(2018, 6, 22, 7, 0)]
    assert [x.values["mood"] for x in c] == [10, 8, 5, 3]
    assert c[0].note == "A good day" and c[0].tags == ["walk", "reading"]


def test_2017_layout_bad_day_month_names_the_row(tmp_path: Path) -> None:
    head = "year,date,weekday,time,mood,activities,note"
    for row, message in [("2017,Juny 22,x,10:00,rad,,", "row 1 (line 2): date 'Juny 22' is not a day and month"),
                         ("2017,February 30,x,10:00,rad,,", "row 1 (line 2): 'February 30 2017' is not a date"),
                         ("17,June 22,x,10:00,rad,,", "row 1 (line 2): year '17' is not a year like 2017")]:
        with pytest.raises(ImportProblem, match=re.escape(message)):
            parse(daylio_file(tmp_path, [row], head=head))


def test_2019_layout_without_note_title(tmp_path: Path) -> None:
    path = daylio_file(tmp_path, ["2020-01-05,January 5,Sunday,09:15,meh,,hello"],
                       head="full_date,date,weekday,time,mood,activities,note")
    (c,) = parse(path).checkins
    assert c.note == "hello" and c.values == {"mood": 5}


def test_2025_layout_scales_go_onto_the_items_the_rest_stays_in_the_note(tmp_path: Path) -> None:
    nbsp = "\u00a0"
    path = daylio_file(tmp_path, [
        f'2025-03-02,March 2,Sunday,08:00,good,,"Sleep Time: 7:30 | Sleep quality:{nbsp}8/10 points | Pain: 3/10 points",'
        'Title,"Body"',
        "2025-03-01,March 1,Saturday,08:00,good,,Sleep Time: 8:00,,",
    ], head="full_date,date,weekday,time,mood,activities,scales,note_title,note")
    parsed = parse(path)
    first, second = parsed.checkins
    assert first.values == {"sleep": 7.5, "sleep_quality": 3, "mood": 8}  # 8 of 10 onto 0-4 is 3.2: 3
    assert first.note == "Title\n\nBody\n\nPain: 3/10 points"
    assert second.values == {"sleep": 8, "mood": 8} and second.note == ""
    uses = {u.name: (u.item, u.count) for u in parsed.scales.values()}
    assert uses == {"Sleep Time": ("sleep", 2), "Sleep quality": ("sleep_quality", 1), "Pain": ("", 1)}


def test_scales_onto_a_scale_of_the_same_size_are_kept_as_they_are(tmp_path: Path) -> None:
    items = [*default_items(), CheckInItem(id="pain", label="Pain", question="Pain?", low=0, high=10)]
    path = daylio_file(tmp_path, ['2025-03-02,x,y,08:00,good,,"Pain: 3/10 points | Anxiety: 6/10",,'],
                       head="full_date,date,weekday,time,mood,activities,scales,note_title,note")
    (c,) = parse(path, items=items).checkins
    assert c.values == {"pain": 3, "anxiety": 6, "mood": 8} and c.note == ""


def test_a_scale_off_the_item_scale_names_the_row(tmp_path: Path) -> None:
    path = daylio_file(tmp_path, ["2025-03-02,x,y,08:00,good,,Sleep Time: 30:00,,"],
                       head="full_date,date,weekday,time,mood,activities,scales,note_title,note")
    with pytest.raises(ImportProblem, match=r"row 1 \(line 2\): scales: 'Sleep Time: 30:00' \(sleep\): sleep must be "
                                            r"from 0 to 24, not 30"):
        parse(path)


def test_cut_down_and_extra_columns(tmp_path: Path) -> None:
    cut = daylio_file(tmp_path, ["2024-05-01,Wednesday,20:00,good"], name="cut.csv", head="full_date,weekday,time,mood")
    (c,) = parse(cut).checkins
    assert c.values == {"mood": 8} and c.note == "" and c.tags == []
    extra = daylio_file(tmp_path, ["2024-05-01,May 1,Wednesday,20:00,good,tired,walk,,,x"], name="extra.csv",
                        head="full_date,date,weekday,time,mood,sub_mood,activities,note_title,note,my_column")
    parsed = parse(extra)
    (c,) = parsed.checkins
    assert c.tags == ["walk", "tired"] and parsed.ignored_columns == ["my_column"]


@pytest.mark.parametrize(("row", "columns"), [
    ('2021-10-16,16 de octubre,sábado,18:43,good,"",""', 7),
    ('2021-10-16,16 de octubre,sábado,18:43,good,"","",""', 8),
    ('2021-10-16,16 de octubre,sábado,18:43,good,"","","",""', 9),
    ("2021-10-16,sábado,18:43,good", 4),
    ('2017,June 22,Thursday,9:23 PM,good,"",""', 7),
])
def test_no_header_row_the_first_row_is_an_entry(tmp_path: Path, row: str, columns: int) -> None:
    parsed = parse(daylio_file(tmp_path, [row, row], head=None))
    assert len(parsed.checkins) == 2 and not parsed.has_header and len(parsed.header) == columns
    assert all(c.values == {"mood": 8} for c in parsed.checkins)


def test_no_header_row_of_an_unknown_layout_asks_for_the_header(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="the first row is an entry, not Daylio's header, and its 5 columns"):
        parse(daylio_file(tmp_path, ["2021-10-16,sábado,18:43,good,x"], head=None))


def test_the_spanish_moods_of_a_file_without_header_are_placed_by_the_person(tmp_path: Path) -> None:
    """formats.md gives no Spanish default names: 'mal' is not guessed."""
    parsed = parse(daylio_file(tmp_path, ['2021-10-16,16 de octubre,sábado,18:43,mal,"",""'], head=None))
    assert [m.name for m in parsed.moods.unknown()] == ["mal"]
    assert parsed.checkins[0].values == {}


def test_html_notes_become_plain_text_with_their_line_breaks(tmp_path: Path) -> None:
    note = "<p>First line</p><p>Second&nbsp;line &amp; more<br/>third</p><div><b>bold</b> I &lt;3 it</div>"
    (c,) = parse(daylio_file(tmp_path, [f'2026-11-19,x,y,10:00,good,,"<b>Title</b>","{note}"'])).checkins
    assert c.note == "Title\n\nFirst line\nSecond line & more\nthird\nbold I <3 it"
    (c,) = parse(daylio_file(tmp_path, ['2026-11-19,x,y,10:00,good,,,"a < b and c > d, 2 <3"'])).checkins
    assert c.note == "a < b and c > d, 2 <3"  # not HTML: kept as typed


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r\r\n"])
@pytest.mark.parametrize("bom", [False, True])
def test_bom_and_every_line_end(tmp_path: Path, end: str, bom: bool) -> None:
    rows = ['2026-11-19,x,y,10:00 pm,good,,,"two\nlines"', "2026-11-18,x,y,9:23 PM,meh,,,"]
    parsed = parse(daylio_file(tmp_path, rows, bom=bom, end=end))
    first, second = parsed.checkins
    assert first.note == "two\nlines" and (first.at.hour, second.at.hour, second.at.minute) == (22, 21, 23)


def test_mood_names_with_trailing_spaces_and_other_case(tmp_path: Path) -> None:
    rows = ["2026-11-19,x,y,10:00,Good ,,,", "2026-11-18,x,y,10:00,  RAD,,,", "2026-11-17,x,y,10:00,tak  sobie,,,",
            "2026-11-16,x,y,10:00,ŹLE,,,", "2026-11-15,x,y,10:00,Lausig,,,", "2026-11-14,x,y,10:00,gut,,,"]
    c = parse(daylio_file(tmp_path, rows)).checkins
    assert [x.values["mood"] for x in c] == [8, 10, 5, 3, 1, 8]


def test_mood_scale_of_a_changed_mood_item(tmp_path: Path) -> None:
    five = CheckInItem(id="mood", label="Mood", question="Mood?", low=1, high=5, worse=Worse.LOW)
    parsed = parse(daylio_file(tmp_path, GOOD_ROWS), items=[five])
    assert {m.key: m.value for m in parsed.moods.choices.values()} == {"rad": 5, "good": 4, "meh": 3, "bad": 2,
                                                                      "awful": 1}


def test_a_daylio_backup_is_not_read_as_csv(tmp_path: Path) -> None:  # the format reads it: daylio_backup
    path = tmp_path / "backup.daylio"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("backup.daylio", "e30=")
    with pytest.raises(ImportProblem, match=r"is a Daylio backup \(.daylio\), not a CSV export"):
        parse(path)


# ------------------------------------------------------------------ moods at the command line
CUSTOM = [*GOOD_ROWS,
          '2026-11-15,November 15,Sunday,10:00,Depressed,,,"stayed in bed"',
          '2026-11-14,November 14,Saturday,10:00,depressed ,,,"no energy at all"',
          "2026-11-13,November 13,Friday,10:00,Solid,,,",
          "2026-11-12,November 12,Thursday,10:00,beyond anxious,,,",
          "2026-11-11,November 11,Wednesday,10:00,fine I'm fine,,,"]


def test_dry_run_lists_every_mood_with_its_count_and_value(tmp_path: Path) -> None:
    home = tmp_path / "data"
    r = run_cli("import", "daylio", str(daylio_file(tmp_path, CUSTOM)), "--dry-run", home=home)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Entries: 10, from 2026-11-11 to 2026-11-19; 10 new, 0 already here." in out
    for name, value in [("Rad", 10), ("good", 8), ("meh", 5), ("bad", 3), ("awful", 1)]:
        assert f"{name} -> {value:>4}   (1 entry)" in out
    assert "Depressed ->    ?   (2 entries)  needs your value" in out
    for name in ("Solid", "beyond anxious", "fine I'm fine"):
        assert f"{name} ->    ?   (1 entry)  needs your value" in out
    assert "row 1: 2026-11-19 20:30, mood 8 (good); tags: walk, friends; note: 'Nice day Saw Ana. Long talk, good.'" in out
    assert "4 moods need your value" in out and "Dry run: nothing was written." in out
    assert not SUGGESTION.search(out)
    assert not home.exists()


def test_from_a_script_one_line_names_every_unknown_mood_and_suggests_no_value(tmp_path: Path) -> None:
    home = tmp_path / "data"
    Store.open(home)
    before = tree(home)
    line = one_line_error(run_cli("import", "daylio", str(daylio_file(tmp_path, CUSTOM)), home=home))
    assert "these 4 moods have no place on your mood scale yet: 'Depressed' (2 entries), " in line
    for name in ("'Solid' (1 entry)", "'beyond anxious' (1 entry)", "\"fine I'm fine\" (1 entry)"):
        assert name in line
    assert "--mood-map NAME=VALUE" in line and "--mood-map-file FILE" in line and "nothing was imported" in line
    assert not SUGGESTION.search(line), line
    assert tree(home) == before


def test_mood_map_and_mood_map_file(tmp_path: Path) -> None:
    home = tmp_path / "data"
    path = daylio_file(tmp_path, CUSTOM)
    moods = tmp_path / "moods.txt"
    moods.write_text("# my moods\nDepressed = 1\nsolid=7\n\nbeyond anxious=none\n", encoding="utf-8")
    line = one_line_error(run_cli("import", "daylio", str(path), "--mood-map-file", str(moods), home=home))
    assert "this mood has no place on your mood scale yet: \"fine I'm fine\" (1 entry)" in line
    r = run_cli("import", "daylio", str(path), "--mood-map-file", str(moods), "--mood-map", "fine I'm fine=4",
                "--mood-map", "solid=6", "--mood-map", "great=9", home=home)
    assert r.returncode == 0, r.stderr
    assert "Solid ->    6   (1 entry)  (yours)" in r.stdout  # --mood-map wins over the file
    assert "(no mood 'great' in this file: that value is not used)" in r.stdout
    by_note = {c.note: c for c in Store.open(home).checkins()}
    assert by_note["stayed in bed"].values == {"mood": 1} and by_note["no energy at all"].values == {"mood": 1}
    anxious = next(c for c in Store.open(home).checkins() if c.at.day == 12)
    assert anxious.values == {} and anxious.tags == ["mood: beyond anxious"]
    assert sorted(c.values.get("mood", -1) for c in Store.open(home).checkins()) == [-1, 1, 1, 1, 3, 4, 5, 6, 8, 10]


@pytest.mark.parametrize(("args", "message"), [
    (["--mood-map", "great"], "--mood-map 'great': write it as NAME=VALUE"),
    (["--mood-map", "great=11"], "--mood-map 'great=11': mood must be from 0 to 10, not 11"),
    (["--mood-map", "great=nan"], "--mood-map 'great=nan': 'nan' is not a number"),
    (["--mood-map", "great=inf"], "'inf' is not a number"),
    (["--mood-map", "great=2.5"], "mood must be a whole number, not 2.5"),
    (["--mood-map-file", "MISSING"], "no such file"),
    (["--mood-map-file", "BAD"], "bad.txt: line 2: 'x=y': 'y' is not a number"),
])
def test_bad_mood_maps_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "bad.txt").write_text("a=1\nx=y\n")
    args = [str(tmp_path / "nope.txt") if a == "MISSING" else str(tmp_path / "bad.txt") if a == "BAD" else a
            for a in args]
    line = one_line_error(run_cli("import", "daylio", str(daylio_file(tmp_path, GOOD_ROWS)), *args,
                                  home=tmp_path / "data"))
    assert message in line, line
    assert not (tmp_path / "data").exists()


def test_at_a_terminal_the_person_places_each_mood(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import imr_tui.cli.imports as cli_imports

    answers = iter(["", "eleven", "12", "2", "7", "none", "5", "y"])
    prompts: list[str] = []

    def fake_input(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(cli_imports, "at_terminal", lambda: True)
    monkeypatch.setattr("builtins.input", fake_input)
    home = tmp_path / "data"
    assert main(["--home", str(home), "import", "daylio", str(daylio_file(tmp_path, CUSTOM))]) == 0
    out = capsys.readouterr().out
    assert "4 of your moods are not known to imr-tui. Only you know where each one sits on your mood scale." in out
    assert "Your mood scale: 0 (very low) to 10 (very good). Moods placed so far: Rad 10, good 8, meh 5, " \
           "bad 3, awful 1." in out
    assert "'Depressed': 2 entries.\nSome of your notes from then:\n    \"stayed in bed\"\n    \"no energy at all\"" in out
    assert "'eleven' is not a number" in out and "mood must be from 0 to 10, not 12" in out
    assert prompts[0].startswith("Where does 'Depressed' sit on your mood scale, 0 (very low) to 10 (very good)? ")
    assert not any(SUGGESTION.search(p) for p in prompts)
    assert "Imported 10 new check-ins" in out
    assert "To give the same values next time" not in out  # a name with ' in it: not printed as options
    moods = sorted(c.values.get("mood", -1) for c in Store.open(home).checkins())
    assert moods == [-1, 1, 2, 2, 3, 5, 5, 7, 8, 10]


def test_at_a_terminal_stopping_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    import imr_tui.cli.imports as cli_imports

    monkeypatch.setattr(cli_imports, "at_terminal", lambda: True)
    home = tmp_path / "data"
    path = daylio_file(tmp_path, CUSTOM[:6])
    answers = iter(["3"])

    def eof(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", eof)
    assert main(["--home", str(home), "import", "daylio", str(path)]) == 1
    assert "Stopped: nothing was imported." in capsys.readouterr().out
    assert not home.exists()
    answers = iter(["3", "n"])
    assert main(["--home", str(home), "import", "daylio", str(path)]) == 1
    out = capsys.readouterr().out
    assert "To give the same values next time: --mood-map 'Depressed=3'" in out and not home.exists()


# ------------------------------------------------------------------ the crisis notice
def test_entries_about_wanting_to_die_are_imported_and_help_is_shown_once(tmp_path: Path) -> None:
    home = tmp_path / "data"
    path = daylio_file(tmp_path, [*GOOD_ROWS, "2026-11-15,x,y,10:00,wannadie,,,",
                                  '2026-11-14,x,y,11:00,awful,,,"I want to die today"',
                                  '2026-11-13,x,y,11:00,awful,,,"Suicidal again"'])
    r = run_cli("import", "daylio", str(path), "--mood-map", "wannadie=0", home=home)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.count("Some of these past entries talk about wanting to die.") == 1
    assert "They are brought in like all the others." in out
    assert "In danger now: call 911 (United States)." in out and "988" in out
    assert "F2 opens crisis help on any screen" in out
    assert len(Store.open(home).checkins()) == 8
    assert {c.values["mood"] for c in Store.open(home).checkins() if c.at.day in (13, 14, 15)} == {0, 1}


def test_the_crisis_lines_are_the_ones_of_the_persons_country(tmp_path: Path) -> None:
    home = tmp_path / "data"
    Store.open(home).update_settings(lambda s: s.model_copy(update={"country": "PL"}))
    path = daylio_file(tmp_path, ['2026-11-14,x,y,11:00,okropnie,,,"Chcę umrzeć"'])
    r = run_cli("import", "daylio", str(path), "--dry-run", home=home)
    assert r.returncode == 0 and "In danger now: call 112 (Poland)." in r.stdout, r.stdout
    r = run_cli("import", "daylio", str(daylio_file(tmp_path, GOOD_ROWS, name="plain.csv")), home=home)
    assert "wanting to die" not in r.stdout  # only when the file speaks of it


# ------------------------------------------------------------------ import twice, bad rows, bad files
def test_cli_dry_run_import_twice(tmp_path: Path) -> None:
    home = tmp_path / "data"
    path = daylio_file(tmp_path, GOOD_ROWS)
    r = run_cli("import", "daylio", str(path), home=home)
    assert r.returncode == 0, r.stderr
    assert "Imported 5 new check-ins" in r.stdout
    assert len(Store.open(home).checkins()) == 5
    before = tree(home)
    r = run_cli("import", "daylio", str(path), home=home)
    assert r.returncode == 0 and "nothing was added" in r.stdout and "0 new, 5 already here" in r.stdout
    assert tree(home) == before
    more = daylio_file(tmp_path, [*GOOD_ROWS, "2026-11-20,November 20,Friday,10:00,rad,,,"], name="more.csv")
    r = run_cli("import", "daylio", str(more), home=home)
    assert r.returncode == 0 and "Imported 1 new check-ins" in r.stdout and "backup was made first" in r.stdout
    assert len(Store.open(home).checkins()) == 6


BAD = [
    ('2026-11-19,x,y,10:00,good,,"never closed', "row 2 (line 3): this is not valid CSV (unexpected end of data)"),
    ('2026-11-19,x,y,10:00,good,,,"never closed', "row 2 (line 3): this is not valid CSV"),
    ("2026-11-19,x,y,10:00,good,,", "row 2 (line 3): has 7 fields, but the header has 8"),
    ("2026-11-19,x,y,10:00,good,,,,", "has 9 fields"),
    ("19/11/2026,x,y,10:00,good,,,", "row 2 (line 3): full_date '19/11/2026' is not a date like 2023-05-14"),
    ("2026-02-30,x,y,10:00,good,,,", "full_date '2026-02-30' is not a date"),
    ("2026-11-19,x,y,13:00 PM,good,,,", "time '13:00 PM' is not a time"),
    ("2026-11-19,x,y,,good,,,", "time '' is not a time"),
    ("2999-11-19,x,y,10:00,good,,,", "is in the future"),
    ("1900-11-19,x,y,10:00,good,,,", "too long ago"),
    ("2026-11-19,x,y,10:00,good,,," + "n" * 10_001, "the note is 10,001 characters long"),
]


@pytest.mark.parametrize(("row", "message"), BAD)
def test_cli_bad_row_nothing_imported(tmp_path: Path, row: str, message: str) -> None:
    home = tmp_path / "data"
    Store.open(home)  # an existing data folder: it must stay exactly as it was
    before = tree(home)
    path = daylio_file(tmp_path, [GOOD_ROWS[1], row, GOOD_ROWS[2]])
    line = one_line_error(run_cli("import", "daylio", str(path), home=home))
    assert line.startswith(f"imr-tui: {path}") and message in line, line
    assert tree(home) == before


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty: it has no header row"),
    (b"\n\n", "is empty"),
    (b"date,mood,note\n2026-11-19,good,hi\n", "is not a Daylio export: the header lacks the columns full_date, time"),
    (b"full_date,time,mood,mood\n", "names 'mood' twice"),
    (b"full_date,time,mood\n2026-11-19,10:00,good\n\xe9t\xe9\n", "is not UTF-8 text (bad byte on line 3)"),
])
def test_cli_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    home = tmp_path / "data"
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    line = one_line_error(run_cli("import", "daylio", str(path), home=home))
    assert str(path) in line and message in line, line
    assert not home.exists()


def test_cli_unreadable_paths(tmp_path: Path) -> None:
    home = tmp_path / "data"
    assert "is a folder, not a file" in one_line_error(run_cli("import", "daylio", str(tmp_path), home=home))
    assert "nope.csv: no such file" in one_line_error(run_cli("import", "daylio", str(tmp_path / "nope.csv"),
                                                              home=home))
    assert not home.exists()


def test_utf16_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes(("\n".join([HEAD, GOOD_ROWS[1]]) + "\n").encode("utf-16"))
    assert [c.values for c in parse(path).checkins] == [{"mood": 5}]


def test_control_characters_are_dropped(tmp_path: Path) -> None:
    (c,) = parse(daylio_file(tmp_path, ['2026-11-19,x,y,10:00,good,w\x00alk | \x07,ti\x1btle,"a\x00b\tc\nd"'])).checkins
    assert c.note == "title\n\nab\tc\nd" and c.tags == ["walk"]


# ------------------------------------------------------------------ fuzzing
FIELD = st.one_of(
    st.sampled_from(["", "good", "RAD", "meh", " bad ", "awful", "great", "2026-11-19", "1969-12-31", "9999-12-31",
                     "10:00", "8:30 PM", "24:00", "0:00 am", "12:60", "walk | friends", "a|b|", '"', "\n", "\r",
                     "x" * 50, "\x00", "é", "2026-1-5", "2017", "June 22", "7 września", "<br>", "&nbsp;",
                     "Sleep Time: 8:00", "Sleep quality: 11/10 points", "Sleep Time: nan", "Anxiety: inf/10",
                     "Energy: 1e309/5"]),
    st.text(max_size=20),
)
ROW = st.lists(FIELD, min_size=0, max_size=10)
HEADERS = [HEAD.split(","), ["year", "date", "weekday", "time", "mood", "activities", "note"],
           ["full_date", "date", "weekday", "time", "mood", "activities", "scales", "note_title", "note"]]


def _csv_text(rows: list[list[str]], header: list[str] | None) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    if header is not None:
        w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue().encode("utf-8", "surrogatepass")


def _parse_all(data: bytes, path: Path) -> list:
    parsed = parse_daylio(data, path, default_items(), None, now=NOW)
    for m in parsed.moods.unknown():
        parsed.moods.place(m.key, 4)
    return parsed.checkins


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_fuzz_random_bytes(data: bytes) -> None:
    check_parse(_parse_all, data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(ROW, max_size=6),
       header=st.one_of(st.sampled_from(HEADERS), st.permutations(HEAD.split(",")), st.none(),
                        st.lists(st.sampled_from([*HEAD.split(","), "year", "scales", "x", ""]), max_size=9)))
def test_fuzz_rows(rows: list[list[str]], header: list[str] | None) -> None:
    check_parse(_parse_all, _csv_text(rows, header))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(good=st.lists(st.sampled_from(GOOD_ROWS), min_size=1, max_size=5), bad=st.sampled_from([b for b, _ in BAD]),
       where=st.integers(min_value=0, max_value=5))
def test_fuzz_one_bad_row_imports_nothing(good: list[str], bad: str, where: int) -> None:
    rows = list(good)
    rows.insert(min(where, len(rows)), bad)
    data = (HEAD + "\n" + "\n".join(rows) + "\n").encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp, pytest.raises(ImportProblem, match=r"row \d+ \(line \d+\)"):
        parse_daylio(data, Path(tmp) / "fuzz.csv", default_items(), now=NOW)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=200), st.lists(ROW, max_size=4).map(lambda rows: _csv_text(rows, HEADERS[0]))))
def test_fuzz_cli_never_a_traceback(tmp_path: Path, data: bytes) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as tmp:
        path = Path(tmp) / "fuzz.csv"
        path.write_bytes(data)
        r = run_cli("import", "daylio", str(path), home=Path(tmp) / "data")
        assert "Traceback" not in r.stderr
        if r.returncode != 0:
            one_line_error(r)


# ------------------------------------------------------------------ round trips
def test_import_then_report(tmp_path: Path) -> None:
    home = tmp_path / "data"
    assert run_cli("import", "daylio", str(daylio_file(tmp_path, GOOD_ROWS)), home=home).returncode == 0
    r = run_cli("report", "--from", "2026-11-16", "--to", "2026-11-19", "--sections", "checkins", home=home)
    assert r.returncode == 0, r.stderr
    assert "| Mood (0-10, low is worse) | 4 of 4 | 4.8 | 1 | 10 |" in r.stdout  # day 19: worst of 8 and 5 is 5
    assert "Saw Ana" not in r.stdout


def test_import_then_export_then_import_elsewhere_gives_the_same_checkins(tmp_path: Path) -> None:
    home, other = tmp_path / "data", tmp_path / "other"
    rows = [*GOOD_ROWS, '2025-03-02,x,y,08:00,Depressed,a | b,"<p>one</p><p>two</p>",""']
    path = daylio_file(tmp_path, rows)
    assert run_cli("import", "daylio", str(path), "--mood-map", "depressed=2", home=home).returncode == 0
    out_csv, out_json = tmp_path / "out.csv", tmp_path / "out.json"
    assert run_cli("export", "--csv", str(out_csv), "--json", str(out_json), home=home).returncode == 0
    exported = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"), newline="")))
    by_id = {r["id"]: r for r in exported}
    parsed = parse(path, {"depressed": 2})
    assert set(by_id) == {c.id for c in parsed.checkins}
    for c in parsed.checkins:
        row = by_id[c.id]
        assert row["mood"] == f"{c.values['mood']:g}" and row["note"] == c.note and row["tags"] == "; ".join(c.tags)
    assert run_cli("import", "json", str(out_json), home=other).returncode == 0
    assert Store.open(other).checkins() == Store.open(home).checkins()
    assert len(json.loads(out_json.read_text())["checkins"]) == len(rows)
    assert LEVELS[5] == 10


def test_when_everything_is_already_here_no_mood_is_asked_for(tmp_path: Path) -> None:
    home = tmp_path / "data"
    path = daylio_file(tmp_path, CUSTOM)
    assert run_cli("import", "daylio", str(path), "--mood-map", "depressed=1", "--mood-map", "solid=6", "--mood-map",
                   "beyond anxious=3", "--mood-map", "fine I'm fine=4", home=home).returncode == 0
    r = run_cli("import", "daylio", str(path), home=home)  # from a script, no --mood-map: nothing new, no error
    assert r.returncode == 0 and "nothing was added" in r.stdout, r.stderr
