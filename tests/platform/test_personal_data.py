"""Personal data: ID numbers and phones are masked everywhere but the case page after an audited reveal, are never
written to a log, and the ID number is stored encrypted and found by a keyed hash."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ogi.platform import identity
from ogi.platform.audit.models import AuditEntry
from ogi.platform.casework.models import Case, Event
from ogi.platform.casework.views import LISTS

from .casebook import (
    RELATIONS,
    action_form,
    case_ready_for,
    intake_form,
    make_casebook,
    phone,
    register_csv,
    resident_id,
)
from .conftest import World

MASKED_ID = re.compile(r"^\d{4}\*{10}\d{3}[\dX]$")
HX = {"HTTP_HX_REQUEST": "true"}


def _whole_numbers(case: Case) -> tuple[str, str]:
    return case.id_number(), case.phone


@pytest.mark.parametrize("role", ["county_officer", "county_head", "county_supervisor", "admin"])
def test_work_lists_show_ids_masked_and_never_a_whole_id_or_phone(world: World, role: str) -> None:
    book = make_casebook(world)
    client = world.client(role)
    for which in LISTS:
        for headers in ({}, HX):
            page = client.get(reverse("casework:list"), {"list": which}, **headers).content.decode()
            for case in book.values():
                id_number, phone_number = _whole_numbers(case)
                assert id_number not in page and phone_number not in page, (which, case.number)
                if case.number in page:
                    assert MASKED_ID.match(case.id_masked) and case.id_masked in page
    everything = client.get(reverse("casework:list"), {"list": "all"}).content.decode()
    assert sum(case.number in everything for case in book.values()) >= len(book) // len(RELATIONS)


def test_a_search_by_id_number_shows_the_match_masked(world: World) -> None:
    book = make_casebook(world)
    case = book[("own", "fresh")]
    client = world.client("county_officer")
    rows = client.get(reverse("casework:list"), {"list": "all", "q": case.id_number()}, **HX).content.decode()
    assert case.number in rows and case.id_masked in rows
    assert case.id_number() not in rows and case.phone not in rows


def test_the_case_page_shows_whole_numbers_only_after_the_reveal_and_records_each_reveal(world: World) -> None:
    case = case_ready_for(world, "own", "withdraw")
    id_number, phone_number = _whole_numbers(case)
    client = world.client("county_officer")
    url = reverse("casework:case", args=[case.pk])

    page = client.get(url).content.decode()
    assert case.id_masked in page and identity.mask_phone(phone_number) in page
    assert id_number not in page and phone_number not in page
    assert reverse("casework:reveal_id", args=[case.pk]) in page  # the button that reveals them

    for seen in (1, 2):
        revealed = client.post(reverse("casework:reveal_id", args=[case.pk])).content.decode()
        assert id_number in revealed and phone_number in revealed
        views = AuditEntry.objects.filter(action="case.view_id_number", target=case.number)
        assert views.count() == seen
        entry = views.first()
        assert entry.actor == world.users["county_officer"] and entry.actor_name == "county_officer"
        assert entry.agency == case.agency

    page = client.get(url).content.decode()  # a reveal shows the numbers once: the page is masked again
    assert id_number not in page and phone_number not in page


@pytest.mark.parametrize(("role", "relation"), [("county_supervisor", "own"), ("county_supervisor", "subordinate")])
def test_readers_who_do_not_handle_the_case_see_masked_numbers_and_no_reveal(
    world: World, role: str, relation: str
) -> None:
    case = case_ready_for(world, relation, "withdraw")
    id_number, phone_number = _whole_numbers(case)
    client = world.client(role)
    page = client.get(reverse("casework:case", args=[case.pk])).content.decode()
    assert case.id_masked in page and identity.mask_phone(phone_number) in page
    assert id_number not in page and phone_number not in page
    assert reverse("casework:reveal_id", args=[case.pk]) not in page
    assert client.post(reverse("casework:reveal_id", args=[case.pk])).status_code == 403
    assert not AuditEntry.objects.filter(action="case.view_id_number").exists()


def test_the_admin_sees_every_case_masked(world: World) -> None:
    book = make_casebook(world)
    client = world.client("admin")
    for case in book.values():
        page = client.get(reverse("casework:case", args=[case.pk])).content.decode()
        assert case.id_masked in page
        assert case.id_number() not in page and case.phone not in page


# ------------------------------------------------------------------------------------------------ logs


@pytest.fixture
def every_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Capture every record at DEBUG, including loggers that do not pass records on to the root (django.request)."""
    caplog.set_level(logging.DEBUG)
    quiet = [
        logging.getLogger(name)
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger) and not logger.propagate
    ]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.addHandler(caplog.handler)
        logger.setLevel(logging.DEBUG)
    yield caplog
    for logger, level in zip(quiet, levels, strict=True):
        logger.removeHandler(caplog.handler)
        logger.setLevel(level)


def _logged_text(caplog: pytest.LogCaptureFixture) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(record) + repr(record.args) for record in caplog.records)


