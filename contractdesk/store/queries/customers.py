"""Customer look-ups and the customer list's SQL (the search planner): the repository of customers.

"Customer by org number" lives here once, with its one message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session as Session  # re-exported: the type use cases pass on

from contractdesk.domain.customers import (
    CUSTOMER_STATUSES,
    org_number_digits,
    prefix_upper_bound,
)
from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number
from contractdesk.domain.people import name_tokens
from contractdesk.domain.search_fold import search_fold, search_words
from contractdesk.errors import NotFoundError, UserError
from contractdesk.i18n import fill, translate
from contractdesk.store.models.customers import Customer
from contractdesk.store.models.people import Person, PersonRole
from contractdesk.store.models.settings import AppSetting

# Hook (issues 5/7): the SQL expression giving a customer's agreement state (draft, sent, signed,
# active, terminated) in the list. Without agreements it is empty and sorts by name.
AGREEMENT_STATE_SQL = (  # the active agreement's state, else the newest agreement's (issue 5)
    "COALESCE((SELECT a.state FROM agreement a WHERE a.customer_id = c.id "
    "ORDER BY a.state = 'active' DESC, a.id DESC LIMIT 1), '')"
)

ListRow = tuple[int, str, str, str, str, str, str]
"""(id, org number, name, municipality, status, main contact, agreement state)."""


def customer_by_org_number(s: Session, org_number: str) -> Customer:
    """The customer with this org number (any spacing).

    Raises:
        UserError: the number is not a valid org number (``field="org_number"``).
        NotFoundError: no customer has it.
    """
    try:
        org = parse_org_number(org_number)
    except InvalidOrgNumber as exc:
        raise UserError(
            fill(translate("Customers", "Organisation number: %1"), exc), field="org_number"
        ) from None
    customer = s.execute(select(Customer).where(Customer.org_number == org)).scalar()
    if customer is None:
        raise NotFoundError(
            fill(
                translate(
                    "Customers", "No customer with organisation number %1; register it first."
                ),
                format_org_number(org),
            ),
            field="org_number",
        )
    return customer


def customer_id_and_name(s: Session, org_number: str) -> tuple[int, str] | None:
    """(id, name) of the customer with these 9 digits, or None; reads no wide row."""
    row = s.execute(
        select(Customer.id, Customer.name).where(Customer.org_number == org_number)
    ).first()
    return (int(row[0]), str(row[1])) if row is not None else None


def registry_signers_of(s: Session, customer_id: int) -> list[tuple[int, str, str, str]]:
    """(person id, first, middle, last name) of the people registered at the customer as
    signatory or general manager from the registry (erased people left out)."""
    rows = s.execute(
        select(Person.id, Person.first_name, Person.middle_name, Person.last_name)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(
            PersonRole.customer_id == customer_id,
            PersonRole.role.in_(("signatory", "general_manager")),
            PersonRole.source == "registry",
            Person.erased_at.is_(None),
        )
    ).all()
    return [(int(r[0]), str(r[1] or ""), str(r[2] or ""), str(r[3] or "")) for r in rows]


def org_numbers_by_name(s: Session) -> list[str]:
    """Every customer's org number, in list order (by name)."""
    return list(
        s.execute(select(Customer.org_number).order_by(Customer.sort_name, Customer.id)).scalars()
    )


def count_by_status(s: Session) -> dict[str, int]:
    """Customers per status (every status present, zero included)."""
    found: dict[str, int] = {
        str(status): int(n)
        for status, n in s.execute(select(Customer.status, func.count()).group_by(Customer.status))
    }
    return {status: int(found.get(status, 0)) for status in CUSTOMER_STATUSES}


def _on_postgresql(s: Session) -> bool:
    return bool(s.get_bind().dialect.name == "postgresql")


def count_customers(s: Session, search: str = "") -> int:
    """How many customers the search finds (all customers without one)."""
    if _on_postgresql(s):
        condition, params = pg_search_condition(s, search)
        where = f" WHERE {condition}" if condition else ""
        return int(s.execute(text("SELECT count(*) FROM customer c" + where), params).scalar() or 0)
    ids_sql, params = search_ids(search)
    sql = f"SELECT count(*) FROM ({ids_sql})" if ids_sql else "SELECT count(*) FROM customer"
    return int(s.execute(text(sql), params).scalar() or 0)


