"""Kill -9 torture of the repair commands: restore, restore --snapshot, import, encrypt, decrypt.

Shared by tests/test_torture_repair.py (5 kills each) and bench/torture_repair.py (30 or more each).

For each command a data folder is made once (two years of check-ins, backups, quarantine, a draft; the notes
hold a secret word). Each round copies it, starts `imr-tui COMMAND` on the copy, kills it with SIGKILL at a
random moment of its run, runs the next command (`imr-tui verify`, which finishes what was left half-done),
and checks (half the kills come at a random moment of the whole run, which is mostly start-up and reading;
the other half just before a random one of the renames and deletes the run makes, via tests/kill_at.py):
  - every check-in is readable, and the set is one the command allows (all or nothing: a restore --snapshot
    or an import either happened or did not, never half);
  - verify says "fine" only when that is true; when it names a problem, one more run of the command fixes it;
  - no plaintext: a folder marked encrypted holds the secret nowhere (temp files, backups and quarantine
    included); a folder decrypted holds no ciphertext and no key.
A kill that came after the command had finished is not counted; rounds go on until `kills` kills landed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KILL_AT = Path(__file__).with_name("kill_at.py")
PW = "torture passphrase"
SECRET = b"QXZJ-torture-secret"
AGE_HEADER = b"age-encryption.org/v1"
BASE = datetime(2024, 1, 10, 9, tzinfo=UTC)
COMMANDS = ("restore", "restore --snapshot", "import", "encrypt", "decrypt")


@dataclass
class Result:
    command: str
    kills: int = 0  # kills that landed while the command ran
    mid_change: int = 0  # of those, kills after the command had changed the folder (or left a journal)
    late: int = 0  # rounds where the command had finished before the kill (not counted)
    finished_by_next: int = 0  # rounds where the next command said it finished a half-done run
    rerun_needed: int = 0  # rounds where verify named a problem and one more run of the command fixed it
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "IMR_TUI_PASSPHRASE": PW, **extra}


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "imr_tui", "--home", str(home), *args], capture_output=True,
                          text=True, timeout=300, env=_env())


def _ids(home: Path) -> set[str]:
    from imr_tui.store.store import Store

    return {c.id for c in Store.open(home, create=False, passphrase=lambda: PW).checkins()}


def _files(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file() and not p.is_symlink()]


def plaintext(home: Path) -> list[Path]:
    return [p for p in _files(home) if SECRET in p.read_bytes()]


def ciphertext(home: Path) -> list[Path]:
    """Encrypted files left (temp files aside: a killed save's temp file goes a minute later, like any other)."""
    return [p for p in _files(home) if not p.name.endswith(".tmp") and p.read_bytes().startswith(AGE_HEADER)]


# ------------------------------------------------------------------ the folders
def _checkins(store: object, months: int, prefix: str, start: datetime = BASE) -> set[str]:
    from imr_tui.domain.checkin import CheckIn

    made = [CheckIn(id=f"{prefix}{m:02d}-{k}", at=start + timedelta(days=31 * m + 2 * k), values={"mood": k % 11},
                    note=SECRET.decode()) for m in range(months) for k in range(8)]
    store.import_checkins(made)  # type: ignore[attr-defined]
    return {c.id for c in made}


def _plain_template(root: Path) -> set[str]:
    from imr_tui.store import backup as backups
    from imr_tui.store.store import Store

    store = Store.open(root)
    ids = _checkins(store, 24, "c")
    store.write_blob("draft-checkin.json", b'{"note": "' + SECRET + b'"}')
    backups.make_backup(store, label="kept")
    (root / "checkins" / "2024-03.json").write_text("{")
    backups.restore_bad_files(store)  # quarantine/ now holds a copy
    return ids


@dataclass
class Case:
    """One command under torture: its folder, its arguments, and what a finished run must leave."""

    args: list[str]
    allowed: list[set[str]]  # the check-in sets the folder may hold after the next command
    final: set[str]  # the set after one more full run of the command
    encrypted_after: bool | None  # for encrypt/decrypt: whether a finished run leaves the folder encrypted


def build(command: str, root: Path) -> Case:
    """Make the folder for `command` at `root`."""
    from imr_tui.store import backup as backups
    from imr_tui.store.encryption import encrypt_store
    from imr_tui.store.store import Store

    ids = _plain_template(root)
    store = Store.open(root)
    if command == "restore":
        backups.make_backup(store)
        for n, month in enumerate(sorted((root / "checkins").glob("*.json"))[:16]):
            if n % 2:
                month.write_bytes(month.read_bytes()[:50])  # cut short
            else:
                month.unlink()  # lost
        return Case(["restore"], [ids], ids, None)
    if command == "restore --snapshot":
        (b,) = [b for b in backups.list_backups(store) if b.label == "kept"]
        later = _checkins(store, 6, "later", BASE + timedelta(days=800))  # six months the backup lacks
        return Case(["restore", "--snapshot", b.name], [ids | later, ids], ids, None)
    if command == "import":
        from imr_tui.export.json_export import export_json

        other_root = root.parent / f"{root.name}-other"
        other = Store.open(other_root)
        new = _checkins(other, 30, "imp", BASE + timedelta(days=400))  # overlaps the last year, then goes on
        (root.parent / f"{root.name}-export.json").write_bytes(export_json(other))
        shutil.rmtree(other_root)
        return Case(["import", "json", str(root.parent / f"{root.name}-export.json")], [ids, ids | new], ids | new,
                    None)
    if command == "encrypt":
        return Case(["encrypt"], [ids], ids, True)
    if command == "decrypt":
        encrypt_store(store, PW)
        return Case(["decrypt"], [ids], ids, False)
    raise ValueError(command)


# ------------------------------------------------------------------ one round
def _backed_up_ids(home: Path) -> set[str]:
    """Every check-in id some backup holds (plain folders only)."""
    out: set[str] = set()
    for month in (home / "backups").glob("*/checkins/*.json"):
        out.update(e["id"] for e in json.loads(month.read_bytes())["checkins"])
    return out


def shape(home: Path) -> set[tuple[str, int]]:
    return {(str(p.relative_to(home)), p.stat().st_size) for p in _files(home) if p.name != ".lock"}


def check_round(home: Path, case: Case, result: Result, label: str) -> None:
    """After the kill: the next command, then every promise."""
    def fail(why: str) -> None:
        result.failures.append(f"{label}: {why}")

    nxt = _cli(home, "verify")
    if "That is finished now" in nxt.stderr:
        result.finished_by_next += 1
    if "Traceback" in nxt.stderr:
        fail(f"verify: {nxt.stderr.strip().splitlines()[-1]}")
        return
    if nxt.returncode != 0:  # verify names what is wrong (a restore killed before its journal): one more run
        result.rerun_needed += 1
        again = _cli(home, *case.args)
        if again.returncode != 0:
            fail(f"rerun exit {again.returncode}: {(again.stdout + again.stderr).strip()[-200:]}")
        if _cli(home, "verify").returncode != 0:
            fail("verify still names a problem after one more run")
    try:
        now = _ids(home)
    except Exception as exc:  # a store error here is a failure of the torture, reported, not raised
        fail(f"check-ins unreadable: {exc}")
        return
    if now not in case.allowed:
        fail(f"{len(now)} check-ins, not an allowed set (lost {len(case.final - now)}, extra {len(now - case.final)})")
    if case.args[:2] == ["restore", "--snapshot"] and not case.allowed[0] <= now | _backed_up_ids(home):
        fail("a check-in is neither in the folder nor in a backup")
    encrypted = (home / "encryption.json").exists()
    if encrypted and plaintext(home):
        fail(f"plaintext in an encrypted folder: {plaintext(home)[0].relative_to(home)}")
    if not encrypted and (ciphertext(home) or (home / "identity.age").exists()):
        fail(f"ciphertext or key left in a plain folder: {[str(p.relative_to(home)) for p in ciphertext(home)][:2]}")
    if case.encrypted_after is not None and encrypted != case.encrypted_after:  # not begun: finish the job
        if _cli(home, *case.args).returncode != 0:
            fail("the command did not finish on a second run")
        if case.encrypted_after and plaintext(home):
            fail("plaintext after encrypt finished")
        if not case.encrypted_after and ciphertext(home):
            fail("ciphertext after decrypt finished")
    if case.args[0] == "import":
        _cli(home, *case.args)  # importing again fills in what a kill before the journal left out
    try:
        final = _ids(home)
        if case.args[:2] != ["restore", "--snapshot"] and final != case.final:
            fail(f"at the end {len(final)} check-ins, expected {len(case.final)}")
    except Exception as exc:
        fail(f"check-ins unreadable at the end: {exc}")


def _timed(home: Path, args: list[str]) -> float:
    t = time.perf_counter()
    r = _cli(home, *args)
    if r.returncode not in (0, 1, 2):
        raise RuntimeError(r.stderr)
    return time.perf_counter() - t


def torture(command: str, kills: int, workdir: Path, seed: int = 1,
            progress: Callable[[str], None] | None = None) -> Result:
    rng = random.Random(seed)
    result = Result(command)
    started = time.perf_counter()
    template = workdir / "template"
    case = build(command, template)
    before = shape(template)
    probe = workdir / "probe"
    shutil.copytree(template, probe)
    start_up = min(_timed(probe, ["--version"]) for _ in range(2))
    shutil.rmtree(probe)
    shutil.copytree(template, probe)
    whole = _timed(probe, case.args)
    shutil.rmtree(probe)
    shutil.copytree(template, probe)
    counted = subprocess.run([sys.executable, str(KILL_AT), "0", "--home", str(probe), *case.args],
                             capture_output=True, text=True, timeout=300, env=_env())
    steps = int(counted.stderr.strip().splitlines()[-1].removeprefix("steps: "))
    shutil.rmtree(probe)
    rounds = 0
    while result.kills < kills and rounds < kills * 4:
        rounds += 1
        home = workdir / f"round-{rounds}"
        shutil.copytree(template, home)
        if rng.random() < 0.5:  # SIGKILL at a random moment of the run (most of a run is start-up and reading)
            proc = subprocess.Popen([sys.executable, "-m", "imr_tui", "--home", str(home), *case.args],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
            time.sleep(rng.uniform(start_up * 0.8, whole * 1.05))
            proc.send_signal(signal.SIGKILL)
        else:  # SIGKILL (sent to itself) just before a random one of the renames and deletes it makes
            proc = subprocess.Popen([sys.executable, str(KILL_AT), str(rng.randint(1, steps)), "--home", str(home),
                                     *case.args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
        if proc.wait() != -signal.SIGKILL:
            result.late += 1
        else:
            result.kills += 1
            result.mid_change += shape(home) != before
            check_round(home, case, result, f"{command} round {rounds}")
            if progress:
                progress(f"{command}: {result.kills}/{kills} kills, {len(result.failures)} failures")
        shutil.rmtree(home)
    result.seconds = time.perf_counter() - started
    return result


def summary(r: Result) -> str:
    return (f"{r.command}: {r.kills} kills, {r.mid_change} of them after it had changed the folder "
            f"({r.late} runs finished before the kill, not counted), "
            f"{r.finished_by_next} finished by the next command, {r.rerun_needed} needed one more run, "
            f"{len(r.failures)} failures, {r.seconds:.0f} s")


if __name__ == "__main__":  # pragma: no cover - python tests/torture_repair.py COMMAND KILLS
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(summary(torture(sys.argv[1], int(sys.argv[2]), Path(tmp)))))
