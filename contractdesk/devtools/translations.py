"""Keep the Qt translation files in step with the code.

    uv run python -m contractdesk.devtools.translations update   # lupdate: add new tr() strings \
to the .ts
    uv run python -m contractdesk.devtools.translations missing  # list strings without a \
Norwegian text
    uv run python -m contractdesk.devtools.translations release  # lrelease: compile the .ts \
into the .qm

Edit the Norwegian texts in ``resources/translations/contractdesk_nb.ts`` (Qt Linguist:
``uv run pyside6-linguist resources/translations/contractdesk_nb.ts``), then run ``release``.

Counts use Qt's plural form, ``self.tr("%n invoice(s)", "", n)``: the Norwegian file gives both
forms, and ``contractdesk_en.ts`` (plural messages only, ``lupdate -pluralonly``) gives the English
ones ("1 invoice", "2 invoices"), so English never shows "invoice(s)".
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "contractdesk_nb.ts"
QM = TS.with_suffix(".qm")


def sources() -> list[Path]:
    """Every module of the app (the core's messages use ``contractdesk.i18n.translate``)."""
    return sorted(p for p in (ROOT / "contractdesk").rglob("*.py") if "devtools" not in p.parts)


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or str(
        Path(sys.executable).with_name(f"pyside6-{name}")
    )
    return found


EN_TS = TS.with_name("contractdesk_en.ts")
EN_QM = EN_TS.with_suffix(".qm")


def update(
    ts: Path = TS, *, no_obsolete: bool = True, language: str = "nb_NO", plural_only: bool = False
) -> None:
    """Run lupdate over the UI sources into ``ts`` (new strings arrive as unfinished).

    ``plural_only`` keeps only the ``%n`` messages (the English file: its forms are the only text it
    adds).
    """
    ts.parent.mkdir(parents=True, exist_ok=True)
    args = [_tool("lupdate"), "-silent", "-locations", "none", "-target-language", language]
    if no_obsolete:
        args.append("-no-obsolete")
    if plural_only:
        args.append("-pluralonly")
    subprocess.run([*args, *map(str, sources()), "-ts", str(ts)], check=True)


QTBASE_TS = TS.with_name("qtbase_nb.ts")


def release(ts: Path = TS, qm: Path = QM) -> None:
    """Compile ``ts`` into ``qm``; the default call also compiles the English plurals and our
    qtbase_nb."""
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    if ts == TS and qm == QM:
        if EN_TS.exists():
            subprocess.run(
                [_tool("lrelease"), "-silent", str(EN_TS), "-qm", str(EN_QM)], check=True
            )
        if QTBASE_TS.exists():
            subprocess.run(
                [
                    _tool("lrelease"),
                    "-silent",
                    str(QTBASE_TS),
                    "-qm",
                    str(QTBASE_TS.with_suffix(".qm")),
                ],
                check=True,
            )


def messages(ts: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) → (translation text, translation type attribute).

    A plural message's text is its forms joined by ``|``; empty when any form is missing.
    """
    out: dict[tuple[str, str], tuple[str, str | None]] = {}
    tree = ET.parse(ts)
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            tr = msg.find("translation")
            text = (tr.text or "") if tr is not None else ""
            if msg.get("numerus") == "yes" and tr is not None:
                forms = [form.text or "" for form in tr.iter("numerusform")]
                text = "|".join(forms) if forms and all(forms) else ""
            kind = tr.get("type") if tr is not None else "unfinished"
            out[(name, source)] = (text, kind)
    return out


def missing(ts: Path = TS) -> list[tuple[str, str]]:
    return [
        key
        for key, (text, kind) in messages(ts).items()
        if not text or kind in ("unfinished", "vanished", "obsolete")
    ]


def update_all() -> None:
    """The Norwegian file, and the English file of plural forms."""
    update()
    update(EN_TS, language="en", plural_only=True)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "missing"
    if command == "update":
        update_all()
    elif command == "release":
        release()
    elif command == "missing":
        todo = missing()
        for context, source in todo:
            print(f"{context}\t{source}")
        print(f"{len(todo)} strings without a Norwegian translation", file=sys.stderr)
        plurals = missing(EN_TS) if EN_TS.exists() else []
        for context, source in plurals:
            print(f"en\t{context}\t{source}")
        if plurals:
            print(
                f"{len(plurals)} plural messages without English forms ({EN_TS.name})",
                file=sys.stderr,
            )
        return 1 if todo or plurals else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
