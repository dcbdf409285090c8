"""Optional encryption at rest, in the age format (extra `imr-tui[encrypt]`, pyrage).

Layout of an encrypted folder:

    encryption.json      plain marker: schema_version, the age recipient (public key), created
    identity.age         the folder's age X25519 secret key, encrypted with the passphrase (scrypt)
    *.json.age           every data file (and every backup copy), encrypted to that recipient

The passphrase is asked once per run: it unlocks identity.age (scrypt: a few seconds, by
design), and each file then costs well under a millisecond. Data is encrypted in memory and only
ciphertext is written, temp files included. The files open with the standard `age` tool:

    age -d -i <(age -d identity.age) checkins/2026-11.json.age
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from imr_tui.store.files import StoreError

MARKER = "encryption.json"
IDENTITY = "identity.age"
SUFFIX = ".age"


class WrongPassphraseError(StoreError):
    """The passphrase does not open this folder. Nothing was changed; there is no limit on tries."""

    exit_code = 1


class EncryptionUnavailableError(StoreError):
    exit_code = 1


class PassphraseTextError(StoreError):
    """The passphrase is not text (bytes that are not UTF-8, e.g. typed in a terminal set to another encoding)."""

    exit_code = 1


def _checked(passphrase: str) -> str:
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise PassphraseTextError("The passphrase holds bytes that are not UTF-8 text.", None,
                                  "Nothing was changed. Type it in a terminal that uses UTF-8.") from None
    return passphrase


class Codec(Protocol):
    suffix: str

    def encode(self, data: bytes) -> bytes: ...

    def decode(self, path: Path, data: bytes) -> bytes: ...


class Plain:
    suffix = ""

    def encode(self, data: bytes) -> bytes:
        return data

    def decode(self, path: Path, data: bytes) -> bytes:
        return data


def _pyrage() -> Any:
    try:
        import pyrage
    except ImportError:
        raise EncryptionUnavailableError(
            "Encryption needs the optional part of imr-tui: pip install 'imr-tui[encrypt]' (or pipx inject imr-tui pyrage)."
        ) from None
    return pyrage


@dataclass
class AgeCodec:
    identity: Any  # pyrage.x25519.Identity
    recipient: Any  # pyrage.x25519.Recipient
    suffix: str = SUFFIX

    def encode(self, data: bytes) -> bytes:
        return bytes(_pyrage().encrypt(data, [self.recipient]))

    def decode(self, path: Path, data: bytes) -> bytes:
        from imr_tui.store.files import CorruptFileError

        pyrage = _pyrage()
        try:
            return bytes(pyrage.decrypt(data, [self.identity]))
        except pyrage.DecryptError as exc:
            raise CorruptFileError(f"{path} cannot be decrypted ({exc}): it is damaged or not from this folder.",
                                   path) from exc


def is_encrypted(root: Path) -> bool:
    return os.path.lexists(root / MARKER)


def read_marker(root: Path) -> dict[str, Any]:
    """encryption.json: the recipient, and `encrypting` / `decrypting` while a run of encrypt or decrypt is not
    finished (store/encryption.py)."""
    from imr_tui.store.files import read_bytes

    path = root / MARKER
    try:
        marker = json.loads(read_bytes(path))
    except (StoreError, ValueError) as exc:
        raise StoreError(f"The encryption marker {path} cannot be read: {exc}", path) from exc
    if not isinstance(marker, dict) or marker.get("schema_version") != 1:
        raise StoreError(f"{path} is not a version-1 imr-tui encryption marker.", path)
    return marker


def new_identity(passphrase: str) -> tuple[AgeCodec, bytes, dict[str, Any]]:
    """A fresh key pair: (codec, identity.age bytes, marker contents)."""
    pyrage = _pyrage()
    identity = pyrage.x25519.Identity.generate()
    recipient = identity.to_public()
    wrapped = bytes(pyrage.passphrase.encrypt(str(identity).encode(), _checked(passphrase)))
    marker = {"schema_version": 1, "kind": "encryption", "format": "age-x25519, key wrapped by age-scrypt",
              "recipient": str(recipient), "identity_file": IDENTITY}
    return AgeCodec(identity, recipient), wrapped, marker


def unlock(root: Path, passphrase: str) -> AgeCodec:
    """Open identity.age with the passphrase. WrongPassphraseError when it does not open."""
    from imr_tui.store.files import read_bytes

    pyrage = _pyrage()
    marker = read_marker(root)
    wrapped = read_bytes(root / IDENTITY)
    try:
        secret = bytes(pyrage.passphrase.decrypt(wrapped, _checked(passphrase))).decode()
    except pyrage.DecryptError:
        raise WrongPassphraseError(
            f"That passphrase does not open {root}.", root, "Nothing was changed. Try again: there is no limit on tries."
        ) from None
    try:
        identity = pyrage.x25519.Identity.from_str(secret.strip())
        recipient = pyrage.x25519.Recipient.from_str(str(marker.get("recipient", "")))
    except Exception as exc:  # pyrage raises its own types for a key it cannot read
        raise StoreError(f"The key in {root / IDENTITY} or the recipient in {root / MARKER} is damaged ({exc}).",
                         root / MARKER, "Nothing was changed.") from None
    return AgeCodec(identity, recipient)
