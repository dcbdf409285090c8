"""Turning a folder's encryption on and off. Crash-safe and resumable: a run killed at any moment is finished
the next time the folder is opened, and no plaintext is left in a folder marked encrypted.

A file holds ciphertext when it starts with the age header; that, not its name, is what counts, so every file
is found: data files, the draft, every backup copy (unfinished backups too) and quarantine/ (whose names end in
a date: checkins__2026-11.json.age.20261202-011628).

encrypt: plaintext temp files removed -> identity.age -> the marker encryption.json with "encrypting" (from here
         on the folder is encrypted: the next open asks for the passphrase and finishes) -> each plain file
         written again as its .age twin, then deleted -> no plaintext may remain (else a StoreError) -> the flag
         cleared.
decrypt: the marker gets "decrypting" -> every encrypted file written again as its plain twin -> the marker
         removed (the folder is plain) -> the .age files deleted -> identity.age deleted last.
At open (Store.finish_interrupted): an encrypted folder first loses its plaintext temp files, then a flagged
run is finished; a plain folder with identity.age left (an encrypt stopped before its marker, or a decrypt
after it) loses the .age copies whose plain twin exists, then the key.

Deleting a file does not scrub the disk blocks it used; docs/encryption.md says so.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imr_tui.store.crypto import IDENTITY, MARKER, SUFFIX, AgeCodec, Plain, is_encrypted, new_identity, read_marker
from imr_tui.store.files import (
    TEMP_SUFFIX,
    CorruptFileError,
    StoreError,
    atomic_write_bytes,
    fsync_dir,
    lexists,
    read_bytes,
)
from imr_tui.store.journal import JOURNAL

if TYPE_CHECKING:
    from imr_tui.store.store import Store

AGE_HEADER = b"age-encryption.org/v1"
NOT_DATA = frozenset({MARKER, IDENTITY, ".lock", JOURNAL})
DEEP = ("backups", "quarantine")  # every file in these holds personal data, at any depth
SHALLOW = ("checkins", "coping")


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _is_temp(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def _walk(root: Path) -> Iterator[Path]:
    """Every ordinary file under the folder's data places (temp files included), never following a link."""
    for p in sorted(root.iterdir()):
        if _regular(p):
            yield p
    for sub in (*SHALLOW, *DEEP):
        folder = root / sub
        if not folder.is_dir() or folder.is_symlink():
            continue
        if sub in DEEP:
            for dirpath, dirnames, filenames in os.walk(folder):
                dirnames[:] = sorted(d for d in dirnames if not os.path.islink(os.path.join(dirpath, d)))
                yield from (Path(dirpath, f) for f in sorted(filenames) if _regular(Path(dirpath, f)))
        else:
            yield from (p for p in sorted(folder.iterdir()) if _regular(p))


def _holds_data(root: Path, path: Path) -> bool:
    if _is_temp(path.name) or path.name in NOT_DATA:
        return False
    top = path.relative_to(root).parts[0]
    return top in DEEP or ".json" in path.name


