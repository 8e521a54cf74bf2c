"""`contractdesk --demo` gives a newcomer something on every page: customers, people, invoices, agreements."""

from __future__ import annotations

from datetime import date

from contractdesk.paths import StorePaths
from contractdesk.services.context import Services
from contractdesk.services.demo import populate_demo
from contractdesk.store.audit import verify
from contractdesk.store.profile import demo_profile


def test_the_demo_fills_every_area(tmp_path) -> None:  # type: ignore[no-untyped-def]
    services = Services(demo_profile(tmp_path / "demo"), StorePaths(tmp_path / "demo"))
    try:
        populate_demo(services)
        orgs = [row.org_number for row in services.customers.list_customers(_query())]
        assert len(orgs) >= 4
        assert all(services.people.main_contact(org) is not None for org in orgs)
        today = date.today()
        coming = services.billing.plan(None, today, date(today.year + 1, today.month, 28))
        assert coming and all(inv.total > 0 for inv in coming if inv.kind.value == "invoice")
        states = sorted(a.state for a in services.agreements.agreements())
        assert {"active", "sent", "draft"} <= set(states)
        assert len(services.agreements.acceptances()) >= 2
        with services.store.read_session() as s:
            assert verify(s).ok
    finally:
        services.close()


def _query():  # type: ignore[no-untyped-def]
    from contractdesk.services.customers import CustomerQuery

    return CustomerQuery()