def _page_ids_sql(
    s: Session, search: str, sort: str, descending: bool, params: dict[str, Any]
) -> str | None:
    """The SELECT of one page's ids in order (None: nothing matches); fills ``params``."""
    parts, found_params = search_parts(search)
    params.update(found_params)
    order, join = _order_by(sort, descending)
    direction = "DESC" if descending else "ASC"
    if not parts:
        where = ""
    else:
        counts = list(
            s.execute(
                text("SELECT " + ", ".join(f"(SELECT count(*) FROM ({p.ids}))" for p in parts)),
                params,
            ).one()
        )
        found = sum(int(n or 0) for n in counts)  # an upper bound: an id may be in several parts
        if found == 0:
            return None
        if sort in ("name", "agreement_state") and not join:
            if _collect_is_cheaper(
                s, parts, counts, found, int(params["offset"]) + int(params["limit"])
            ):
                # sort the matches' (sort_name, id), read from indexes where held
                return (
                    "SELECT id FROM (" + " UNION ".join(p.keyed for p in parts) + ") "
                    f"ORDER BY sort_name {direction}, id {direction} LIMIT :limit OFFSET :offset"
                )
            where = _walk_condition(parts, sort)
        elif found > COLLECT_LIMIT and not join:  # walk the sort index in order
            where = _walk_condition(parts, sort)
        else:
            where = f"WHERE c.id IN ({' UNION ALL '.join(p.ids for p in parts)}) "
    return (
        "SELECT c.id FROM customer c "
        + (_MAIN_CONTACT_JOIN if join else "")
        + where
        + f"ORDER BY {order} LIMIT :limit OFFSET :offset"
    )


def _collect_is_cheaper(
    s: Session, parts: Sequence[SearchPart], counts: Sequence[Any], found: int, end: int
) -> bool:
    """Name order: sort the matches directly (True) or walk the name index (False)?"""
    rows_total = int(s.execute(text("SELECT coalesce(max(id), 0) FROM customer")).scalar() or 0)
    keyed = sum(n for p, n in zip(parts, counts, strict=True) if p.column in _NAME_KEYED_COLUMNS)
    collect = _COST_INDEX_ENTRY * keyed + _COST_ROW * (found - keyed)
    visited = min(rows_total, end * rows_total / found)
    walk = _COST_INDEX_ENTRY * visited + _COST_SET_MEMBER * sum(
        n for p, n in zip(parts, counts, strict=True) if p.column not in NAME_INDEX_COLUMNS
    )
    return bool(collect <= walk)


def customer_page(
    s: Session, search: str, sort: str, descending: bool, *, offset: int, limit: int
) -> list[ListRow]:
    """One page of the customer list, filtered and ordered in SQL (see the notes above)."""
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    if _on_postgresql(s):
        return _pg_customer_page(s, search, sort, descending, params)
    page_sql = _page_ids_sql(s, search, sort, descending, params)
    if page_sql is None:
        return []
    # Hundreds of rows per keystroke: the driver's cursor directly (same transaction),
    # without SQLAlchemy's per-row result objects.
    cursor = s.connection().connection.cursor()
    try:
        cursor.execute(page_sql, params)
        page = [r[0] for r in cursor.fetchall()]
        if not page:
            return []
        cursor.execute(
            f"SELECT c.id, c.org_number, c.name, c.municipality, c.status, {_MAIN_CONTACT_SQL}, "
            f"{AGREEMENT_STATE_SQL} FROM customer c "
            + _MAIN_CONTACT_JOIN
            + f"WHERE c.id IN ({', '.join(str(int(i)) for i in page)})"
        )
        details = {r[0]: r for r in cursor.fetchall()}
    finally:
        cursor.close()
    rows = (details[i] for i in page if i in details)
    return [(r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6] or "") for r in rows]


# -- search SQL ------------------------------------------------------------------------------------
#
# A page of the list is found in two steps. First the ids: a search gives the set of matching ids
# (FTS5 rowids, index ranges, contacts: none of these reads a customer row); then the page is cut
# from that set in the wanted order. A small set is sorted directly; a large one is met by walking
# the sort column's covering index in order and stopping after the page (``+c.id`` keeps SQLite
# from driving the query by the id set). Only then are the page's 200 rows read, with the main
# contact joined. Customer rows are wide (registry JSON): reading thousands per keystroke is what
# costs, so nothing does.