def is_sealed(path: Path) -> bool:
    """Whether the file holds age ciphertext (read without blocking: see files.read_bytes)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, len(AGE_HEADER)) == AGE_HEADER
    except OSError:
        return False
    finally:
        os.close(fd)


class Scan:
    """One walk of the folder: plain and encrypted data files, and temp files that are not ciphertext (a decrypt
    stopped half-way writes plain ones), anywhere (backups and quarantine included)."""

    def __init__(self, root: Path):
        self.plain: list[Path] = []
        self.sealed: list[Path] = []
        self.plain_temps: list[Path] = []
        for p in _walk(root):
            if _is_temp(p.name):
                if not is_sealed(p):
                    self.plain_temps.append(p)
            elif _holds_data(root, p):
                (self.sealed if is_sealed(p) else self.plain).append(p)

    @property
    def plaintext(self) -> list[Path]:
        return self.plain + self.plain_temps


def plain_files(root: Path) -> list[Path]:
    """Files holding personal data in plain text (data, draft, backups, quarantine; not temp files)."""
    return Scan(root).plain


def sealed_files(root: Path) -> list[Path]:
    return Scan(root).sealed


def sealed_name(name: str) -> str:
    """checkins/2026-11.json -> 2026-11.json.age; quarantine's checkins__2026-11.json.20261202 ->
    checkins__2026-11.json.age.20261202 (the name a file quarantined in an encrypted folder has). A name that
    already says .json.age stays as it is (the file is encrypted in place)."""
    if ".json" + SUFFIX in name:
        return name
    if ".json" in name:
        cut = name.rfind(".json") + len(".json")
        return name[:cut] + SUFFIX + name[cut:]
    return name + SUFFIX


def plain_name(name: str) -> str:
    """The reverse of sealed_name (a name without .age stays as it is: the file is decrypted in place)."""
    if ".json" + SUFFIX in name:
        cut = name.rfind(".json" + SUFFIX)
        return name[:cut] + ".json" + name[cut + len(".json" + SUFFIX):]
    return name.removesuffix(SUFFIX)


def _write_marker(root: Path, marker: dict[str, Any]) -> None:
    atomic_write_bytes(root / MARKER, json.dumps(marker, indent=1).encode() + b"\n")


def _flagged(marker: dict[str, Any], flag: str | None) -> dict[str, Any]:
    out = {k: v for k, v in marker.items() if k not in ("encrypting", "decrypting")}
    if flag:
        out[flag] = True
    return out


def _remove(paths: list[Path]) -> None:
    for p in paths:
        p.unlink(missing_ok=True)
    for folder in {p.parent for p in paths}:
        fsync_dir(folder)


# ------------------------------------------------------------------------------------------------------ encrypt
def encrypt_store(store: Store, passphrase: str) -> int:
    """Encrypt a plain folder in place. Returns the number of files encrypted."""
    if store.encrypted or is_encrypted(store.root):
        raise StoreError(f"{store.root} is already encrypted.", store.root)
    if len(passphrase) < 8:
        raise StoreError("Please choose a passphrase of at least 8 characters.", store.root)
    codec, wrapped, marker = new_identity(passphrase)
    with store.writing():
        _remove([p for p in _walk(store.root) if _is_temp(p.name)])  # stale plain temp files (no save runs now)
        atomic_write_bytes(store.root / IDENTITY, wrapped)
        _write_marker(store.root, _flagged(marker, "encrypting"))
        store.codec = codec
        store.invalidate()
        return _seal_all(store, codec, marker, plain_wins=True)


def _seal_all(store: Store, codec: AgeCodec, marker: dict[str, Any], plain_wins: bool) -> int:
    """Write each plain file as its .age twin, then delete it; refuse to finish while any plaintext remains.
    `plain_wins`: the plain file is the newer copy (an encrypt in progress); else a plain file beside its twin
    is a stale copy and is only deleted."""
    root = store.root
    count = 0
    for p in plain_files(root):
        twin = p.with_name(sealed_name(p.name))
        if twin == p or plain_wins or not lexists(twin):
            atomic_write_bytes(twin, codec.encode(read_bytes(p)))
            count += 1
        if twin != p:
            p.unlink()
    left = Scan(root).plaintext
    if left:
        raise StoreError(f"Encryption of {root} is not finished: {left[0]} is still plain text"
                         f"{f' (and {len(left) - 1} more)' if len(left) > 1 else ''}.", left[0],
                         "Remove or move that file, then run 'imr-tui encrypt' again (or open imr-tui).")
    if marker.get("encrypting") or marker.get("decrypting") or plain_wins:
        _write_marker(root, _flagged(marker, None))
    return count


# ------------------------------------------------------------------------------------------------------ decrypt
def decrypt_store(store: Store) -> int:
    """Turn an open encrypted folder back into plain files, every encrypted file included. Returns how many."""
    if not store.encrypted:
        raise StoreError(f"{store.root} is not encrypted.", store.root)
    with store.writing():
        _write_marker(store.root, _flagged(read_marker(store.root), "decrypting"))
        return _unseal_all(store)


def _unseal_all(store: Store) -> int:
    """Write every encrypted file as its plain twin (always: the encrypted one is the newer copy), then remove
    the marker, the encrypted files and, last, the key. A file that cannot be decrypted is moved to quarantine/
    as it is (it stays ciphertext) and named in the StoreError raised at the end."""
    codec = store.codec
    assert isinstance(codec, AgeCodec)
    root = store.root
    done: list[Path] = []
    broken: list[str] = []
    for p in sealed_files(root):
        try:
            data = codec.decode(p, read_bytes(p))
        except CorruptFileError:
            from imr_tui.store.backup import quarantine

            broken.append(f"{p.relative_to(root)} (now in {quarantine(store, p).relative_to(root)})")
            continue
        atomic_write_bytes(p.with_name(plain_name(p.name)), data)
        if plain_name(p.name) != p.name:
            done.append(p)
    (root / MARKER).unlink()
    fsync_dir(root)
    store.codec = Plain()
    store.invalidate()
    _remove(done)
    if not broken:
        (root / IDENTITY).unlink(missing_ok=True)
        fsync_dir(root)
    else:
        raise StoreError(f"{root} is plain again, but {len(broken)} file(s) could not be decrypted: "
                         f"{', '.join(broken[:3])}.", root,
                         f"They stay encrypted, and so does the key ({IDENTITY}); run 'imr-tui restore' for any "
                         "data file among them.")
    return len(done)


# ----------------------------------------------------------------------------------------------------- at open
def finish_interrupted(store: Store) -> str:
    """What Store.open does first: in an encrypted folder, remove plaintext temp files, then finish a stopped
    encrypt or decrypt (or encrypt a plain file found there); in a plain folder holding identity.age, remove the
    .age copies whose plain twin is there, then the key. Returns what it finished ("" for nothing)."""
    root = store.root
    if not store.encrypted:
        return _clean_plain_folder(store)
    marker = read_marker(root)
    if not (marker.get("encrypting") or marker.get("decrypting") or Scan(root).plaintext):
        return ""
    with store.writing():
        marker = read_marker(root)
        temps = Scan(root).plain_temps
        _remove(temps)
        if marker.get("decrypting"):
            _unseal_all(store)
            return "decrypt"
        codec = store.codec
        assert isinstance(codec, AgeCodec)
        _seal_all(store, codec, marker, plain_wins=bool(marker.get("encrypting")))
        store.invalidate()
        return "encrypt" if marker.get("encrypting") else "removing plain text from the encrypted folder"


def _clean_plain_folder(store: Store) -> str:
    root = store.root
    with store.writing():
        if is_encrypted(root) or not lexists(root / IDENTITY):
            return ""
        sealed = sealed_files(root)
        stale = [p for p in sealed if plain_name(p.name) != p.name and lexists(p.with_name(plain_name(p.name)))]
        _remove(stale)
        if len(stale) < len(sealed):
            return ""
        (root / IDENTITY).unlink(missing_ok=True)
        fsync_dir(root)
        return "removing the encrypted copies left by a stopped encrypt or decrypt"
