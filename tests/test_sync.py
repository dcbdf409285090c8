"""Conflict copies from sync tools: found, merged by themselves, never lost (store/sync.py, docs/sync.md)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.coping import CopingUse
from imr_tui.domain.profile import Goal, Trigger
from imr_tui.store import sync
from imr_tui.store.store import Store
from imr_tui.store.verify import verify
from tests.conftest import run_cli

AT = datetime(2019, 5, 3, 9, tzinfo=UTC)
CONFLICT_NAMES = [
    ("2019-05.sync-conflict-20261120-123456-ABCDEFG.json", "2019-05.json"),
    ("2019-05.json.sync-conflict-20261120-123456-ABCDEFG.age", "2019-05.json.age"),
    ("2019-05.sync-conflict-20261120-123456-ABCDEFG.json.age", "2019-05.json.age"),
    ("2019-05 (conflicted copy 2026-11-20 123456).json", "2019-05.json"),
    ("2019-05 (conflicted copy anna 2026-11-20-123456).json", "2019-05.json"),
    ("2019-05 (conflicted copy anna 2026-11-20-123456).json.age", "2019-05.json.age"),
    ("2019-05 (laptop's conflicted copy 2026-11-20).json", "2019-05.json"),
    ("2019-05 (laptop's conflicted copy 2026-11-20) (1).json", "2019-05.json"),
    ("profile.sync-conflict-20261120-123456-ABCDEFG.json", "profile.json"),
    ("manifest (Anna's conflicted copy 2026-11-20).json", "manifest.json"),
]
PARTIALS = [".syncthing.2019-05.json.tmp", "~syncthing~2019-05.json.tmp", ".2019-05.json.~1a2b",
            ".syncthing.2019-05.sync-conflict-20261120-123456-ABCDEFG.json.tmp", ".2019-05.json.a1b2c3.tmp",
            "2019-05.json.part", "~2019-05.json"]


@pytest.mark.parametrize(("name", "original"), CONFLICT_NAMES)
def test_every_conflict_name_of_every_tool_is_known(name: str, original: str) -> None:
    assert sync.conflict_original(name) == original


@pytest.mark.parametrize("name", PARTIALS)
def test_files_a_sync_tool_is_still_writing_are_never_data(tmp_path: Path, name: str) -> None:
    store = Store.open(tmp_path / "d")
    store.add_checkin(CheckIn(at=AT, values={"mood": 5}))
    (store.checkins_dir / name).write_text("{half a fi")
    assert sync.is_partial(name)
    assert sync.find_conflicts(store) == []
    assert store.checkins_dir / name not in store.data_files()
    assert len(Store.open(store.root).checkins()) == 1
    assert verify(store)[1] == []


@given(st.text(min_size=1, max_size=40).filter(lambda s: "/" not in s and "\x00" not in s))
def test_a_partial_name_is_never_a_conflict_copy(stem: str) -> None:
    for name in (f".syncthing.{stem}.tmp", f".{stem}.~ab12", f"~{stem}"):
        assert sync.conflict_original(name) is None


@pytest.mark.parametrize("name", ["2019-05.json", "profile.json", "manifest.json.age", "2019-05.json.age"])
def test_a_data_file_is_not_a_conflict_copy(name: str) -> None:
    assert sync.conflict_original(name) is None


def _copy(store: Store, folder: Path, name: str, conflict: str) -> Path:
    """Make `conflict` hold what `name` holds now (as the other computer had it)."""
    dest = folder / conflict
    dest.write_bytes((folder / name).read_bytes())
    return dest


def _raw_entries(store: Store, kind: str = "checkins") -> list[dict[str, object]]:
    folder = store.checkins_dir if kind == "checkins" else store.coping_dir
    out: list[dict[str, object]] = []
    for p in store.data_files():
        if p.parent == folder:
            out.extend(json.loads(store.read_file(p))[kind])
    return out


def test_month_copies_merge_by_id_newer_change_wins_the_other_is_kept(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    both = store.add_checkin(CheckIn(at=AT, values={"mood": 5}, note="first"))
    name = "2019-05.json"
    conflict = "2019-05.sync-conflict-20261120-123456-ABCDEFG.json"
    # the other computer: a new check-in and an edit of `both`
    other_new = store.add_checkin(CheckIn(at=AT + timedelta(hours=1), values={"mood": 6}))
    store.update_checkin(both.model_copy(update={"note": "edited there"}))
    _copy(store, store.checkins_dir, name, conflict)
    # this computer, later: its own edit of `both` and its own new check-in, on the state before the sync
    store.delete_checkin(other_new.id)
    mine_new = store.add_checkin(CheckIn(at=AT + timedelta(hours=2), values={"mood": 7}))
    store.update_checkin(both.model_copy(update={"note": "edited here, later"}))

    reopened = Store.open(store.root)
    assert any("Merged checkins/" + conflict in n for n in reopened.sync_notes)
    entries = _raw_entries(reopened)
    ids = [e["id"] for e in entries]
    assert sorted(ids) == sorted({both.id, other_new.id, mine_new.id})  # the union, nothing doubled
    merged = next(e for e in entries if e["id"] == both.id)
    assert merged["note"] == "edited here, later"
    assert [h["note"] for h in merged["history"]] == ["edited there"]  # type: ignore[index]
    assert not (store.checkins_dir / conflict).exists()
    assert (store.quarantine_dir / "sync" / f"checkins-{conflict}").exists()  # moved, never deleted
    assert verify(reopened)[1] == []
    # the history stays when the check-in is edited again
    c = next(c for c in reopened.checkins() if c.id == both.id)
    reopened.update_checkin(CheckIn(id=c.id, at=c.at, values=c.values, note="third"))
    again = next(e for e in _raw_entries(reopened) if e["id"] == both.id)
    assert again["history"] == merged["history"]


def test_coping_copies_merge_too_and_a_second_merge_adds_nothing(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    use = store.add_coping_use(CopingUse(at=AT, strategy="walk", distress_before=7, distress_after=4))
    _copy(store, store.coping_dir, "2019-05.json", "2019-05 (laptop's conflicted copy 2026-11-20).json")
    store.add_coping_use(CopingUse(at=AT + timedelta(hours=1), strategy="music", distress_before=6, distress_after=3))
    _copy(store, store.coping_dir, "2019-05.json", "2019-05 (conflicted copy anna 2026-11-20-123456).json")
    Store.open(store.root)
    ids = [e["id"] for e in _raw_entries(store, "coping")]
    assert len(ids) == 2 and use.id in ids
    assert sorted(p.name for p in (store.quarantine_dir / "sync").iterdir()) == [
        "coping-2019-05 (conflicted copy anna 2026-11-20-123456).json",
        "coping-2019-05 (laptop's conflicted copy 2026-11-20).json"]


def test_a_copy_of_a_month_this_computer_does_not_have_becomes_that_month(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    store.add_checkin(CheckIn(at=AT, values={"mood": 5}))
    (store.checkins_dir / "2019-05.json").rename(store.checkins_dir / "2019-05.sync-conflict-20261120-123456-ABCDEFG.json")
    assert len(Store.open(store.root).checkins()) == 1


def test_a_damaged_copy_is_not_merged_and_verify_and_every_command_say_so(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    store.add_checkin(CheckIn(at=AT, values={"mood": 5}))
    bad = store.checkins_dir / "2019-05.sync-conflict-20261120-123456-ABCDEFG.json"
    bad.write_text('{"schema_version": 1, "kind": "checkins", "checkins": [')
    before = (store.checkins_dir / "2019-05.json").read_bytes()
    reopened = Store.open(store.root)
    assert any(n.startswith("Not merged:") and "cut short" in n for n in reopened.sync_notes)
    assert bad.exists() and (store.checkins_dir / "2019-05.json").read_bytes() == before
    problems = verify(reopened)[1]
    assert any("conflict copy" in p and bad.name in p for p in problems)
    result = run_cli("verify", home=store.root)
    assert result.returncode == 2 and "not merged yet" in result.stdout and "Not merged" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_cli_says_what_it_merged(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    store.add_checkin(CheckIn(at=AT, values={"mood": 5}))
    _copy(store, store.checkins_dir, "2019-05.json", "2019-05.sync-conflict-20261120-123456-ABCDEFG.json")
    result = run_cli("verify", home=store.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Merged checkins/2019-05.sync-conflict-20261120-123456-ABCDEFG.json" in result.stderr


def test_encrypted_copies_merge(tmp_path: Path) -> None:
    pytest.importorskip("pyrage")
    from imr_tui.store.encryption import encrypt_store

    store = Store.open(tmp_path / "d")  # a real encrypted folder: a Store refuses a codec its folder does not have
    encrypt_store(store, "a long passphrase")
    store.add_checkin(CheckIn(at=AT, values={"mood": 5}))
    _copy(store, store.checkins_dir, "2019-05.json.age", "2019-05.json.sync-conflict-20261120-123456-ABCDEFG.age")
    store.add_checkin(CheckIn(at=AT + timedelta(hours=1), values={"mood": 6}))
    store.update_profile(lambda p: p.goals.append(Goal(text="walk")) or p)
    _copy(store, store.root, "profile.json.age", "profile (conflicted copy 2026-11-20 123456).json.age")
    store.update_profile(lambda p: p.triggers.append(Trigger(text="noise")) or p)
    (store.checkins_dir / ".syncthing.2019-05.json.age.tmp").write_bytes(b"partial")
    assert len(sync.find_conflicts(store)) == 2
    notes = sync.settle(store)
    assert len(notes) == 2 and all(n.startswith("Merged") for n in notes)
    assert len(store.checkins()) == 2
    assert [g.text for g in store.profile().goals] == ["walk"] and [t.text for t in store.profile().triggers] == ["noise"]
    assert sync.find_conflicts(store) == [] and sync.pending_choices(store) == []
    assert b"walk" not in (store.quarantine_dir / "sync" / "profile (conflicted copy 2026-11-20 123456).json.age"
                           ).read_bytes()


# ----------------------------------------------------------------- profile, progress, settings
def _profile_conflict(store: Store) -> Path:
    return _copy(store, store.root, "profile.json", "profile.sync-conflict-20261120-123456-ABCDEFG.json")


def test_a_save_records_a_revision_for_each_field_it_changed(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    store.update_profile(lambda p: p.goals.append(Goal(text="walk")) or p)
    revs = json.loads(store.profile_path.read_text())["revisions"]
    assert list(revs) == ["goals"] and len(revs["goals"]) == 1
    store.update_profile(lambda p: p.triggers.append(Trigger(text="noise")) or p)
    store.update_profile(lambda p: p.goals.append(Goal(text="read")) or p)
    revs2 = json.loads(store.profile_path.read_text())["revisions"]
    assert revs2["goals"][1:] == revs["goals"] and len(revs2["triggers"]) == 1
    store.update_settings(lambda s: s.model_copy(update={"theme": "nord"}))
    assert list(json.loads(store.manifest_path.read_text())["revisions"]) == ["theme"]
    assert store.profile().goals[1].text == "read"


def test_different_fields_changed_on_each_side_merge_by_themselves(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    store.update_profile(lambda p: p.goals.append(Goal(text="walk")) or p)
    store.update_profile(lambda p: p.strategies.clear() or p)
    before = store.profile_path.read_bytes()
    store.update_profile(lambda p: p.triggers.append(Trigger(text="noise")) or p)  # the other computer
    _profile_conflict(store)
    store.profile_path.write_bytes(before)
    store.invalidate()
    store.update_profile(lambda p: p.goals.append(Goal(text="read")) or p)  # this computer
    assert sync.settle(store)[0].startswith("Merged")
    profile = store.profile()
    assert [g.text for g in profile.goals] == ["walk", "read"] and [t.text for t in profile.triggers] == ["noise"]
    assert sync.pending_choices(store) == [] and verify(store)[1] == []


def test_the_same_field_changed_on_both_sides_keeps_both_until_the_person_chooses(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    store.update_profile(lambda p: p.goals.append(Goal(text="walk")) or p)
    before = store.profile_path.read_bytes()
    store.update_profile(lambda p: p.goals.append(Goal(text="there")) or p)
    _profile_conflict(store)
    store.profile_path.write_bytes(before)
    store.invalidate()
    store.update_profile(lambda p: p.goals.append(Goal(text="here")) or p)
    notes = sync.settle(store)
    assert "waiting for you to choose: goals" in notes[0]
    [choice] = sync.pending_choices(store)
    assert choice.field == "goals" and [g["text"] for g in choice.mine] == ["walk", "here"]
    assert [g["text"] for g in choice.others[0]] == ["walk", "there"]
    assert any("a choice is waiting" in p for p in verify(store)[1])
    store.update_profile(lambda p: p.triggers.append(Trigger(text="noise")) or p)  # a save keeps the choice
    assert len(sync.pending_choices(store)) == 1
    sync.choose(store, "profile", "goals", 1)
    assert [g.text for g in store.profile().goals] == ["walk", "there"]
    assert sync.pending_choices(store) == [] and verify(store)[1] == []
    aside = next((store.quarantine_dir / "sync").glob("profile.json.goals.not-chosen.json"))
    assert "here" in aside.read_text()  # the value not chosen is kept aside, never deleted


def test_settings_merge_field_by_field(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    before = store.manifest_path.read_bytes()
    store.update_settings(lambda s: s.model_copy(update={"theme": "nord"}))
    _copy(store, store.root, "manifest.json", "manifest.sync-conflict-20261120-123456-ABCDEFG.json")
    store.manifest_path.write_bytes(before)
    store.invalidate()
    store.update_settings(lambda s: s.model_copy(update={"country": "PL"}))
    Store.open(store.root)
    settings = store.settings()
    assert (settings.theme, settings.country) == ("nord", "PL")
