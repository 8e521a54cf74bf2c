"""Section-aware diff between two terms versions, ready for a side-by-side view (difflib based).

Each document is cut into *parts*: the front matter (with the title), every section (the
annexes' included) and each annex's own heading/preamble. Parts are paired in this order:

1. same number and same title (normalised: case, spaces, closing ``.``/``:``);
2. same title, when that title is unique among the parts still unpaired on both sides
   (a section that was renumbered, e.g. after an insertion);
3. same number (a section whose title changed);
4. annexes by label; the front matter with the front matter.

What stays unpaired is *removed* (old only) or *added* (new only). A paired part is
*unchanged* when number, title and blocks are equal, else *changed*. Inside a part, blocks are
turned into lines (a paragraph line, ``• item``, table cells joined with `` | ``, the signature
labels) and compared line by line; lines that were replaced get a word-level diff
(`Segment` runs) so a view can highlight the changed words. Parts come out in the new
document's reading order, each removed part right after the part that preceded it in the old one.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from contractdesk.domain.terms.document import (
    Block,
    BulletList,
    Paragraph,
    SignatureBlock,
    Table,
    TermsDocument,
)

__all__ = [
    "ChangeStatus",
    "DiffRow",
    "PartDiff",
    "PartKind",
    "Segment",
    "TermsDiff",
    "block_lines",
    "diff_terms",
    "format_terms_diff",
    "word_diff",
]


class ChangeStatus(StrEnum):
    """How a part differs between the old and the new version."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


class PartKind(StrEnum):
    """What a part of a document is."""

    FRONT_MATTER = "front_matter"
    SECTION = "section"
    ANNEX = "annex"


