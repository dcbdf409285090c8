"""content/crisis-lines.yaml and its loader: every place in the facts, no made-up number, clear one-line errors."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from imr_tui import cli, paths
from imr_tui.content.crisis import Country, CrisisLines, Elsewhere, Line, load_crisis_lines
from imr_tui.content.loader import ContentError
from tests.conftest import CONTENT

FILE = CONTENT / "crisis-lines.yaml"

# Copied by hand from shared/design/imr-facts.md ("Crisis lines" and "Crisis, alcohol and drug, and poison lines
# for more places"), with dashes written as spaces. The file must hold exactly these numbers: none missing, none
# added. A number that is not in the facts must not reach the crisis screen.
FACTS: dict[str, dict[str, set[str]]] = {
    "US": {"emergency": {"911"}, "lines": {"988", "741741"}, "alcohol_and_drugs": {"1 800 662 4357", "1 800 222 1222"}},
    "CA": {"emergency": {"911"}, "lines": {"988"}},
    "GB": {"emergency": {"999", "112"}, "lines": {"116 123"}, "alcohol_and_drugs": {"0300 123 6600"}},
    "IE": {"emergency": {"999", "112"}, "lines": {"116 123"}},
    "AU": {"emergency": {"000"}, "lines": {"13 11 14"}, "alcohol_and_drugs": {"1800 250 015"}},
    "NZ": {"emergency": {"111"}, "lines": {"1737"}},
    "EU": {"emergency": {"112"}, "lines": {"116 123"}},
    "DE": {"emergency": {"112"}, "lines": {"0800 111 0 111", "0800 111 0 222"}},
    "FR": {"emergency": {"112", "15"}, "lines": {"3114"}},
    "ES": {"emergency": {"112"}, "lines": {"024"}},
    "NL": {"emergency": {"112"}, "lines": {"113", "0800 0113"}},
    "PL": {"emergency": {"112"}, "lines": {"116 123", "800 70 2222"}},
    "MX": {"emergency": {"911"}, "lines": {"800 911 2000"}},
    "BR": {"emergency": {"192"}, "lines": {"188"}},
    "IN": {"emergency": {"112"}, "lines": {"14416", "1 800 891 4416"}},
    "ZA": {"emergency": {"10111", "112"}, "lines": {"0800 567 567"}},
}
OVERDOSE = {"US": "911", "GB": "999", "AU": "000", "BR": "192", "ZA": "10111", "FR": "112"}


def numbers(lines: list[Line]) -> set[str]:
    return {n for line in lines for n in (*line.call, *([line.text] if line.text else []))}


@pytest.fixture(scope="module")
def shipped() -> CrisisLines:
    return load_crisis_lines(FILE)


# ------------------------------------------------------------------ the shipped file
def test_the_app_reads_the_shipped_file():
    assert paths.crisis_lines_file() == FILE


def test_every_place_in_the_facts_is_listed_and_the_old_codes_still_work(shipped: CrisisLines):
    assert set(shipped.countries) == set(FACTS)
    assert list(shipped.countries)[:3] == ["US", "CA", "GB"]  # the order Settings lists them in
    for code in ("us", "gb", "Au", "EU"):
        assert isinstance(shipped.for_country(code), Country)
    assert shipped.for_country("OTHER") is shipped.other and shipped.for_country("ZZ") is shipped.other


@pytest.mark.parametrize("code", sorted(FACTS))
def test_each_country_has_exactly_the_numbers_the_facts_give(shipped: CrisisLines, code: str):
    country = shipped.countries[code]
    facts = FACTS[code]
    assert country.name.strip()
    assert {n.number for n in country.emergency_numbers} == facts["emergency"]
    assert numbers(country.lines) == facts["lines"]
    assert numbers(country.alcohol_and_drugs) == facts.get("alcohol_and_drugs", set())


def test_the_named_alcohol_and_drug_lines_are_there(shipped: CrisisLines):
    names = {code: [line.name for line in c.alcohol_and_drugs] for code, c in shipped.countries.items()}
    assert names["US"] == ["SAMHSA National Helpline", "Poison Help"]
    assert any("FRANK" in n for n in names["GB"])
    assert names["AU"] == ["National Alcohol and Other Drug Hotline"]
    assert [line.ways() for line in shipped.countries["US"].lines] == [["Call or text 988"], ["Text HOME to 741741"]]


def test_the_overdose_number_is_the_first_emergency_number(shipped: CrisisLines):
    assert {code: shipped.countries[code].overdose_number for code in OVERDOSE} == OVERDOSE


def test_somewhere_else_points_to_the_directory(shipped: CrisisLines):
    assert [line.web for line in shipped.other.lines] == ["findahelpline.com"]
    assert "local emergency number" in shipped.other.emergency
    assert shipped.other.alcohol_and_drugs == []


def test_every_line_says_where_it_comes_from_and_no_date_is_in_the_future(shipped: CrisisLines):
    every = shipped.lines()
    assert len(every) == sum(len(c.lines) + len(c.alcohol_and_drugs) for c in shipped.countries.values()) + 1
    for line in every:
        assert line.source.strip(), line.name
        assert line.checked is None or line.checked <= date.today(), line.name
    # The facts date no line, so nobody has checked any of them yet: the file must not claim otherwise.
    assert all(line.checked is None for line in every)
    assert len(re.findall(r"^ +checked: null$", FILE.read_text(encoding="utf-8"), flags=re.M)) == len(every)


def test_settings_preview_text_still_works(shipped: CrisisLines):
    # tui/screens/settings.py shows `emergency` and each line's `how` for the country picked
    assert shipped.countries["US"].emergency == "911"
    assert shipped.countries["GB"].emergency == "999 or 112"
    assert shipped.countries["ZA"].emergency == "10111 or 112 (from a mobile)"
    assert shipped.countries["GB"].lines[0].how == "Call 116 123 (free, 24/7)"
    assert shipped.countries["DE"].lines[0].how == "Call 0800 111 0 111, or 0800 111 0 222 (free, 24/7)"
    assert shipped.other.lines[0].how.startswith("Go to findahelpline.com")


# ------------------------------------------------------------------ the loader's rules, on small files
def good() -> dict[str, Any]:
    line = {"name": "Helpline", "call": "116 123", "checked": None, "source": "the facts"}
    return {"countries": {"GB": {"name": "United Kingdom", "emergency": [{"number": "999"}], "lines": [line]}},
            "other": {"name": "Somewhere else", "lines": [{"name": "Find a helpline", "web": "findahelpline.com",
                                                           "checked": "2026-01-02", "source": "the facts"}]}}


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "crisis-lines.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def error(tmp_path: Path, data: object) -> ContentError:
    path = write(tmp_path, data)
    with pytest.raises(ContentError) as info:
        load_crisis_lines(path)
    assert info.value.path == path and "\n" not in str(info.value)
    return info.value


def test_a_small_good_file_loads(tmp_path: Path):
    lines = load_crisis_lines(write(tmp_path, good()))
    assert lines.countries["GB"].lines[0].call == ["116 123"]
    assert lines.other.lines[0].checked == date(2026, 1, 2)
    assert isinstance(lines.other, Elsewhere)


@pytest.mark.parametrize("emergency", ["missing", [], None])
def test_every_country_needs_an_emergency_number(tmp_path: Path, emergency: object):
    data = good()
    if emergency == "missing":
        del data["countries"]["GB"]["emergency"]
    else:
        data["countries"]["GB"]["emergency"] = emergency
    err = error(tmp_path, data)
    assert err.field == "countries.GB.emergency"


@pytest.mark.parametrize("bad", ["1-800-662-4357", "(0800) 123", "116  123", " 116 123", "call 988", "", "+44 116 123"])
def test_phone_numbers_are_digits_and_single_spaces(tmp_path: Path, bad: str):
    data = good()
    data["countries"]["GB"]["lines"][0]["call"] = bad
    err = error(tmp_path, data)
    assert err.field == "countries.GB.lines[0].call[0]" and "digits and single spaces" in err.message
    data = good()
    data["countries"]["GB"]["emergency"][0]["number"] = bad
    assert error(tmp_path, data).field == "countries.GB.emergency[0].number"


def test_an_unquoted_number_is_explained(tmp_path: Path):
    text = yaml.safe_dump(good(), sort_keys=False).replace("number: '999'", "number: 000")
    err = error(tmp_path, text)
    assert "in quotes" in err.message and err.field == "countries.GB.emergency[0].number"
    assert err.line == next(i for i, t in enumerate(text.splitlines(), 1) if "number: 000" in t)


def test_a_text_line_keeps_the_number_and_the_word_apart(tmp_path: Path):
    data = good()
    data["countries"]["GB"]["lines"][0] = {"name": "Text line", "text": "741741", "text_word": "HOME",
                                           "checked": None, "source": "the facts"}
    assert load_crisis_lines(write(tmp_path, data)).countries["GB"].lines[0].ways() == ["Text HOME to 741741"]
    data["countries"]["GB"]["lines"][0]["text"] = "HOME to 741741"
    assert error(tmp_path, data).field == "countries.GB.lines[0].text"
    data["countries"]["GB"]["lines"][0]["call"] = "741741"
    del data["countries"]["GB"]["lines"][0]["text"]
    assert "text_word needs" in error(tmp_path, data).message


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"call": []}, "countries.GB.lines[0]", "needs a number to call"),
    ({"checked": "soon"}, "countries.GB.lines[0].checked", "date"),
    ({"source": " "}, "countries.GB.lines[0].source", "at least 1 character"),
    ({"web": "https://findahelpline.com"}, "countries.GB.lines[0].web", "web address"),
    ({"phone": "116 123"}, "countries.GB.lines[0].phone", "Extra inputs"),
])
def test_line_field_problems_name_the_field(tmp_path: Path, change: dict[str, object], field: str, words: str):
    data = good()
    data["countries"]["GB"]["lines"][0] |= change
    err = error(tmp_path, data)
    assert err.field == field and words in err.message


def test_checked_must_be_written_even_when_nobody_has_checked(tmp_path: Path):
    data = good()
    del data["countries"]["GB"]["lines"][0]["checked"]
    err = error(tmp_path, data)
    assert err.field == "countries.GB.lines[0].checked" and "required" in err.message.lower()


@pytest.mark.parametrize("code", ["gb", "GBR", "OTHER", "1"])
def test_country_keys_are_two_capital_letters(tmp_path: Path, code: str):
    data = good()
    data["countries"] = {code: data["countries"]["GB"]}
    err = error(tmp_path, data)
    assert err.field == f"countries.{code}" and "is not a country code" in err.message


def test_several_problems_say_how_many_more(tmp_path: Path):
    data = good()
    data["countries"]["GB"]["emergency"] = []
    data["countries"]["GB"]["lines"][0]["call"] = "1-2"
    assert "(and 1 more problem)" in error(tmp_path, data).message


@pytest.mark.parametrize(("text", "words"), [
    ("- a list\n", "must hold a mapping"), ("", "not NoneType"), ("countries: [\n", "invalid YAML"),
    ("countries: !!int ''\n", "invalid YAML"), ("countries: {}\nother: {name: x, lines: []}\n", "at least 1 item"),
])
def test_not_a_crisis_file_at_all(tmp_path: Path, text: str, words: str):
    assert words in error(tmp_path, text).message


def test_a_missing_file_is_a_content_error(tmp_path: Path):
    with pytest.raises(ContentError, match="file not found"):
        load_crisis_lines(tmp_path / "nowhere.yaml")


# ------------------------------------------------------------------ `imr-tui content check` checks this file too
def test_content_check_reports_a_broken_crisis_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "modules").mkdir()
    data = good()
    data["countries"]["GB"]["lines"][0]["call"] = "0800-111"
    path = write(tmp_path, data)
    assert cli.main(["--content", str(tmp_path), "content", "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    found = [line for line in out if line.startswith(str(path))]
    assert len(found) == 1 and "[countries.GB.lines[0].call[0]]" in found[0] and "'0800-111'" in found[0]
    write(tmp_path, good())
    assert cli.main(["--content", str(tmp_path), "content", "check"]) == 1  # the empty modules folder still fails
    assert not any(str(path) in line for line in capsys.readouterr().out.splitlines())


# ------------------------------------------------------------------ fuzzing: a ContentError of one line, or success
NASTY = ["", "~", "[", "{", "&a", "*a", "!!int ''", "!!timestamp x", "!!binary '@@'", "!!python/object:os.system x",
         "? [a]", "- ", ": ", "---", "%YAML 1.1", "\t", "\x00", "\ufeff", "'", "1e999", "000", "911", "1-800", "2026-13-45",
         "null", "[[[[[[[[[[[]]]]]]]]]]]", "countries:", "\u2028", "é", "😀", "GB", "other"]
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | st.sampled_from(NASTY)
json_like = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["countries", "other", "name", "emergency", "number", "lines", "call", "text",
                                       "text_word", "web", "checked", "source", "GB", "US", "alcohol_and_drugs"])
                      | st.text(max_size=6), inner, max_size=4),
    max_leaves=24,
)
REAL = json.loads(json.dumps(yaml.safe_load(FILE.read_text(encoding="utf-8")), default=str))


def _paths_into(data: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            found += _paths_into(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += _paths_into(v, (*prefix, i))
    return found


REAL_PATHS = _paths_into(REAL)[1:]


def assert_loads_or_one_line_error(path: Path) -> None:
    try:
        load_crisis_lines(path)
        event("loads")
    except ContentError as exc:
        event("ContentError")
        text = str(exc)
        assert exc.path == path and exc.message and text.startswith(str(path)) and "\n" not in text and "\r" not in text
        assert exc.line is None or exc.line >= 1
    # Anything else (a traceback from PyYAML or pydantic) fails the test.


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crisis-fuzz")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=json_like | st.text(max_size=200), as_yaml=st.booleans())
def test_random_yaml_loads_or_gives_a_one_line_content_error(scratch: Path, doc: object, as_yaml: bool):
    path = scratch / "crisis-lines.yaml"
    text = yaml.safe_dump(doc, allow_unicode=True) if as_yaml or not isinstance(doc, str) else doc
    path.write_text(text, encoding="utf-8")
    assert_loads_or_one_line_error(path)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(where=st.sampled_from(REAL_PATHS), value=json_like, flow=st.booleans())
def test_the_real_file_with_a_random_value_somewhere_loads_or_gives_a_content_error(scratch: Path, where, value, flow):
    data = json.loads(json.dumps(REAL))
    target = data
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = value
    path = scratch / "crisis-lines.yaml"
    path.write_text(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert_loads_or_one_line_error(path)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(at=st.integers(0, 10_000), junk=st.sampled_from(NASTY) | st.text(max_size=10) | st.binary(max_size=6))
def test_the_real_file_with_junk_inserted_loads_or_gives_a_content_error(scratch: Path, at: int, junk: str | bytes):
    raw = FILE.read_bytes()
    at = at % (len(raw) + 1)
    path = scratch / "crisis-lines.yaml"
    path.write_bytes(raw[:at] + (junk if isinstance(junk, bytes) else junk.encode("utf-8")) + raw[at:])
    assert_loads_or_one_line_error(path)
