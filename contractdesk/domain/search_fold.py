"""The one folding rule for search, on every engine: what a search text and an indexed text become.

Norwegian users type names with or without their letters: "bjorn" must find "BJØRN", "ae" "Ærlig",
"aa" and "a" "Åsen" (the old spelling "Aasen" too), "e" "Éclair"; and a search typed *with*
ø/æ/å finds the same. So both sides are folded alike, by :func:`search_fold`:

1. Unicode compatibility form, case folded (``ß`` → ``ss``, full-width letters → plain);
2. ``æ`` → ``ae``, ``ø`` → ``o``, and the few letters without a decomposition
   (``đ ŧ ŋ ł`` → ``d t n l``); every other accent is dropped (``å`` → ``a``, ``é`` → ``e``,
   ``ö`` → ``o``, ``č`` → ``c``);
3. a run of ``a`` becomes one ``a`` (``aa`` is the old spelling of ``å``: "Haaland" = "Håland");
4. white space collapsed to single spaces.

The store keeps the folded text beside the original (SQLite's FTS5 index and PostgreSQL's trigram
index are built over it) and folds the query with this same function, so both engines find the
same rows: the rule lives here only. Folding keeps containment: if ``q`` occurs in ``t``, then
``search_fold(q)`` occurs in ``search_fold(t)``.
"""

from __future__ import annotations

import re
import unicodedata

_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "đ": "d", "ŧ": "t", "ŋ": "n", "ł": "l"})
_A_RUN = re.compile("a{2,}")


def search_fold(text: str) -> str:
    """The search form of ``text``: ``"BJØRN Ærlig Åsen Café"`` → ``"bjorn aerlig asen cafe"``."""
    lowered = unicodedata.normalize("NFKC", text or "").casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_A_RUN.sub("a", stripped).split())


def search_words(text: str) -> list[str]:
    """The folded words of a search text, in order (empty ones dropped)."""
    return search_fold(text).split()