@dataclass(frozen=True)
class Segment:
    """A run of text in a line; ``changed`` marks words deleted (left side) or inserted (right
    side)."""

    text: str
    changed: bool = False


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side view.

    ``kind`` is ``equal``, ``delete`` (left only), ``insert`` (right only) or ``replace``
    (both, with word-level ``left_segments``/``right_segments``). For the other kinds the
    segments hold the whole line as one segment (``changed`` unless ``equal``).
    """

    kind: str
    left: str | None
    right: str | None
    left_segments: tuple[Segment, ...] = ()
    right_segments: tuple[Segment, ...] = ()


@dataclass(frozen=True)
class PartDiff:
    """One part (front matter, section or annex heading) in both versions, and its rows."""

    kind: PartKind
    status: ChangeStatus
    old_number: str | None
    old_title: str | None
    new_number: str | None
    new_title: str | None
    rows: tuple[DiffRow, ...]

    @property
    def number(self) -> str:
        """The number to show: the new one, or the old one for a removed part."""
        return (self.new_number if self.new_number is not None else self.old_number) or ""

    @property
    def title(self) -> str:
        """The title to show: the new one, or the old one for a removed part."""
        return (self.new_title if self.new_title is not None else self.old_title) or ""

    @property
    def renumbered(self) -> bool:
        return self.status is ChangeStatus.CHANGED and self.old_number != self.new_number

    @property
    def retitled(self) -> bool:
        return self.status is ChangeStatus.CHANGED and self.old_title != self.new_title

    @property
    def formatting_only(self) -> bool:
        """Changed, yet number, title and every line read the same (e.g. a heading flag)."""
        return (
            self.status is ChangeStatus.CHANGED
            and not self.renumbered
            and not self.retitled
            and all(r.kind == "equal" for r in self.rows)
        )

    def __repr__(self) -> str:
        return f"PartDiff({self.kind.value}, {self.number!r} {self.title!r}, {self.status.value})"


@dataclass(frozen=True)
class TermsDiff:
    """The whole comparison: titles and parts in reading order."""

    old_title: str
    new_title: str
    parts: tuple[PartDiff, ...]

    @property
    def has_changes(self) -> bool:
        return self.old_title != self.new_title or any(
            p.status is not ChangeStatus.UNCHANGED for p in self.parts
        )

    def counts(self) -> dict[ChangeStatus, int]:
        """How many parts have each status."""
        c = Counter(p.status for p in self.parts)
        return {s: c.get(s, 0) for s in ChangeStatus}

    def changed_parts(self) -> tuple[PartDiff, ...]:
        return tuple(p for p in self.parts if p.status is not ChangeStatus.UNCHANGED)


# --------------------------------------------------------------------------- lines and words

_TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")


def block_lines(block: Block) -> list[str]:
    """A block as the lines the diff compares."""
    if isinstance(block, Paragraph):
        return block.text.split("\n")
    if isinstance(block, BulletList):
        return [f"• {item}" for item in block.items]
    if isinstance(block, Table):
        return [" | ".join(row) for row in block.rows]
    if isinstance(block, SignatureBlock):
        lines = [block.intro] if block.intro else []
        return [
            *lines,
            f"{block.place_label} {block.date_label}",
            f"{block.customer_label} | {block.supplier_label}",
        ]
    raise TypeError(f"unknown block {type(block).__name__}")


def _lines(blocks: Iterable[Block]) -> list[str]:
    return [line for b in blocks for line in block_lines(b)]


def _merge(segments: list[Segment]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    for seg in segments:
        if out and out[-1].changed == seg.changed:
            out[-1] = Segment(out[-1].text + seg.text, seg.changed)
        elif seg.text:
            out.append(seg)
    return tuple(out)


def word_diff(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """Word-level diff of two lines: (old segments, new segments); joining each gives the line
    back."""
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(Segment("".join(a[i1:i2])))
            right.append(Segment("".join(b[j1:j2])))
        else:
            left.append(Segment("".join(a[i1:i2]), True))
            right.append(Segment("".join(b[j1:j2]), True))
    return _merge(left), _merge(right)


def _rows(old: Sequence[str], new: Sequence[str]) -> tuple[DiffRow, ...]:
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            rows.extend(DiffRow("equal", o, o, (Segment(o),), (Segment(o),)) for o in old[i1:i2])
            continue
        left, right = list(old[i1:i2]), list(new[j1:j2])
        for k in range(max(len(left), len(right))):
            o = left[k] if k < len(left) else None
            n = right[k] if k < len(right) else None
            if o is not None and n is not None:
                ls, rs = word_diff(o, n)
                rows.append(DiffRow("replace", o, n, ls, rs))
            elif o is not None:
                rows.append(DiffRow("delete", o, None, (Segment(o, True),), ()))
            elif n is not None:
                rows.append(DiffRow("insert", None, n, (), (Segment(n, True),)))
    return tuple(rows)


# --------------------------------------------------------------------------- parts and pairing


@dataclass(frozen=True)
class _Part:
    kind: PartKind
    number: str
    title: str
    blocks: tuple[Block, ...]

    @property
    def title_key(self) -> str:
        return re.sub(r"\s+", " ", self.title).strip().rstrip(".:").strip().casefold()


def _parts(doc: TermsDocument) -> list[_Part]:
    parts = [_Part(PartKind.FRONT_MATTER, "", doc.title, doc.front_matter)]
    parts.extend(_Part(PartKind.SECTION, s.number, s.title, s.blocks) for s in doc.sections)
    for annex in doc.annexes:
        parts.append(_Part(PartKind.ANNEX, annex.label, annex.title, annex.blocks))
        parts.extend(_Part(PartKind.SECTION, s.number, s.title, s.blocks) for s in annex.sections)
    return parts


_Key = Callable[[_Part], Hashable | None]


def _key_exact(p: _Part) -> Hashable | None:
    return (p.kind, p.number, p.title_key)


def _key_title(p: _Part) -> Hashable | None:
    return (p.kind, p.title_key) if p.kind is PartKind.SECTION and p.title_key else None


def _key_number(p: _Part) -> Hashable | None:
    return (p.kind, p.number) if p.number else None


def _key_front(p: _Part) -> Hashable | None:
    return p.kind if p.kind is PartKind.FRONT_MATTER else None


def _pair(old: list[_Part], new: list[_Part]) -> dict[int, int]:
    """Pair parts; returns new index → old index."""
    pairs: dict[int, int] = {}
    used_old: set[int] = set()

    def match(key: _Key, *, unique: bool = False) -> None:
        candidates: dict[Hashable, list[int]] = {}
        for i, part in enumerate(old):
            k = key(part)
            if i not in used_old and k is not None:
                candidates.setdefault(k, []).append(i)
        new_keys = Counter(key(p) for j, p in enumerate(new) if j not in pairs)
        for j, part in enumerate(new):
            k = key(part)
            if j in pairs or k is None or not candidates.get(k):
                continue
            if unique and (len(candidates[k]) != 1 or new_keys[k] != 1):
                continue
            i = candidates[k].pop(0)
            pairs[j] = i
            used_old.add(i)

    match(_key_front)
    match(_key_exact)
    match(_key_title, unique=True)
    match(_key_number)
    return pairs


def _part_diff(o: _Part | None, n: _Part | None) -> PartDiff:
    kind = (n or o).kind  # type: ignore[union-attr]  # o and n are never both None
    old_lines = _lines(o.blocks) if o else []
    new_lines = _lines(n.blocks) if n else []
    if o is None:
        status = ChangeStatus.ADDED
    elif n is None:
        status = ChangeStatus.REMOVED
    elif (o.number, o.title, o.blocks) == (n.number, n.title, n.blocks):
        status = ChangeStatus.UNCHANGED
    else:
        status = ChangeStatus.CHANGED
    return PartDiff(
        kind=kind,
        status=status,
        old_number=o.number if o else None,
        old_title=o.title if o else None,
        new_number=n.number if n else None,
        new_title=n.title if n else None,
        rows=_rows(old_lines, new_lines),
    )


def diff_terms(old: TermsDocument, new: TermsDocument) -> TermsDiff:
    """Compare two terms versions part by part (see the module docstring for the pairing rules)."""
    old_parts, new_parts = _parts(old), _parts(new)
    pairs = _pair(old_parts, new_parts)
    paired_old = set(pairs.values())
    emitted: set[int] = set()
    out: list[PartDiff] = []

    def emit_removed_before(limit: int) -> None:
        for i in range(limit):
            if i not in paired_old and i not in emitted:
                emitted.add(i)
                out.append(_part_diff(old_parts[i], None))

    for j, part in enumerate(new_parts):
        if j in pairs:
            i = pairs[j]
            emit_removed_before(i)
            out.append(_part_diff(old_parts[i], part))
        else:
            out.append(_part_diff(None, part))
    emit_removed_before(len(old_parts))
    return TermsDiff(old.title, new.title, tuple(out))


def format_terms_diff(diff: TermsDiff, *, include_unchanged: bool = False) -> str:
    """Plain-text report (for a CLI): one header per part, ``-``/``+`` lines, ``[-old-]{+new+}``
    words."""
    lines: list[str] = []
    if diff.old_title != diff.new_title:
        lines.append(f"title: {diff.old_title} → {diff.new_title}")
    marks = {
        ChangeStatus.ADDED: "+",
        ChangeStatus.REMOVED: "-",
        ChangeStatus.CHANGED: "~",
        ChangeStatus.UNCHANGED: "=",
    }
    for part in diff.parts:
        if part.status is ChangeStatus.UNCHANGED and not include_unchanged:
            continue
        label = (
            "(front matter)"
            if part.kind is PartKind.FRONT_MATTER
            else f"{part.number} {part.title}".strip()
        )
        header = f"{marks[part.status]} {label}"
        if part.renumbered or part.retitled:
            header += f"  (was {f'{part.old_number} {part.old_title}'.strip()})"
        if part.formatting_only:
            header += "  (formatting only)"
        lines.append(header)
        for row in part.rows:
            if row.kind == "equal":
                if include_unchanged:
                    lines.append(f"    {row.left}")
            elif row.kind == "delete":
                lines.append(f"  - {row.left}")
            elif row.kind == "insert":
                lines.append(f"  + {row.right}")
            else:
                lines.append(f"  ~ {_interleave(row)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _interleave(row: DiffRow) -> str:
    """A replaced line with deletions as ``[-…-]`` and insertions as ``{+…+}``, in reading order."""
    a = _TOKEN_RE.findall(row.left or "")
    b = _TOKEN_RE.findall(row.right or "")
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append("".join(a[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + "".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + "".join(b[j1:j2]) + "+}")
    return "".join(out)
