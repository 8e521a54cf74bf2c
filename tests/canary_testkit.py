"""Canary scans of a store: its content exported in plaintext, and every page of the encrypted
file decrypted (free pages and freed cells included), as the erasure tests do them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def plaintext_export(services: Any, folder: Path) -> bytes:
    """The store's whole logical content, decrypted with sqlcipher_export into a plaintext file."""
    folder.mkdir(parents=True, exist_ok=True)
    plain = folder / "plain.db"
    with services.store.raw_connection() as conn:
        conn.execute(f"ATTACH DATABASE '{plain}' AS plaintext KEY ''")
        conn.execute("SELECT sqlcipher_export('plaintext')")
        conn.execute("DETACH DATABASE plaintext")
    data = plain.read_bytes()
    plain.unlink()
    assert data.startswith(b"SQLite format 3\x00")
    return data


def decrypted_pages(services: Any) -> bytes:
    """Every page of the encrypted file decrypted (SQLCipher 4: AES-256-CBC, 4096-byte pages, 80
    reserved bytes holding the IV and HMAC; raw key, no KDF)."""
    key = services.store.key_for_backup().raw()
    data = services.store.path.read_bytes()
    page_size, reserve = 4096, 80
    out = []
    for index in range(len(data) // page_size):
        page = data[index * page_size : (index + 1) * page_size]
        iv = page[page_size - reserve : page_size - reserve + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out.append(
            decryptor.update(page[16 if index == 0 else 0 : page_size - reserve])
            + decryptor.finalize()
        )
    assert out[0][:2] == b"\x10\x00"  # page size 4096 in the decrypted header: key and layout right
    return b"".join(out)


def found(blob: bytes, needles: Iterable[str]) -> list[str]:
    """The needles found in ``blob`` (case-insensitive: look-up keys are stored folded)."""
    low = blob.lower()
    return [n for n in needles if n.lower().encode("utf-8") in low]
