"""Team mode use cases: ``server init`` (schema, groups, grants, the first owner), ``user add``,
and the facts ``info`` shows about the open store (engine, user, role)."""

from __future__ import annotations

from dataclasses import dataclass

from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.store.engine import Store
from contractdesk.store.server_roles import ROLE_NAMES, valid_role_name
from contractdesk.store.server_roles import add_user as add_user_row
from contractdesk.store.server_roles import set_up as set_up_roles

TEAM_ROLES = ("owner", "staff", "read-only")
"""The roles a user can have, as the command line and the window name them."""


@dataclass(frozen=True)
class ServerSetUp:
    """What ``server init`` did: the schema before and after, the owner and whether it was new."""

    location: str
    revision_before: str | None
    revision: str
    owner: str
    owner_created: bool


@dataclass(frozen=True)
class StoreFacts:
    """Where the data is and who uses it: ``engine`` is ``sqlite`` or ``postgresql``."""

    engine: str
    location: str
    user: str | None
    role: str | None
    revision: str | None


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not valid_role_name(name):
        raise UserError(
            fill(
                translate(
                    "TeamService",
                    "%1 is not a valid user name: use lower-case letters, digits and _ . @ - "
                    "(at most 63).",
                ),
                name,
            ),
            field="name",
        )
    return name


def _check_password(password: str | None, *, required: bool) -> str | None:
    if password is not None and len(password) < 12:
        raise UserError(
            translate("TeamService", "The password must have at least 12 characters."),
            field="password",
        )
    if required and not password:
        raise UserError(
            translate(
                "TeamService",
                "A new user needs a password: give it on standard input (--password-stdin) "
                "or when asked.",
            ),
            field="password",
        )
    return password


def set_up_server(url: str, owner: str, password: str | None) -> ServerSetUp:
    """Migrate the server database to the current schema, create the three groups with their
    grants and row-level security, and make ``owner`` an owner (created with ``password`` when
    the login does not exist yet). Safe to run again (after an upgrade, too)."""
    owner = _check_name(owner)
    _check_password(password, required=False)
    result = set_up_roles(url, owner, password)
    return ServerSetUp(result.location, result.before, result.after, owner, result.created)


def add_user(store: Store, name: str, role: str, password: str | None) -> None:
    """Create a login in the group of ``role``; the database lets only owners do it."""
    if store.engine_name != "postgresql":
        raise UserError(
            translate(
                "TeamService",
                "Users exist only in team mode: connect to the server with --server URL "
                "or CONTRACTDESK_DATABASE_URL.",
            )
        )
    name = _check_name(name)
    if role not in ROLE_NAMES:
        raise UserError(
            fill(translate("TeamService", "The role must be one of %1."), ", ".join(TEAM_ROLES)),
            field="role",
        )
    checked = _check_password(password, required=True)
    assert checked is not None
    with store.session() as s:
        add_user_row(s.connection(), name, checked, role)


def store_facts(store: Store) -> StoreFacts:
    """Engine, location (a server's password masked), login and team role of an open store."""
    role = store.team_role()
    return StoreFacts(
        store.engine_name,
        store.location,
        store.database_user(),
        {"readonly": "read-only"}.get(role, role) if role else None,
        store.revision(),
    )
