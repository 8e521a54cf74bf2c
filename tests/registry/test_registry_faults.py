"""Bad answers and bad networks (RELIABILITY.md, registry row): each a named error, no crash."""

from __future__ import annotations

import threading
import time

import pytest
from brreg_server import ReplayServer
from registry_testkit import closed_port, fast_client

from contractdesk.domain import orgnr
from contractdesk.registry import (
    Cancelled,
    InvalidOrgNumber,
    Malformed,
    NotJson,
    RateLimited,
    Redirected,
    RegistryError,
    Removed,
    ServerError,
    Timeout,
    TooLarge,
    UnexpectedResponse,
    Unreachable,
)

ENTITY = "/enhetsregisteret/api/enheter/"


@pytest.mark.parametrize(
    "text",
    ["971049668", "000000000", "97104966X", "12345678", "9710496690", "", "abc", "123456789"],
)
def test_invalid_number_is_refused_before_any_request(
    brreg_replay: ReplayServer, text: str
) -> None:
    with fast_client(brreg_replay.url) as registry:
        for call in (
            registry.get_entity,
            registry.get_roles,
            registry.lookup,
            registry.get_signing_rules,
        ):
            with pytest.raises(InvalidOrgNumber) as caught:
                call(text)
            assert isinstance(caught.value, orgnr.InvalidOrgNumber)  # one exception for both layers
            assert not caught.value.manual_entry_possible
        with pytest.raises(InvalidOrgNumber):
            registry.get_entities(["971049669", text])
    assert brreg_replay.requests == []


def test_connection_refused_is_unreachable_and_suggests_manual_entry() -> None:
    with fast_client(f"http://127.0.0.1:{closed_port()}") as registry:
        started = time.monotonic()
        with pytest.raises(Unreachable) as caught:
            registry.lookup("971049669")
    assert time.monotonic() - started < 1.0  # no retries on an offline machine
    assert "by hand" in str(caught.value)
    assert caught.value.manual_entry_possible


def test_slow_answer_times_out_within_the_total_limit(brreg_replay: ReplayServer) -> None:
    with fast_client(brreg_replay.url, total_timeout=0.4) as registry:
        started = time.monotonic()
        with pytest.raises(Timeout) as caught:
            registry.get_entity("991000089")
        elapsed = time.monotonic() - started
    assert 0.3 < elapsed < 1.5
    assert "in time" in str(caught.value)


def test_dripping_body_is_cut_off_by_the_total_limit(brreg_replay: ReplayServer) -> None:
    with fast_client(brreg_replay.url, total_timeout=0.5) as registry:
        started = time.monotonic()
        with pytest.raises(Timeout):
            registry.get_entity("991000097")
    assert time.monotonic() - started < 1.5  # each byte arrives well within any read timeout


def test_not_found_and_removed_have_user_messages(brreg_replay: ReplayServer) -> None:
    with fast_client(brreg_replay.url) as registry, pytest.raises(Removed) as gone:
        registry.get_entity("991000240")  # 410 without a body
    assert str(gone.value) == "This organisation has been removed from the registry's open data."
    assert gone.value.deletion_date is None


def test_retry_after_429_then_success(brreg_replay: ReplayServer) -> None:
    with fast_client(brreg_replay.url) as registry:
        entity = registry.get_entity("991000100")
    assert entity.org_number == "991000100"
    assert brreg_replay.request_count(ENTITY + "991000100") == 2


def test_retry_after_5xx_then_success(brreg_replay: ReplayServer) -> None:
    with fast_client(brreg_replay.url) as registry:
        assert registry.get_entity("991000119").name == "WEBMASTER HEIMEN"
    assert brreg_replay.request_count(ENTITY + "991000119") == 3


def test_dropped_connection_is_retried(brreg_replay: ReplayServer) -> None:
    with fast_client(brreg_replay.url) as registry:
        assert registry.get_entity("991000208").org_number == "991000208"
    assert brreg_replay.request_count(ENTITY + "991000208") == 2


def test_5xx_exhausts_the_bounded_retries(brreg_replay: ReplayServer) -> None:
    with (
        fast_client(brreg_replay.url, max_retries=3) as registry,
        pytest.raises(ServerError) as caught,
    ):
        registry.get_entity("991000127")
    assert caught.value.status == 503
    assert brreg_replay.request_count(ENTITY + "991000127") == 4


def test_429_exhausts_the_bounded_retries(brreg_replay: ReplayServer) -> None:
    with fast_client(brreg_replay.url) as registry, pytest.raises(RateLimited) as caught:
        registry.get_entity("991000135")
    assert "busy" in str(caught.value)
    assert brreg_replay.request_count(ENTITY + "991000135") == 3


def test_retry_after_beyond_the_cap_fails_at_once(brreg_replay: ReplayServer) -> None:
    with fast_client(brreg_replay.url, max_retry_after=2.0) as registry:
        started = time.monotonic()
        with pytest.raises(RateLimited) as caught:
            registry.get_entity("991000143")
    assert time.monotonic() - started < 1.0
    assert caught.value.retry_after == 3600
    assert brreg_replay.request_count() == 1


def test_retry_after_is_honoured(brreg_replay: ReplayServer) -> None:
    brreg_replay.add_route(
        {
            "path": ENTITY + "971049669",
            "sequence": [
                {"status": 429, "headers": {"Retry-After": "1"}},
                {"status": 200, "content_type": "application/json", "file": "971049669.enhet.json"},
            ],
        }
    )
    with fast_client(brreg_replay.url, max_retry_after=2.0) as registry:
        started = time.monotonic()
        registry.get_entity("971049669")
    assert time.monotonic() - started >= 0.95  # not the 10 ms backoff