def test_nothing_logged_contains_an_id_number_or_a_phone(world: World, every_log: Any, monkeypatch: Any) -> None:
    secrets = [resident_id(n) for n in (901, 902, 903, 904)] + [phone(n) for n in (901, 902, 903, 904)]
    # SQL statements carry the phone in their parameters: they must stay out of the log even in debug mode, where
    # Django logs every statement (CaptureQueriesContext turns that on as DEBUG = True would).
    with CaptureQueriesContext(connection) as debug_sql:
        _exercise_everything(world, secrets, monkeypatch)
    assert any(phone(901) in query["sql"] for query in debug_sql.captured_queries)  # so there was something to hide

    logged = _logged_text(every_log)
    assert "Internal Server Error" in logged and "could not write the event" in logged  # the error was logged
    for secret in secrets:
        assert secret not in logged, f"{secret} was written to the log"
    # The audit log is a log too.
    for entry in AuditEntry.objects.all():
        text = f"{entry.actor_name} {entry.target} {entry.detail}"
        assert not any(secret in text for secret in secrets), entry.action


def _exercise_everything(world: World, secrets: list[str], monkeypatch: Any) -> None:
    officer, head = world.client("county_officer"), world.client("county_head")

    # Intake, a form with a wrong check digit, and the case's whole workflow through the pages.
    assert officer.post(reverse("casework:intake"), intake_form()).status_code == 302
    bad_id = resident_id(902)[:-1] + ("0" if resident_id(902)[-1] != "0" else "1")
    secrets.append(bad_id)
    assert officer.post(reverse("casework:intake"), intake_form(id_number=bad_id, phone=phone(902))).status_code == 400
    case = Case.objects.get(applicant_name=intake_form()["applicant_name"])
    for who, action in (
        (officer, "request_correction"),
        (officer, "record_correction"),
        (head, "extend"),
        (officer, "decide"),
        (officer, "deliver"),
    ):
        assert who.post(reverse("casework:act", args=[case.pk, action]), action_form(action)).status_code == 302
    assert officer.post(reverse("casework:reveal_id", args=[case.pk])).status_code == 200
    assert officer.get(reverse("casework:list"), {"q": resident_id(901)}).status_code == 200

    # The register import: a good file, then one whose ID number has a wrong check digit.
    upload = SimpleUploadedFile("台账.csv", register_csv(id_number=resident_id(903), phone_number=phone(903)))
    assert officer.post(reverse("casework:import"), {"file": upload}).status_code == 200
    token = officer.session["import_upload"]["token"]
    assert officer.post(reverse("casework:import"), {"confirm": "1", "token": token}).status_code == 302
    wrong = resident_id(904)[:-1] + ("0" if resident_id(904)[-1] != "0" else "1")
    secrets.append(wrong)
    bad_file = SimpleUploadedFile("台账.csv", register_csv("IMP-0002", id_number=wrong, phone_number=phone(904)))
    assert "校验码不正确" in officer.post(reverse("casework:import"), {"file": bad_file}).content.decode()

    # Refusals and an unexpected database error in the middle of an intake.
    other_case = case_ready_for(world, "other", "withdraw")
    assert officer.get(reverse("casework:case", args=[other_case.pk])).status_code == 404
    assert world.client("county_supervisor").post(reverse("casework:reveal_id", args=[case.pk])).status_code == 403

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise DatabaseError("could not write the event")

    cases_before = Case.objects.count()
    monkeypatch.setattr(Event.objects, "create", broken)
    failing = Client(raise_request_exception=False)
    failing.force_login(world.users["county_officer"])
    response = failing.post(reverse("casework:intake"), intake_form(applicant_name="钱多", id_number=resident_id(905)))
    secrets.append(resident_id(905))
    assert response.status_code == 500 and "系统出现错误" in response.content.decode()
    assert Case.objects.count() == cases_before  # nothing half-written


# ------------------------------------------------------------------------------------------------ storage


def test_the_id_number_is_stored_encrypted_and_found_by_its_keyed_hash(world: World, settings: Any) -> None:
    officer = world.client("county_officer")
    number = resident_id(901)
    assert officer.post(reverse("casework:intake"), intake_form(id_number=number)).status_code == 302
    case = Case.objects.get(applicant_name=intake_form()["applicant_name"])

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Case._meta.db_table} WHERE id = %s", [case.pk])
        raw = [str(value) for value in cursor.fetchone()]
        cursor.execute(f"SELECT * FROM {Event._meta.db_table}")
        raw += [str(value) for row in cursor.fetchall() for value in row]
        cursor.execute(f"SELECT * FROM {AuditEntry._meta.db_table}")
        raw += [str(value) for row in cursor.fetchall() for value in row]
    assert not any(number in value or number[:17] in value for value in raw)
    assert identity.decrypt(case.id_encrypted) == number
    assert case.id_hash == identity.search_hash(number) != hashlib.sha256(number.encode()).hexdigest()

    def found(query: str) -> bool:
        rows = officer.get(reverse("casework:list"), {"list": "all", "q": query}, **HX).content.decode()
        return case.number in rows

    assert found(number) and found(number.lower()) and found(f"{number[:6]} {number[6:14]} {number[14:]}")
    assert not found(number[:17]) and not found(case.id_masked)
    settings.FIELD_KEY = "another-key"  # the hash is keyed: with another key the same number finds nothing
    assert not found(number)