COLLECT_LIMIT = 1000
"""Orders other than by name: up to this many matches the ids are sorted directly; above, the sort
index is walked."""

# Relative costs for choosing how to cut a page in name order: reading a customer row (decrypting
# its wide page) is the unit; an index entry or a member of an id set costs a few per cent of it.
_COST_ROW = 1.0
_COST_INDEX_ENTRY = 0.03
_COST_SET_MEMBER = 0.05
_NAME_KEYED_COLUMNS = frozenset({"search_name", "search_municipality"})
"""Range parts whose index also holds ``sort_name`` and the id: collecting them reads no row."""

_MAIN_CONTACT_SQL = (
    "CASE WHEN p.id IS NULL THEN '' ELSE trim(p.first_name || ' ' || "
    "CASE WHEN p.middle_name <> '' THEN p.middle_name || ' ' ELSE '' END || p.last_name) END"
)
_MAIN_CONTACT_JOIN = (
    "LEFT JOIN person_role r ON r.customer_id = c.id AND r.role = 'main_contact' "
    "LEFT JOIN person p ON p.id = r.person_id AND p.erased_at IS NULL "
)

_ORDER = {
    "name": "c.sort_name {d}, c.id {d}",
    "org_number": "c.org_number {d}",
    "municipality": "c.municipality_key {d}, c.sort_name {d}, c.id {d}",
    "status": "c.status {d}, c.sort_name {d}, c.id {d}",
    "main_contact": "(p.id IS NULL) ASC, p.last_name COLLATE NOCASE {d}, "
    "p.first_name COLLATE NOCASE {d}, c.sort_name {d}, c.id {d}",
}
_NEEDS_JOIN = frozenset({"main_contact"})


def _order_by(sort: str, descending: bool) -> tuple[str, bool]:
    """The ORDER BY of a sort column, and whether it needs the main contact joined."""
    if sort == "agreement_state" and AGREEMENT_STATE_SQL != "''":  # hook: issues 5/7
        return f"{AGREEMENT_STATE_SQL} {{d}}, c.sort_name {{d}}, c.id {{d}}".format(
            d="DESC" if descending else "ASC"
        ), False
    key = sort if sort in _ORDER else "name"
    return _ORDER[key].format(d="DESC" if descending else "ASC"), key in _NEEDS_JOIN


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


@dataclass(frozen=True)
class SearchPart:
    """One way a search finds customers: as a SELECT of ids, and as a condition on a row ``c``.

    The SELECT serves counting and small result sets; the row condition serves walking the sort
    index (its columns prefixed with ``+`` so SQLite does not drive the query by them).
    """

    ids: str
    row: str
    column: str = ""
    """The column a range part tests ("" for a set: FTS, contacts)."""

    @property
    def keyed(self) -> str:
        """A SELECT of ``(sort_name, id)`` of the part's customers."""
        if self.column:
            return self.ids.replace(
                "SELECT id FROM customer", "SELECT sort_name, id FROM customer", 1
            )
        return f"SELECT sort_name, id FROM customer WHERE id IN ({self.ids})"


def search_ids(search: str) -> tuple[str, dict[str, Any]]:
    """A SELECT of the ids of the customers a search text finds (each once), and its parameters;
    ``("", {})`` for an empty text (every customer). See :func:`search_parts`."""
    parts, params = search_parts(search)
    return " UNION ".join(p.ids for p in parts), params


def _range(column: str, low: str, high: str) -> SearchPart:
    return SearchPart(
        f"SELECT id FROM customer WHERE {column} >= :{low} AND {column} < :{high}",
        f"(+c.{column} >= :{low} AND +c.{column} < :{high})",
        column,
    )


def _set(ids: str) -> SearchPart:
    return SearchPart(ids, f"+c.id IN ({ids})")


NAME_INDEX_COLUMNS = frozenset({"search_name", "search_municipality", "org_number"})
"""Columns the name order's index (``ix_customer_sort_name``) carries beside the id: a search
walking it in name order tests them without reading a customer row."""


