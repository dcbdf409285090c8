"""Turning a folder's encryption on and off. Crash-safe: every step leaves a readable folder.

encrypt: identity.age -> every file written again as NAME.age (data, backups, quarantine, drafts)
         -> the marker encryption.json (from here on the folder is encrypted) -> plaintext deleted.
decrypt: every NAME.age written again as NAME -> marker removed (the folder is plain again)
         -> the .age files and identity.age deleted.
A run stopped half-way is finished the next time the folder is opened (finish_interrupted).

Deleting a file does not scrub the disk blocks it used; docs/encryption.md says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.store.crypto import IDENTITY, MARKER, SUFFIX, AgeCodec, is_encrypted, new_identity
from imr_tui.store.files import StoreError, atomic_write_bytes, read_bytes

if TYPE_CHECKING:
    from imr_tui.store.store import Store


def _files(root: Path, suffix: str) -> Iterator[Path]:
    """Every file of the folder that holds personal data, with the given ending."""
    for p in sorted(root.rglob(f"*{suffix}")):
        rel = p.relative_to(root)
        if not p.is_file() or p.name.startswith(".") or p.name in {MARKER, IDENTITY}:
            continue
        if suffix == ".json" and p.name.endswith(SUFFIX):
            continue
        if rel.parts[0] in {"checkins", "coping", "backups", "quarantine"} or len(rel.parts) == 1:
            yield p


def _plain_files(root: Path) -> list[Path]:
    return [p for p in _files(root, "") if not p.name.endswith(SUFFIX) and p.name != ".lock"
            and (p.suffix == ".json" or p.parent.name == "quarantine")]


def encrypt_store(store: Store, passphrase: str) -> int:
    """Encrypt a plain folder in place. Returns the number of files encrypted."""
    if store.encrypted or is_encrypted(store.root):
        raise StoreError(f"{store.root} is already encrypted.", store.root)
    if len(passphrase) < 8:
        raise StoreError("Please choose a passphrase of at least 8 characters.", store.root)
    codec, wrapped, marker = new_identity(passphrase)
    with store.writing():
        plain = _plain_files(store.root)
        atomic_write_bytes(store.root / IDENTITY, wrapped)
        for p in plain:
            atomic_write_bytes(p.with_name(p.name + SUFFIX), codec.encode(read_bytes(p)))
        atomic_write_bytes(store.root / MARKER, json.dumps(marker, indent=1).encode() + b"\n")
        for p in plain:
            p.unlink()
        store.codec = codec
        store.invalidate()
    return len(plain)


def decrypt_store(store: Store) -> int:
    """Turn an open encrypted folder back into plain files. Returns the number of files."""
    if not store.encrypted:
        raise StoreError(f"{store.root} is not encrypted.", store.root)
    codec = store.codec
    assert isinstance(codec, AgeCodec)
    with store.writing():
        sealed = list(_files(store.root, SUFFIX))
        for p in sealed:
            atomic_write_bytes(p.with_name(p.name.removesuffix(SUFFIX)), codec.decode(p, read_bytes(p)))
        (store.root / MARKER).unlink()
        for p in sealed:
            p.unlink()
        (store.root / IDENTITY).unlink(missing_ok=True)
        from imr_tui.store.crypto import Plain

        store.codec = Plain()
        store.invalidate()
    return len(sealed)


def finish_interrupted(store: Store) -> None:
    """Finish an encrypt that stopped after its marker: no plaintext copy may stay beside its .age twin."""
    leftovers = _plain_files(store.root)
    if not leftovers:
        return
    with store.writing():
        for p in _plain_files(store.root):
            twin = p.with_name(p.name + SUFFIX)
            if not twin.exists():
                atomic_write_bytes(twin, store.codec.encode(read_bytes(p)))
            p.unlink()
