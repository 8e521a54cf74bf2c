"""Helpers for the issued-document tests: many customers, and pages "printed and scanned back".

Pages are rasterised with poppler's ``pdftoppm`` (as a scanner would see the paper), then turned,
blurred, dotted with noise and JPEG-compressed with Pillow.
"""

from __future__ import annotations

import io
import random
import subprocess
from pathlib import Path
from typing import Any

from PIL import Image, ImageFilter


def org_number(seed: int) -> str:
    """A valid 9-digit org number (MOD11) starting with 9, from ``seed``."""
    n = seed
    while True:
        body = f"9{n % 10_000_000:07d}"
        total = sum(int(d) * w for d, w in zip(body, (3, 2, 7, 6, 5, 4, 3, 2), strict=True))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10:
            return body + str(check)
        n += 1


def add_customers(services: Any, count: int, *, start: int = 100) -> list[tuple[str, int]]:
    """``count`` customers, each with a general manager who signs: (org number, person id)."""
    from contractdesk.services.people import PersonInput
    from contractdesk.store.models import Customer

    orgs: list[str] = []
    seen: set[str] = set()
    n = start
    while len(orgs) < count:
        org = org_number(n * 7919)
        n += 1
        if org not in seen:
            seen.add(org)
            orgs.append(org)
    with services.store.session() as s:
        for i, org in enumerate(orgs):
            s.add(
                Customer(
                    org_number=org,
                    name=f"Kunde {i:02d} Skann AS",
                    status="active",
                    business_address={"lines": [f"Gate {i}"], "postcode": "6413", "city": "MOLDE"},
                )
            )
    out = []
    for i, org in enumerate(orgs):
        person = services.people.add_person_at(
            org, PersonInput("Signe", f"Leder{i:02d}"), "main_contact", actor="test"
        )
        services.people.add_role(org, person, "general_manager", actor="test")
        out.append((org, person))
    return out


def rasterise(
    pdf: bytes, tmp: Path, *, dpi: int = 150, pages: list[int] | None = None
) -> list[Image.Image]:
    """The pages of a PDF as grayscale images, through ``pdftoppm`` (first page 1)."""
    src = tmp / "in.pdf"
    src.write_bytes(pdf)
    out: list[Image.Image] = []
    for page in pages or [0]:
        prefix = tmp / f"p{page}"
        args = ["pdftoppm", "-gray", "-png", "-r", str(dpi)]
        if page:
            args += ["-f", str(page), "-l", str(page)]
        subprocess.run([*args, str(src), str(prefix)], check=True, capture_output=True)
        for file in sorted(tmp.glob(f"p{page}*.png")):
            with Image.open(file) as image:
                out.append(image.convert("L"))
            file.unlink()
    return out


def scanned(
    image: Image.Image, rng: random.Random, *, angle: float, blur: float, noise: float
) -> Image.Image:
    """A page as a cheap scanner returns it: turned, blurred, noisy, JPEG-compressed."""
    turned = image.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BILINEAR)
    soft = turned.filter(ImageFilter.GaussianBlur(blur))
    pixels = soft.load()
    width, height = soft.size
    for _ in range(int(width * height * noise)):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = 0 if rng.random() < 0.5 else 255
    buf = io.BytesIO()
    soft.save(buf, format="JPEG", quality=55)
    with Image.open(io.BytesIO(buf.getvalue())) as jpeg:
        return jpeg.convert("L")


def png_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def pdf_of(images: list[Image.Image]) -> bytes:
    """A multi-page "scanned" PDF of images (as a document feeder makes one)."""
    buf = io.BytesIO()
    first, *rest = [i.convert("RGB") for i in images]
    first.save(buf, format="PDF", save_all=True, append_images=rest, resolution=150)
    return buf.getvalue()