def _walk_condition(parts: Sequence[SearchPart], sort: str) -> str:
    """The WHERE for walking the sort index: covered ranges per index entry, the rest by set."""
    if sort in ("name", "agreement_state"):
        covered = [p.row for p in parts if p.column in NAME_INDEX_COLUMNS]
        others = [p.ids for p in parts if p.column not in NAME_INDEX_COLUMNS]
    else:
        covered, others = [], [p.ids for p in parts]
    if others:
        covered.append(f"+c.id IN ({' UNION ALL '.join(others)})")
    return "WHERE (" + " OR ".join(covered) + ") "


def search_parts(search: str) -> tuple[list[SearchPart], dict[str, Any]]:
    """The parts whose ids together are the customers a search text finds, and their parameters.

    Every text is compared in the one search form (``domain.search_fold``: case, accents and
    æ/ø/å folded, so "bjorn" finds "BJØRN" and "bjørn" does too), on the stored folded columns.
    Digits (with spaces/dots): org number prefix, and (3+ characters) names containing them.
    Words of 3+ characters: the FTS5 trigram index (substring anywhere in name, org number or
    municipality; every word must match; a 1-2 character word beside them must start a word of
    the name or municipality). Shorter text: a prefix of the name or municipality (indexed folded
    columns). Contact names always count: every word a prefix of a word of the name of a person
    with a role at the customer (the people's own look-up keys, folded alike).
    """
    raw = " ".join((search or "").split())
    params: dict[str, Any] = {}
    parts: list[SearchPart] = []
    if not raw:
        return parts, params
    digits = org_number_digits(raw)
    if digits:
        params["d0"], params["d1"] = digits, digits + ":"
        parts.append(_range("org_number", "d0", "d1"))
        if len(raw) >= 3:  # names with digits ("24SEVEN 3 AS") are found too
            params["fn"] = "search_name : " + _fts_phrase(search_fold(raw))
            parts.append(_set("SELECT rowid FROM customer_search WHERE customer_search MATCH :fn"))
        return parts, params
    words = search_words(raw)
    if not words:
        return parts, params
    long_words = [w for w in words if len(w) >= 3]
    if long_words:
        parts.append(_set(_words_sql(words, long_words, params)))
    else:
        key = " ".join(words)
        params["p0"], params["p1"] = key, prefix_upper_bound(key)
        parts.append(_range("search_name", "p0", "p1"))
        parts.append(_range("search_municipality", "p0", "p1"))
    tokens = name_tokens(raw)[:6]
    if tokens:
        selects = []
        for i, token in enumerate(tokens):
            params[f"k{i}"], params[f"u{i}"] = token, prefix_upper_bound(token)
            selects.append(
                "SELECT person_id FROM person_search_key WHERE kind = 'name' "
                f"AND value >= :k{i} AND value < :u{i}"
            )
        parts.append(
            _set(
                "SELECT customer_id FROM person_role WHERE person_id IN ("
                + " INTERSECT ".join(selects)
                + ")"
            )
        )
    return parts, params


def _words_sql(words: Sequence[str], long_words: Sequence[str], params: dict[str, Any]) -> str:
    """Ids of customers whose folded text holds every long word, and whose name or municipality
    has a word starting with each short one; fills ``params``."""
    params["fts"] = " AND ".join(_fts_phrase(w) for w in long_words)
    fts = "SELECT rowid FROM customer_search WHERE customer_search MATCH :fts"
    conditions = []
    for i, word in enumerate(w for w in words if len(w) < 3):
        key = _like_escape(word)
        params[f"s{i}"], params[f"t{i}"] = f"{key}%", f"% {key}%"
        conditions.append(
            f"(search_name LIKE :s{i} ESCAPE '\\' OR search_name LIKE :t{i} ESCAPE '\\'"
            f" OR search_municipality LIKE :s{i} ESCAPE '\\'"
            f" OR search_municipality LIKE :t{i} ESCAPE '\\')"
        )
    if conditions:
        fts = f"SELECT id FROM customer WHERE id IN ({fts}) AND " + " AND ".join(conditions)
    return fts


# -- the same search on PostgreSQL ----------------------------------------------------------------
#
# PostgreSQL plans well by itself: the search is one condition on the customer row, served by
# trigram indexes (pg_trgm) over the folded columns (``search_name``/``search_municipality``, filled
# by ``domain.search_fold`` like SQLite's FTS5 index) and the org number, and by the btree indexes
# for prefixes; a page is then cut in the wanted order with LIMIT/OFFSET. The words are folded by
# the same function as on SQLite, so both engines find the same customers (one rule).