def test_retries_stop_when_the_total_limit_would_be_passed(brreg_replay: ReplayServer) -> None:
    with fast_client(
        brreg_replay.url, total_timeout=0.5, backoff_initial=2.0, backoff_max=2.0
    ) as registry:
        started = time.monotonic()
        with pytest.raises(ServerError):
            registry.get_entity("991000127")
    assert time.monotonic() - started < 0.5
    assert brreg_replay.request_count() == 1


@pytest.mark.parametrize("number", ["991000011", "991000038", "991000186"])
def test_html_or_wrong_content_type_at_200_is_not_json(
    brreg_replay: ReplayServer, number: str
) -> None:
    with fast_client(brreg_replay.url) as registry, pytest.raises(NotJson) as caught:
        registry.get_entity(number)
    assert str(caught.value) == "The registry sent an unexpected answer (not registry data)."
    assert brreg_replay.request_count() == 1  # a wrong answer is not retried


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("991000046", "invalid JSON"),
        ("991000054", "organisasjonsnummer"),
        ("991000232", "expected a JSON object"),
        ("991000216", "empty body"),
        ("991000194", "answered about 971049669"),
    ],
)
def test_malformed_answers(brreg_replay: ReplayServer, number: str, reason: str) -> None:
    with fast_client(brreg_replay.url) as registry, pytest.raises(Malformed) as caught:
        registry.get_entity(number)
    assert reason in caught.value.detail
    assert "damaged" in str(caught.value)


@pytest.mark.parametrize("number", ["991000062", "991000070"])  # with and without Content-Length
def test_huge_body_is_stopped_at_the_cap(brreg_replay: ReplayServer, number: str) -> None:
    with fast_client(brreg_replay.url, max_body_bytes=256 * 1024) as registry:
        started = time.monotonic()
        with pytest.raises(TooLarge):
            registry.get_entity(number)
    assert time.monotonic() - started < 2.0  # 64 MiB were on offer; at most the cap was read


def test_redirect_off_host_is_refused(brreg_replay: ReplayServer) -> None:
    with fast_client(brreg_replay.url) as registry, pytest.raises(Redirected) as caught:
        registry.get_entity("991000151")
    assert "registry.example.invalid" in caught.value.detail


def test_redirect_to_another_local_server_is_never_followed(brreg_replay: ReplayServer) -> None:
    with ReplayServer() as elsewhere:
        brreg_replay.add_route(
            {
                "path": ENTITY + "971049669",
                "status": 307,
                "headers": {"Location": elsewhere.url + ENTITY + "971049669"},
            }
        )
        with fast_client(brreg_replay.url) as registry, pytest.raises(Redirected):
            registry.get_entity("971049669")
        assert elsewhere.requests == []


def test_redirect_on_the_same_host_is_followed(brreg_replay: ReplayServer) -> None:
    with fast_client(brreg_replay.url) as registry:
        assert registry.get_entity("991000178").org_number == "991000178"
    assert [r.query for r in brreg_replay.requests] == [{}, {"flyttet": "1"}]


def test_redirect_loop_is_bounded(brreg_replay: ReplayServer) -> None:
    brreg_replay.add_route(
        {
            "path": ENTITY + "971049669",
            "status": 302,
            "headers": {"Location": "{base}" + ENTITY + "971049669"},
        }
    )
    with fast_client(brreg_replay.url, max_redirects=2) as registry, pytest.raises(Redirected):
        registry.get_entity("971049669")
    assert brreg_replay.request_count() == 3


def test_unexpected_status(brreg_replay: ReplayServer) -> None:
    with fast_client(brreg_replay.url) as registry, pytest.raises(UnexpectedResponse) as caught:
        registry.get_entity("991000224")
    assert caught.value.status == 403


def test_cancel_before_start_makes_no_request(brreg_replay: ReplayServer) -> None:
    stop = threading.Event()
    stop.set()
    with fast_client(brreg_replay.url) as registry:
        with pytest.raises(Cancelled):
            registry.lookup("971049669", cancel=stop)
        with pytest.raises(Cancelled):
            registry.search("heimen", cancel=lambda: True)
    assert brreg_replay.requests == []


def test_cancel_while_waiting_to_retry(brreg_replay: ReplayServer) -> None:
    stop = threading.Event()
    with fast_client(
        brreg_replay.url, backoff_initial=5.0, backoff_max=5.0, total_timeout=10.0
    ) as registry:
        threading.Timer(0.2, stop.set).start()
        started = time.monotonic()
        with pytest.raises(Cancelled):
            registry.get_entity("991000127", cancel=stop)
    assert time.monotonic() - started < 1.5
    assert brreg_replay.request_count() == 1


def test_cancel_while_the_body_arrives(brreg_replay: ReplayServer) -> None:
    flag = {"cancel": False}
    threading.Timer(0.2, lambda: flag.update(cancel=True)).start()
    with fast_client(brreg_replay.url, total_timeout=5.0) as registry:
        started = time.monotonic()
        with pytest.raises(Cancelled):
            registry.get_entity("991000097", cancel=lambda: flag["cancel"])
    assert time.monotonic() - started < 1.5


def test_every_error_has_a_short_user_message() -> None:
    for error_type in RegistryError.__subclasses__():
        message = str(error_type())
        assert message and len(message) < 120 and message[0].isupper(), error_type
