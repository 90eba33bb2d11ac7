"""The audit log: every action, registration, import, calendar load and reveal writes one entry naming the person
who did it; only the administrator reads the log; no page, admin screen or model method changes an entry."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ogi.platform.audit.models import AppendOnlyError, AuditEntry
from ogi.platform.casework.actions import ACTIONS
from ogi.platform.casework.models import Case
from ogi.platform.policy import SYSTEM

from .casebook import action_form, case_ready_for, intake_form, register_csv
from .conftest import World


def _new_entries(before: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.order_by("pk")[before:])


def _assert_names(entry: AuditEntry, world: World, who: str) -> None:
    assert entry.actor == world.users[who]
    assert entry.actor_name == world.users[who].staff.display_name != ""


@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_action_writes_one_entry_naming_the_actor(world: World, action: str) -> None:
    who = "county_head" if action == "extend" else "county_officer"
    case = case_ready_for(world, "own", action)
    before = AuditEntry.objects.count()

    response = world.client(who).post(reverse("casework:act", args=[case.pk, action]), action_form(action))

    assert response.status_code == 302
    [entry] = _new_entries(before)
    assert entry.action == f"case.{action}"
    assert entry.target == case.number and entry.agency == case.agency
    _assert_names(entry, world, who)


def test_a_refused_or_failed_action_writes_nothing(world: World) -> None:
    case = case_ready_for(world, "own", "decide")
    before = AuditEntry.objects.count()
    world.client("county_officer").post(reverse("casework:act", args=[case.pk, "extend"]), action_form("extend"))
    world.client("county_officer").post(reverse("casework:act", args=[case.pk, "decide"]), {"on": "2000-01-01"})
    assert AuditEntry.objects.count() == before


def test_registration_writes_an_entry_naming_the_officer(world: World) -> None:
    before = AuditEntry.objects.count()
    assert world.client("county_officer").post(reverse("casework:intake"), intake_form()).status_code == 302
    case = Case.objects.get(applicant_name=intake_form()["applicant_name"])
    [entry] = _new_entries(before)
    assert entry.action == "case.register" and entry.target == case.number and entry.agency == world.county
    _assert_names(entry, world, "county_officer")


def test_an_import_names_the_person_who_confirmed_it(world: World) -> None:
    client = world.client("county_officer")
    upload = SimpleUploadedFile("台账.csv", register_csv(rows=3), content_type="text/csv")
    client.post(reverse("casework:import"), {"file": upload})
    before = AuditEntry.objects.count()
    assert before == 0  # the preview is a dry run: nothing is kept, not even its audit entries
    token = client.session["import_upload"]["token"]
    assert client.post(reverse("casework:import"), {"confirm": "1", "token": token}).status_code == 302

    entries = _new_entries(before)
    [summary] = [e for e in entries if e.action == "register.import"]
    _assert_names(summary, world, "county_officer")
    assert summary.detail["created"] == 3 and summary.agency == world.county
    rows = [e for e in entries if e.action == "case.register"]
    assert len(rows) == 3  # each imported case's registration, in the importer's name
    for entry in rows:
        _assert_names(entry, world, "county_officer")
        assert entry.detail["source"] == "import"
    case = Case.objects.get(number=rows[0].target)
    assert {e.actor_name for e in case.events.all()} == {"county_officer（台账导入）"}


def test_loading_a_calendar_year_names_the_administrator(world: World) -> None:
    before = AuditEntry.objects.count()
    response = world.client("admin").post(reverse("workcalendar:page"), {"year": "2030", "text": "2030-01-01 休"})
    assert response.status_code == 302
    [entry] = _new_entries(before)
    assert entry.action == "calendar.load_year"
    _assert_names(entry, world, "admin")


def test_entries_written_by_the_command_line_name_the_system(world: World) -> None:
    case = case_ready_for(world, "own", "withdraw")
    entry = AuditEntry.objects.get(action="case.register", target=case.number)
    assert entry.actor is None and entry.actor_name == str(SYSTEM) == "系统"


@pytest.mark.parametrize("who", ["county_officer", "county_head", "county_supervisor", "dept_officer"])
def test_only_the_administrator_reads_the_log(world: World, who: str) -> None:
    case_ready_for(world, "own", "withdraw")
    assert world.client(who).get(reverse("audit:log")).status_code == 403
    assert world.client(who).get("/admin/audit/auditentry/").status_code == 302  # to the admin's sign-in
    page = world.client("admin").get(reverse("audit:log")).content.decode()
    assert "?action=case.register" in page and "系统" in page


def test_no_screen_or_method_changes_an_entry(world: World) -> None:
    case = case_ready_for(world, "own", "withdraw")
    entry = AuditEntry.objects.get(action="case.register", target=case.number)
    original = (entry.action, entry.target, entry.actor_name, entry.detail)
    admin = world.client("admin")

    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    assert admin.get(change).status_code == 200  # read-only view
    assert 'name="target"' not in admin.get(change).content.decode()  # no input to edit
    assert admin.post(change, {"action": "x", "target": "x", "actor_name": "x"}).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert admin.get(delete).status_code == 403 and admin.post(delete, {"post": "yes"}).status_code == 403
    assert admin.get(reverse("admin:audit_auditentry_add")).status_code == 403
    changelist = reverse("admin:audit_auditentry_changelist")
    bulk = {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    admin.post(changelist, bulk)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()

    entry.target = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    entry.refresh_from_db()
    assert (entry.action, entry.target, entry.actor_name, entry.detail) == original