def _pg_word_condition(i: int, word: str, params: dict[str, Any]) -> str:
    """A folded word of 3+ characters: anywhere in the name, the municipality or the org
    number."""
    params[f"w{i}"] = f"%{_like_escape(word)}%"
    return (
        f"(c.search_name LIKE :w{i} ESCAPE '\\' OR c.search_municipality LIKE :w{i} ESCAPE '\\'"
        f" OR c.org_number LIKE :w{i} ESCAPE '\\')"
    )


def _pg_short_word_condition(i: int, word: str, params: dict[str, Any]) -> str | None:
    """A folded word of 1-2 characters beside longer ones: it must start a word of the name or
    municipality."""
    key = _like_escape(word)
    if not key:
        return None
    params[f"s{i}"], params[f"t{i}"] = f"{key}%", f"% {key}%"
    return (
        f"(c.search_name LIKE :s{i} ESCAPE '\\' OR c.search_name LIKE :t{i} ESCAPE '\\'"
        f" OR c.search_municipality LIKE :s{i} ESCAPE '\\'"
        f" OR c.search_municipality LIKE :t{i} ESCAPE '\\')"
    )


def _pg_contact_condition(s: Session, raw: str) -> str | None:
    """Customers with a person whose name words start with the search's words.

    The ids are read first and written into the statement as a constant list: PostgreSQL then
    knows how many there are (it walks the sort index when they are many, reads the few rows by
    index when they are few) and tests a row against them by hash.
    """
    tokens = name_tokens(raw)[:6]
    if not tokens:
        return None
    params: dict[str, Any] = {}
    selects = []
    for i, token in enumerate(tokens):
        params[f"k{i}"], params[f"u{i}"] = token, prefix_upper_bound(token)
        selects.append(
            "SELECT person_id FROM person_search_key WHERE kind = 'name' "
            f"AND value >= :k{i} AND value < :u{i}"
        )
    sql = (
        "SELECT DISTINCT customer_id FROM person_role WHERE person_id IN ("
        + " INTERSECT ".join(selects)
        + ")"
    )
    ids = [int(r[0]) for r in s.execute(text(sql), params)]
    return f"c.id IN ({', '.join(map(str, ids))})" if ids else None


def pg_search_condition(s: Session, search: str) -> tuple[str, dict[str, Any]]:
    """The search of :func:`search_parts` as one condition on a customer row ``c`` (PostgreSQL),
    and its parameters; ``("", {})`` for an empty text (every customer)."""
    raw = " ".join((search or "").split())
    params: dict[str, Any] = {}
    if not raw:
        return "", params
    conditions: list[str] = []
    digits = org_number_digits(raw)
    if digits:
        params["d0"], params["d1"] = digits, digits + ":"
        conditions.append("(c.org_number >= :d0 AND c.org_number < :d1)")
        if len(raw) >= 3:
            params["fn"] = f"%{_like_escape(search_fold(raw))}%"
            conditions.append("c.search_name LIKE :fn ESCAPE '\\'")
        return "(" + " OR ".join(conditions) + ")", params
    words = search_words(raw)
    if not words:
        return "", params
    if any(len(w) >= 3 for w in words):
        each = [_pg_word_condition(i, w, params) for i, w in enumerate(words) if len(w) >= 3]
        short = [_pg_short_word_condition(i, w, params) for i, w in enumerate(words) if len(w) < 3]
        conditions.append("(" + " AND ".join(each + [c for c in short if c]) + ")")
    else:
        key = " ".join(words)
        params["p0"], params["p1"] = key, prefix_upper_bound(key)
        conditions.append("(c.search_name >= :p0 AND c.search_name < :p1)")
        conditions.append("(c.search_municipality >= :p0 AND c.search_municipality < :p1)")
    contacts = _pg_contact_condition(s, raw)
    if contacts:
        conditions.append(contacts)
    return "(" + " OR ".join(conditions) + ")", params


_PG_ORDER = {
    **_ORDER,
    "main_contact": "(p.id IS NULL) ASC, lower(p.last_name) {d}, "
    "lower(p.first_name) {d}, c.sort_name {d}, c.id {d}",
}


