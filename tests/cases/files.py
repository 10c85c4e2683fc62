"""Small real files for attachment tests, made here so their bytes are what libmagic reads."""

from __future__ import annotations

import struct
import zlib


def png() -> bytes:
    """A 1×1 pixel PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def windows_program() -> bytes:
    return b"MZ\x90\x00" + b"\x00" * 200


def html_page() -> bytes:
    return b"<html><body><script>alert('hej')</script></body></html>"
