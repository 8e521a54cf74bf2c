"""SQL that means the same on SQLite (the local store) and PostgreSQL (team mode).

Each construct compiles to exactly the SQL the queries used before on SQLite, and to its
PostgreSQL equivalent with the same results (month arithmetic included: SQLite carries a day
past a month's end into the next month, ``2024-01-31 +1 month`` = ``2024-03-02``, and so does
the PostgreSQL form).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.visitors import InternalTraversal


def _args(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(c, **kw) for c in element.clauses.clauses]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class as_text(FunctionElement[str]):
    """A column read as text: the stored text on SQLite (no per-value conversion), a cast on
    PostgreSQL (dates ``YYYY-MM-DD`` with the default ``DateStyle``)."""

    type = String()
    inherit_cache = True
    name = "as_text"


@compiles(as_text)
def _as_text(element: as_text, compiler: SQLCompiler, **kw: Any) -> str:
    return _args(element, compiler, **kw)[0]


@compiles(as_text, "postgresql")
def _as_text_pg(element: as_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({_args(element, compiler, **kw)[0]} AS TEXT)"


class group_concat(FunctionElement[str]):
    """``group_concat(value, separator)``; ``string_agg`` on PostgreSQL."""

    type = String()
    inherit_cache = True
    name = "group_concat"


@compiles(group_concat)
def _group_concat(element: group_concat, compiler: SQLCompiler, **kw: Any) -> str:
    return f"group_concat({', '.join(_args(element, compiler, **kw))})"


@compiles(group_concat, "postgresql")
def _group_concat_pg(element: group_concat, compiler: SQLCompiler, **kw: Any) -> str:
    value, separator = _args(element, compiler, **kw)
    return f"string_agg(CAST({value} AS TEXT), CAST({separator} AS TEXT))"


class add_months(FunctionElement[Any]):
    """``date(d, '+n month')``: the date ``n`` months (may be negative) after ``d``, a day past the
    target month's end carried into the next month (SQLite's rule)."""

    inherit_cache = True
    name = "add_months"
    _traverse_internals = [  # noqa: RUF012  (SQLAlchemy reads this class attribute as a list)
        *FunctionElement._traverse_internals,
        ("months", InternalTraversal.dp_plain_obj),  # part of the cache key
    ]

    def __init__(self, value: Any, months: int) -> None:
        super().__init__(value)
        self.months = int(months)


@compiles(add_months)
def _add_months(element: add_months, compiler: SQLCompiler, **kw: Any) -> str:
    (value,) = _args(element, compiler, **kw)
    return f"date({value}, {_literal(f'{element.months:+d} month')})"


@compiles(add_months, "postgresql")
def _add_months_pg(element: add_months, compiler: SQLCompiler, **kw: Any) -> str:
    (value,) = _args(element, compiler, **kw)
    return (
        f"(CAST(date_trunc('month', {value}) + INTERVAL '{element.months} month' AS DATE) "
        f"+ (CAST(EXTRACT(DAY FROM {value}) AS INTEGER) - 1))"
    )


class binding_end(FunctionElement[Any]):
    """The day before the first anniversary of ``start + trial_days`` (29 February + 1 year is
    1 March, as SQLite and the domain rule have it)."""

    inherit_cache = True
    name = "binding_end"


@compiles(binding_end)
def _binding_end(element: binding_end, compiler: SQLCompiler, **kw: Any) -> str:
    start, days = _args(element, compiler, **kw)
    return f"date({start}, '+' || CAST({days} AS VARCHAR) || ' days', '+1 year', '-1 day')"


@compiles(binding_end, "postgresql")
def _binding_end_pg(element: binding_end, compiler: SQLCompiler, **kw: Any) -> str:
    start, days = _args(element, compiler, **kw)
    begin = f"({start} + {days})"
    leap_day = f"(EXTRACT(MONTH FROM {begin}) = 2 AND EXTRACT(DAY FROM {begin}) = 29)"
    return (
        f"(CAST({begin} + INTERVAL '1 year' AS DATE) + CASE WHEN {leap_day} THEN 1 ELSE 0 END - 1)"
    )


class json_array_len(FunctionElement[int]):
    """The length of a JSON array (at ``key`` when given); NULL when it is no array (PostgreSQL
    would raise) or absent."""

    type = Integer()
    inherit_cache = True
    name = "json_array_len"
    _traverse_internals = [  # noqa: RUF012  (SQLAlchemy reads this class attribute as a list)
        *FunctionElement._traverse_internals,
        ("key", InternalTraversal.dp_plain_obj),  # part of the cache key
    ]

    def __init__(self, value: Any, key: str | None = None) -> None:
        super().__init__(value)
        self.key = key


@compiles(json_array_len)
def _json_array_len(element: json_array_len, compiler: SQLCompiler, **kw: Any) -> str:
    (value,) = _args(element, compiler, **kw)
    if element.key is None:
        return f"json_array_length({value})"
    return f"json_array_length({value}, {_literal('$.' + str(element.key))})"


@compiles(json_array_len, "postgresql")
def _json_array_len_pg(element: json_array_len, compiler: SQLCompiler, **kw: Any) -> str:
    (value,) = _args(element, compiler, **kw)
    doc = f"CAST({value} AS JSON)"
    if element.key is not None:
        doc = f"({doc} -> {_literal(str(element.key))})"
    return f"(CASE WHEN json_typeof({doc}) = 'array' THEN json_array_length({doc}) END)"


class json_kind(FunctionElement[str]):
    """The JSON type of a value: ``null``, ``object``, ``array``… (NULL for SQL NULL)."""

    type = String()
    inherit_cache = True
    name = "json_kind"


@compiles(json_kind)
def _json_kind(element: json_kind, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_type({_args(element, compiler, **kw)[0]})"


@compiles(json_kind, "postgresql")
def _json_kind_pg(element: json_kind, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_typeof(CAST({_args(element, compiler, **kw)[0]} AS JSON))"


class json_number(FunctionElement[Any]):
    """The number at ``key`` of a JSON object held as text (NULL when absent or not a number)."""

    inherit_cache = True
    name = "json_number"
    _traverse_internals = [  # noqa: RUF012  (SQLAlchemy reads this class attribute as a list)
        *FunctionElement._traverse_internals,
        ("key", InternalTraversal.dp_plain_obj),  # part of the cache key
    ]

    def __init__(self, value: Any, key: str) -> None:
        super().__init__(value)
        self.key = key


@compiles(json_number)
def _json_number(element: json_number, compiler: SQLCompiler, **kw: Any) -> str:
    (value,) = _args(element, compiler, **kw)
    return f"json_extract({value}, {_literal('$.' + str(element.key))})"


@compiles(json_number, "postgresql")
def _json_number_pg(element: json_number, compiler: SQLCompiler, **kw: Any) -> str:
    (value,) = _args(element, compiler, **kw)
    field = f"(CAST({value} AS JSON) -> {_literal(str(element.key))})"
    return (
        f"(CASE WHEN json_typeof({field}) = 'number' "
        f"THEN CAST(CAST({value} AS JSON) ->> {_literal(str(element.key))} AS NUMERIC) END)"
    )


def driver_sql(dialect_name: str, sql: str) -> str:
    """A statement written with SQLite's ``?`` placeholders, for the engine's driver (psycopg
    takes ``%s``; a literal ``%`` doubles). The statements given hold no ``?`` in literals."""
    if dialect_name != "postgresql":
        return sql
    return sql.replace("%", "%%").replace("?", "%s")
