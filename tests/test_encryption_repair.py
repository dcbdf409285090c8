"""Encryption through crashes (issue 13, item 8): no plaintext left anywhere in an encrypted folder (backups,
quarantine, temp files), `encrypt` never says done while plaintext remains, `decrypt` handles every encrypted
file before the key goes, and both are finished by the next command when killed at any step."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("pyrage")

from imr_tui.domain.checkin import CheckIn
from imr_tui.store import backup as backups
from imr_tui.store.crypto import IDENTITY, MARKER
from imr_tui.store.encryption import encrypt_store
from imr_tui.store.files import StoreError
from imr_tui.store.store import Store
from tests.conftest import SOURCE
from tests.test_repair import KILL_AT, cli

PW = "correct horse battery"
SECRET = b"ZQXJ-SECRET"
AT = datetime(2026, 10, 20, 9, tzinfo=UTC)
AGE_HEADER = b"age-encryption.org/v1"


def plaintext(root: Path) -> list[Path]:
    """Every file holding the secret in plain text."""
    return [p for p in root.rglob("*") if p.is_file() and not p.is_symlink() and SECRET in p.read_bytes()]


def sealed(root: Path) -> list[Path]:
    """Encrypted files (not temp files: a killed save's temp file is removed a minute later, like any other)."""
    return [p for p in root.rglob("*") if p.is_file() and not p.name.endswith(".tmp")
            and p.read_bytes().startswith(AGE_HEADER)]


def ids(root: Path) -> set[str]:
    return {c.id for c in Store.open(root, create=False, passphrase=lambda: PW).checkins()}


def plain_folder(root: Path) -> Path:
    """Check-ins in three months with the secret in their notes, a profile, a draft, a backup, and a damaged
    month put right by restore (so quarantine/ holds a copy)."""
    store = Store.open(root)
    for n in range(3):
        store.add_checkin(CheckIn(id=f"c{n}", at=AT - timedelta(days=31 * n), values={"mood": 4},
                                  note=SECRET.decode()))
    store.write_blob("draft-checkin.json", b'{"note": "' + SECRET + b'"}')
    backups.make_backup(store)
    (root / "checkins" / "2026-10.json").write_text("{")
    backups.restore_bad_files(store)
    return root


@pytest.fixture(scope="module")
def encrypted_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = plain_folder(tmp_path_factory.mktemp("enc") / "data")
    encrypt_store(Store.open(root), PW)
    store = Store.open(root, passphrase=lambda: PW)
    # damaged while encrypted (whole ciphertext of bad JSON): restore quarantines it as ...json.age.STAMP
    (root / "checkins" / "2026-10.json.age").write_bytes(store.codec.encode(b'{"note": "' + SECRET + b'"'))
    backups.restore_bad_files(store)
    quarantined = sorted((root / "quarantine").glob("checkins__2026-10.json.age.*"))
    assert quarantined and all(q.read_bytes().startswith(AGE_HEADER) for q in quarantined)
    assert plaintext(root) == []
    return root


@pytest.fixture
def encrypted(encrypted_template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(encrypted_template, root)
    return root


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMR_TUI_PASSPHRASE", PW)


def test_decrypt_decrypts_quarantine_and_backups_before_the_key_goes(
        encrypted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = cli(capsys, "--home", str(encrypted), "decrypt")
    assert code == 0, err
    assert sealed(encrypted) == []  # before: checkins__2026-10.json.age.STAMP stayed ciphertext, key deleted
    assert not (encrypted / IDENTITY).exists() and not (encrypted / MARKER).exists()
    quarantined = sorted((encrypted / "quarantine").glob("checkins__2026-10.json.2*"))
    assert any(SECRET in q.read_bytes() for q in quarantined)  # the damaged file, readable again
    assert ids(encrypted) == {"c0", "c1", "c2"}


def test_a_plaintext_temp_file_anywhere_goes_before_anything_else(
        encrypted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (b,) = [b for b in backups.list_backups(Store.open(encrypted, passphrase=lambda: PW)) if not b.label]
    left = [b.path / "checkins" / ".2026-10.json.0a1b2c.tmp", encrypted / "quarantine" / ".x.json.0a1b2c.tmp",
            encrypted / ".profile.json.0a1b2c.tmp"]  # what a decrypt killed half-way leaves
    for p in left:
        p.write_bytes(b'{"note": "' + SECRET + b'"}')
    code, _, err = cli(capsys, "--home", str(encrypted), "verify")  # a command that only reads
    assert code == 0, err
    assert plaintext(encrypted) == []


def test_encrypt_removes_plaintext_temp_files_an_earlier_crash_left(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = plain_folder(tmp_path / "data")
    stale = root / "backups" / ".partial-20260101-000000" / "checkins" / ".2026-10.json.abcdef.tmp"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(SECRET)
    (root / "checkins" / ".2026-09.json.abcdef.tmp").write_bytes(SECRET)
    code, out, err = cli(capsys, "--home", str(root), "encrypt")
    assert code == 0 and "Encrypted" in out, err
    assert plaintext(root) == []  # before: both temp files stayed as they were


def test_encrypt_does_not_say_done_while_plaintext_remains(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = plain_folder(tmp_path / "data")
    stuck = root / "checkins" / "2026-09.json"
    real_unlink = os.unlink

    def unlink(path: object, *a: object, **k: object) -> None:
        if Path(str(path)) == stuck:
            return  # a file that will not go (a sync tool putting it back, a read-only copy)
        real_unlink(path, *a, **k)  # type: ignore[arg-type]

    with monkeypatch.context() as m:
        m.setattr(os, "unlink", unlink)
        code, out, err = cli(capsys, "--home", str(root), "encrypt")
    assert code == 2 and "still plain text" in err and "2026-09.json" in err and "Encrypted" not in out
    code, _, err = cli(capsys, "--home", str(root), "verify")  # the next command finishes it
    assert code == 0, err
    assert plaintext(root) == [] and ids(root) == {"c0", "c1", "c2"}


def _run_killed(root: Path, n: int, args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(KILL_AT), str(n), "--home", str(root), *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, **SOURCE, "IMR_TUI_PASSPHRASE": PW})


def _kill_at_five_steps(root: Path, args: list[str], tmp_path: Path) -> list[Path]:
    """Copies of `root` on which `imr-tui ARGS` was killed with SIGKILL at five steps spread over its run (the
    first, the last, three between); bench/torture_repair.py kills at random steps, many more times."""
    whole = tmp_path / "whole"
    shutil.copytree(root, whole)
    r = _run_killed(whole, 0, args)
    assert r.returncode == 0, r.stderr
    steps = int(r.stderr.strip().splitlines()[-1].removeprefix("steps: "))
    assert steps >= 5
    copies = []
    for n in sorted({1, steps, *(1 + k * (steps - 1) // 4 for k in (1, 2, 3))}):
        copy = tmp_path / f"kill-{n}"
        shutil.copytree(root, copy)
        assert _run_killed(copy, n, args).returncode == -9
        copies.append(copy)
    return copies


@pytest.mark.slow
def test_decrypt_killed_at_five_steps_is_finished_by_the_next_command(
        encrypted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copies = _kill_at_five_steps(encrypted, ["decrypt"], tmp_path)
    assert len(copies) == 5
    for copy in copies:
        code, _, err = cli(capsys, "--home", str(copy), "verify")
        assert code == 0, err
        if (copy / MARKER).exists():  # killed before it began: still encrypted, and no plaintext
            assert plaintext(copy) == []
        else:  # else finished: nothing encrypted left, no key
            assert sealed(copy) == [] and not (copy / IDENTITY).exists()
        assert ids(copy) == {"c0", "c1", "c2"}


@pytest.mark.slow
def test_encrypt_killed_at_five_steps_leaves_no_plaintext_after_the_next_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = plain_folder(tmp_path / "template")
    copies = _kill_at_five_steps(root, ["encrypt"], tmp_path)
    assert len(copies) == 5
    for copy in copies:
        code, _, err = cli(capsys, "--home", str(copy), "verify")
        assert code == 0, err
        if (copy / MARKER).exists():
            assert plaintext(copy) == []  # finished: nothing plain anywhere
        else:  # killed before the marker: still plain, and the half-made key is gone
            assert not (copy / IDENTITY).exists() and sealed(copy) == []
        assert ids(copy) == {"c0", "c1", "c2"}


def test_a_passphrase_that_is_not_utf8_is_one_line(encrypted: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    bad = b"caf\xe9 au lait".decode("utf-8", "surrogateescape")  # what Python makes of a Latin-1 passphrase
    monkeypatch.setenv("IMR_TUI_PASSPHRASE", bad)
    code, _, err = cli(capsys, "--home", str(encrypted), "verify")
    assert code == 1 and "not UTF-8" in err and "Traceback" not in err
    root = plain_folder(tmp_path / "plain")
    code, _, err = cli(capsys, "--home", str(root), "encrypt")
    assert code == 1 and "not UTF-8" in err
    assert not (root / MARKER).exists()


def test_a_file_that_cannot_be_decrypted_is_quarantined_and_named(encrypted: Path) -> None:
    from imr_tui.store.encryption import decrypt_store

    (b,) = [b for b in backups.list_backups(Store.open(encrypted, passphrase=lambda: PW)) if not b.label]
    broken = b.path / "checkins" / "2026-09.json.age"
    broken.write_bytes(AGE_HEADER + b"\n-> garbage")
    with pytest.raises(StoreError, match="could not be decrypted"):
        decrypt_store(Store.open(encrypted, passphrase=lambda: PW))
    assert not (encrypted / MARKER).exists() and (encrypted / IDENTITY).exists()  # the key stays for it
    assert ids(encrypted) == {"c0", "c1", "c2"}
