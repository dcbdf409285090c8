"""Encryption at rest: round trip, wrong passphrase, no plaintext on disk during a save, the age tool."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("pyrage")

from imr_tui.domain.checkin import CheckIn
from imr_tui.domain.profile import Trigger
from imr_tui.store.backup import list_backups, make_backup
from imr_tui.store.crypto import IDENTITY, MARKER, WrongPassphraseError
from imr_tui.store.encryption import decrypt_store, encrypt_store, finish_interrupted
from imr_tui.store.store import PassphraseNeededError, Store
from imr_tui.store.verify import verify
from tests.conftest import run_cli

PW = "correct horse battery"
SECRET = "Voices were loud ZQXJ-SECRET"
AT = datetime(2026, 11, 20, 9, tzinfo=UTC)

# One scrypt unlock takes seconds by design, so the tests share one encrypted folder per module.


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("enc") / "data"
    store = Store.open(root)
    store.add_checkin(CheckIn(at=AT, values={"mood": 3}, note=SECRET))
    store.update_profile(lambda p: p.triggers.append(Trigger(text=SECRET)) or p)
    make_backup(store)
    (root / "draft-checkin.json").write_text(f'{{"note": "{SECRET}"}}')
    encrypt_store(store, PW)
    return root


def _plaintext_anywhere(root: Path) -> list[Path]:
    hits = []
    for p in root.rglob("*"):
        if p.is_file() and SECRET.encode() in p.read_bytes():
            hits.append(p)
    return hits


def test_encrypted_folder_has_no_plaintext_left(sealed: Path) -> None:
    assert (sealed / MARKER).exists() and (sealed / IDENTITY).exists()
    assert _plaintext_anywhere(sealed) == []
    assert not list(sealed.rglob("*.json")) or [p.name for p in sealed.rglob("*.json")] == [MARKER]
    assert (sealed / "checkins" / "2026-11.json.age").read_bytes().startswith(b"age-encryption.org/v1")


def test_encrypted_round_trip_and_backups(sealed: Path) -> None:
    store = Store.open(sealed, passphrase=lambda: PW)
    assert store.encrypted
    (c,) = store.checkins()
    assert c.note == SECRET
    assert store.profile().triggers[0].text == SECRET
    assert store.read_blob("draft-checkin.json") is not None
    store.add_checkin(CheckIn(at=AT + timedelta(hours=1), values={"mood": 5}))
    assert len(Store.open(sealed, passphrase=lambda: PW).checkins()) == 2
    assert verify(store) == (len(store.data_files()), [])
    assert all(p.name.endswith(".age") for b in list_backups(store) for p in b.path.rglob("*") if p.is_file())


def test_no_plaintext_touches_the_disk_during_a_save(sealed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(sealed, passphrase=lambda: PW)
    seen: list[list[Path]] = []
    real_replace = os.replace

    def scanning_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        seen.append(_plaintext_anywhere(sealed))  # the temp file is complete here, just before the rename
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", scanning_replace)
    store.add_checkin(CheckIn(at=AT + timedelta(hours=2), values={"mood": 4}, note=SECRET))
    store.update_profile(lambda p: p.triggers.append(Trigger(text=SECRET + " 2")) or p)
    store.write_blob("draft-checkin.json", SECRET.encode())
    assert len(seen) == 3 and seen == [[], [], []]
    assert _plaintext_anywhere(sealed) == []


def test_wrong_passphrase_is_clear_and_changes_nothing(sealed: Path) -> None:
    before = {p: p.read_bytes() for p in sealed.rglob("*") if p.is_file()}
    with pytest.raises(WrongPassphraseError, match="does not open") as info:
        Store.open(sealed, passphrase=lambda: "wrong passphrase")
    assert "no limit on tries" in str(info.value)
    with pytest.raises(PassphraseNeededError):
        Store.open(sealed)
    assert {p: p.read_bytes() for p in sealed.rglob("*") if p.is_file()} == before
    # no lock-out: the right one still works straight after
    assert len(Store.open(sealed, passphrase=lambda: PW).checkins()) >= 1


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command is not installed")
def test_files_open_with_the_standard_age_tool(sealed: Path, tmp_path: Path) -> None:
    """age -d identity.age (passphrase) gives the key; age -d -i KEY file gives the JSON."""
    import pyrage

    secret_key = pyrage.passphrase.decrypt((sealed / IDENTITY).read_bytes(), PW)  # what `age -d identity.age` does
    key = tmp_path / "key.txt"
    key.write_bytes(secret_key)
    out = subprocess.run(["age", "-d", "-i", str(key), str(sealed / "checkins" / "2026-11.json.age")],
                         capture_output=True, check=True).stdout
    assert SECRET.encode() in out and out.startswith(b'{"schema_version":1')


def test_cli_encrypt_decrypt_round_trip(tmp_path: Path) -> None:
    home = tmp_path / "data"
    assert run_cli("checkin", "--mood", "4", "--note", SECRET, home=home).returncode == 0
    env = {"IMR_TUI_PASSPHRASE": PW}
    r = run_cli("encrypt", home=home, env=env)
    assert r.returncode == 0, r.stderr
    assert _plaintext_anywhere(home) == []
    r = run_cli("checkin", "--mood", "6", home=home, env={"IMR_TUI_PASSPHRASE": "nope nope"})
    assert r.returncode == 1 and "does not open" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("checkin", "--mood", "6", home=home, env=env)
    assert r.returncode == 0, r.stderr
    assert run_cli("verify", home=home, env=env).returncode == 0
    r = run_cli("decrypt", home=home, env=env)
    assert r.returncode == 0, r.stderr
    store = Store.open(home)
    assert [c.values["mood"] for c in store.checkins()] == [4, 6]
    assert not list(home.rglob("*.age"))


def test_an_interrupted_encrypt_is_finished_on_open(sealed: Path) -> None:
    store = Store.open(sealed, passphrase=lambda: PW)
    stray = sealed / "checkins" / "2026-01.json"
    stray.write_text('{"schema_version":1,"kind":"checkins","checkins":[]}')
    finish_interrupted(store)
    assert not stray.exists() and (sealed / "checkins" / "2026-01.json.age").exists()


def test_decrypt_then_plain_again(tmp_path: Path) -> None:
    root = tmp_path / "d"
    store = Store.open(root)
    store.add_checkin(CheckIn(at=AT, values={"mood": 1}, note=SECRET))
    encrypt_store(store, PW)
    assert store.encrypted and len(store.checkins()) == 1
    decrypt_store(store)
    assert not store.encrypted and Store.open(root).checkins()[0].note == SECRET
    assert not (root / MARKER).exists() and not (root / IDENTITY).exists()


def test_a_wrong_passphrase_at_the_terminal_asks_again(tmp_path: Path) -> None:
    """No lock-out: at a terminal, a wrong passphrase says so and asks again."""
    import fcntl
    import pty
    import select
    import sys
    import termios
    import time

    home = tmp_path / "data"
    store = Store.open(home)
    store.add_checkin(CheckIn(at=AT, values={"mood": 3}))
    encrypt_store(store, PW)
    main_fd, child_fd = pty.openpty()

    def own_terminal() -> None:  # the pty becomes the child's controlling terminal, so getpass reads it
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    env = {k: v for k, v in os.environ.items() if k != "IMR_TUI_PASSPHRASE"}
    proc = subprocess.Popen([sys.executable, "-m", "imr_tui", "checkin", "--mood", "7"], stdin=child_fd,
                            stdout=child_fd, stderr=child_fd, env={**env, "IMR_TUI_HOME": str(home)},
                            preexec_fn=own_terminal)
    os.close(child_fd)
    out = b""

    def read_until(marker: bytes, times: int = 1, timeout: float = 30) -> None:
        nonlocal out
        end = time.monotonic() + timeout
        while out.count(marker) < times:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"never saw {marker!r}; the terminal showed {out!r}")
            ready, _, _ = select.select([main_fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(main_fd, 4096)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"the program ended before {marker!r}; it showed {out!r}")
                out += chunk

    try:
        read_until(b"Passphrase")
        os.write(main_fd, b"not it at all\n")
        read_until(b"Try again")
        read_until(b"Passphrase", times=2)  # getpass drops what is typed before it asks
        time.sleep(0.2)
        os.write(main_fd, (PW + "\n").encode())
        read_until(b"Saved your check-in")
        assert proc.wait(30) == 0
    finally:
        proc.kill()
        proc.wait()
        os.close(main_fd)
    assert b"does not open" in out
    assert [c.values["mood"] for c in Store.open(home, passphrase=lambda: PW).checkins()] == [3, 7]