# The page's rows with their main contact looked up per row (a lateral index look-up: 200 of them
# cost less than hashing every role of every customer, which the planner would otherwise choose).
_PG_DETAILS_SQL = (
    "SELECT c.id, c.org_number, c.name, c.municipality, c.status, COALESCE(mc.name, ''), "
    f"{AGREEMENT_STATE_SQL} FROM customer c "
    "LEFT JOIN LATERAL (SELECT "
    + _MAIN_CONTACT_SQL
    + " AS name FROM person_role r LEFT JOIN person p ON p.id = r.person_id "
    "AND p.erased_at IS NULL WHERE r.customer_id = c.id AND r.role = 'main_contact' LIMIT 1) mc "
    "ON true WHERE c.id IN ({ids})"
)


def _pg_customer_page(
    s: Session, search: str, sort: str, descending: bool, params: dict[str, Any]
) -> list[ListRow]:
    condition, found = pg_search_condition(s, search)
    params.update(found)
    direction = "DESC" if descending else "ASC"
    if sort == "agreement_state":
        order, join = _order_by(sort, descending)
    else:
        key = sort if sort in _PG_ORDER else "name"
        order, join = _PG_ORDER[key].format(d=direction), key in _NEEDS_JOIN
    page = [
        int(r[0])
        for r in s.execute(
            text(
                "SELECT c.id FROM customer c "
                + (_MAIN_CONTACT_JOIN if join else "")
                + (f"WHERE {condition} " if condition else "")
                + f"ORDER BY {order} LIMIT :limit OFFSET :offset"
            ),
            params,
        )
    ]
    if not page:
        return []
    details = {
        r[0]: r
        for r in s.execute(text(_PG_DETAILS_SQL.format(ids=", ".join(str(i) for i in page))))
    }
    rows = (details[i] for i in page if i in details)
    return [(r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6] or "") for r in rows]


# -- registry sync state and bulk reads (refresh by the update feeds) -----------------------------

SYNC_STATE_KEY = "registry_sync"
"""The ``app_setting`` row holding where the update feeds were last read and the work left."""


def sync_state(s: Session) -> dict[str, Any]:
    """The stored registry sync state (``{}`` before the first refresh)."""
    row = s.get(AppSetting, SYNC_STATE_KEY)
    return dict(row.value) if row is not None and isinstance(row.value, dict) else {}


def save_sync_state(s: Session, state: dict[str, Any]) -> None:
    row = s.get(AppSetting, SYNC_STATE_KEY)
    if row is None:
        s.add(AppSetting(key=SYNC_STATE_KEY, value=state))
    else:
        row.value = state


def all_org_numbers(s: Session) -> set[str]:
    """Every customer's org number (a set, for matching the update feeds)."""
    cursor = s.connection().connection.cursor()
    try:
        cursor.execute("SELECT org_number FROM customer")
        return {str(r[0]) for r in cursor.fetchall()}
    finally:
        cursor.close()


def org_numbers_with_status(s: Session, status: str) -> list[str]:
    """Org numbers of the customers with this status (e.g. ``unverified``)."""
    return list(s.execute(select(Customer.org_number).where(Customer.status == status)).scalars())


def customers_by_org_number(s: Session, numbers: Sequence[str]) -> dict[str, Customer]:
    """The customers with these org numbers (absent ones left out), loaded in a few queries."""
    found: dict[str, Customer] = {}
    wanted = list(dict.fromkeys(numbers))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for c in s.execute(select(Customer).where(Customer.org_number.in_(chunk))).scalars():
            found[c.org_number] = c
    return found


def stored_role_keys(s: Session, numbers: Sequence[str]) -> dict[str, list[str]]:
    """Per org number, the stored active roles as sorted "code: name" keys (see ``role_keys``)."""
    out: dict[str, list[str]] = {}
    wanted = list(dict.fromkeys(numbers))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = s.execute(
            select(Customer.org_number, Customer.registry_roles).where(
                Customer.org_number.in_(chunk)
            )
        )
        for number, roles in rows:
            out[str(number)] = sorted(
                f"{r.get('role_code', '')}: {r.get('name', '')}"
                for r in roles or []
                if isinstance(r, dict) and not r.get("deceased") and not r.get("deregistered")
            )
    return out
