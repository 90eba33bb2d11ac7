"""The authorization matrix: every role × every page and action × own, subordinate and other agency.

One table (MATRIX) says what each role gets; every test here is generated from it. A county's 经办人 and 负责人
work on the county's own cases; its 主管部门 supervisor also reads the subordinate department's cases and changes
none; the administrator keeps the calendar and the audit log and reads every case but acts on none; an anonymous
visitor is sent to the sign-in page. Another agency's case is answered 404, as if it did not exist, and never
shows up in a list or a search.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from ogi.platform.casework.actions import ACTIONS
from ogi.platform.casework.models import Case
from ogi.platform.casework.views import LISTS

from .casebook import (
    KINDS,
    RELATIONS,
    action_form,
    agency_of,
    case_ready_for,
    identity_of,
    intake_form,
    make_case,
    make_casebook,
    register_csv,
    snapshot,
)
from .conftest import World

LOGIN = "login"  # redirected to the platform's sign-in page
ADMIN_LOGIN = "admin-login"  # redirected to the Django admin's sign-in page
DONE = "done"  # the change was made and the browser is sent on (302 to a page that is not a sign-in page)

ROLES = ("officer", "head", "supervisor", "admin", "anonymous")
USERS = {"officer": "county_officer", "head": "county_head", "supervisor": "county_supervisor", "admin": "admin"}

# fmt: off
MATRIX: tuple[tuple[Any, ...], ...] = (
    # page or action   case's agency   经办人        负责人        主管部门       管理员        anonymous
    ("work list",      None,           200,          200,          200,          200,          LOGIN),
    ("search",         None,           200,          200,          200,          200,          LOGIN),
    ("intake GET",     None,           200,          200,          403,          403,          LOGIN),
    ("intake POST",    None,           DONE,         DONE,         403,          403,          LOGIN),
    ("import GET",     None,           200,          200,          403,          403,          LOGIN),
    ("import upload",  None,           200,          200,          403,          403,          LOGIN),
    ("import confirm", None,           DONE,         DONE,         403,          403,          LOGIN),
    ("calendar GET",   None,           403,          403,          403,          200,          LOGIN),
    ("calendar POST",  None,           403,          403,          403,          DONE,         LOGIN),
    ("audit log",      None,           403,          403,          403,          200,          LOGIN),
    ("outcomes",       None,           200,          200,          200,          200,          LOGIN),
    ("django admin",   None,           ADMIN_LOGIN,  ADMIN_LOGIN,  ADMIN_LOGIN,  200,          ADMIN_LOGIN),
    ("case page",      "own",          200,          200,          200,          200,          LOGIN),
    ("case page",      "subordinate",  404,          404,          200,          200,          LOGIN),
    ("case page",      "other",        404,          404,          404,          200,          LOGIN),
    ("reveal id",      "own",          200,          200,          403,          403,          LOGIN),
    ("reveal id",      "subordinate",  404,          404,          403,          403,          LOGIN),
    ("reveal id",      "other",        404,          404,          404,          403,          LOGIN),
    ("action GET",     "own",          200,          200,          403,          403,          LOGIN),
    ("action GET",     "subordinate",  404,          404,          403,          403,          LOGIN),
    ("action GET",     "other",        404,          404,          404,          403,          LOGIN),
    ("action POST",    "own",          DONE,         DONE,         403,          403,          LOGIN),
    ("action POST",    "subordinate",  404,          404,          403,          403,          LOGIN),
    ("action POST",    "other",        404,          404,          404,          403,          LOGIN),
    # Art. 33: only the office's 负责人 approves an extension.
    ("extend GET",     "own",          403,          200,          403,          403,          LOGIN),
    ("extend GET",     "subordinate",  404,          404,          403,          403,          LOGIN),
    ("extend GET",     "other",        404,          404,          404,          403,          LOGIN),
    ("extend POST",    "own",          403,          DONE,         403,          403,          LOGIN),
    ("extend POST",    "subordinate",  404,          404,          403,          403,          LOGIN),
    ("extend POST",    "other",        404,          404,          404,          403,          LOGIN),
)
# fmt: on

#: The variants a row stands for: each work list, each way of searching, each workflow action, each admin page.
VARIANTS: dict[str, tuple[str, ...]] = {
    "work list": tuple(LISTS),
    "search": ("number", "applicant_name", "id_number"),
    "action GET": tuple(a for a in ACTIONS if a != "extend"),
    "action POST": tuple(a for a in ACTIONS if a != "extend"),
    "extend GET": ("extend",),
    "extend POST": ("extend",),
    "django admin": ("/admin/", "/admin/agencies/staff/", "/admin/audit/auditentry/"),
}


def expected(view: str, relation: str | None, role: str) -> Any:
    for row in MATRIX:
        if row[:2] == (view, relation):
            return row[2 + ROLES.index(role)]
    raise KeyError((view, relation))


def reads(role: str, relation: str) -> bool:
    """Does ``role`` read the cases of the ``relation`` agency? (The table's "case page" rows.)"""
    return expected("case page", relation, role) == 200


def _cases() -> list[Any]:
    params = []
    for view, relation, *answers in MATRIX:
        for variant in VARIANTS.get(view, ("",)):
            for role, answer in zip(ROLES, answers, strict=True):
                name = "-".join(p for p in (view.replace(" ", "-"), variant, relation, role) if p)
                params.append(pytest.param(view, variant, relation, role, answer, id=name))
    return params


def client_for(world: World, role: str) -> Client:
    return world.client(USERS[role]) if role in USERS else Client()


def assert_answer(response: HttpResponse, answer: Any) -> None:
    if answer == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    elif answer == ADMIN_LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login") + "?next=")
    elif answer == DONE:
        assert response.status_code == 302
        assert "login" not in response["Location"]
    else:
        assert response.status_code == answer, response.content.decode()[:500]


def _upload(client: Client) -> HttpResponse:
    file = SimpleUploadedFile("台账.csv", register_csv(), content_type="text/csv")
    return client.post(reverse("casework:import"), {"file": file})


def _request(view: str, variant: str, client: Client, case: Case | None, world: World) -> HttpResponse:
    if view == "work list":
        return client.get(reverse("casework:list"), {"list": variant})
    if view == "search":
        return client.get(reverse("casework:list"), {"list": "all", "q": identity_of("own", "fresh")[variant]})
    if view == "intake GET":
        return client.get(reverse("casework:intake"))
    if view == "intake POST":
        # A form that names another agency changes nothing: intake registers for the user's own agency.
        return client.post(reverse("casework:intake"), {**intake_form(), "agency": str(world.other_county.pk)})
    if view == "import GET":
        return client.get(reverse("casework:import"))
    if view == "import upload":
        return _upload(client)
    if view == "import confirm":
        pending = _upload(client).status_code == 200 and client.session.get("import_upload")
        token = pending["token"] if pending else "guessed-token"
        return client.post(reverse("casework:import"), {"confirm": "1", "token": token})
    if view == "calendar GET":
        return client.get(reverse("workcalendar:page"))
    if view == "calendar POST":
        return client.post(reverse("workcalendar:page"), {"year": "2030", "text": "2030-01-01 休\n2030-01-05 班\n"})
    if view == "audit log":
        return client.get(reverse("audit:log"))
    if view == "outcomes":
        return client.get(reverse("casework:outcomes"))
    if view == "django admin":
        return client.get(variant)
    assert case is not None
    if view == "case page":
        return client.get(reverse("casework:case", args=[case.pk]))
    if view == "reveal id":
        return client.post(reverse("casework:reveal_id", args=[case.pk]))
    url = reverse("casework:act", args=[case.pk, variant])
    return client.get(url) if view.endswith("GET") else client.post(url, action_form(variant))


@pytest.mark.parametrize(("view", "variant", "relation", "role", "answer"), _cases())
def test_matrix(world: World, view: str, variant: str, relation: str | None, role: str, answer: Any) -> None:
    case = None
    if relation is not None:
        case = case_ready_for(world, relation, variant if view.startswith(("action", "extend")) else "withdraw")
    events = case.events.count() if case else 0
    before = snapshot()

    response = _request(view, variant, client_for(world, role), case, world)

    assert_answer(response, answer)
    changed = snapshot() != before
    if answer == DONE:
        assert changed
    elif view == "reveal id" and answer == 200:
        assert changed  # the view of the whole ID number is in the audit log
        assert case is not None and case.id_number() in response.content.decode()
    else:
        assert not changed, "a refused request or a read changed the database"
    if case is not None:
        case.refresh_from_db()
        if answer == DONE:
            assert case.events.count() == events + 1
            assert case.events.order_by("-seq").first().kind == ACTIONS[variant].event
        else:
            assert case.events.count() == events
        if answer == 404:
            page = response.content.decode()
            assert case.number not in page and case.applicant_name not in page
    if view == "intake POST" and answer == DONE:
        assert Case.objects.get(applicant_name=intake_form()["applicant_name"]).agency == world.county


# ------------------------------------------------------------------------------------------------ lists


#: Which kinds of case each work list shows ("mine": the open cases the user registered or was given).
LIST_KINDS = {
    "open": {"fresh", "due", "overdue"},
    "mine": {"fresh"},
    "due": {"due"},
    "overdue": {"overdue"},
    "closed": {"closed"},
    "all": set(KINDS),
}


def _count(page: str) -> int:
    match = re.search(r"共 (\d+) 件", page)
    assert match, "the list shows its count"
    return int(match.group(1))


def _rows(page: str) -> str:
    """The table of cases, the page's last table (not the search box, which echoes what was typed)."""
    tables = re.findall(r"<tbody>.*?</tbody>", page, re.S)
    assert tables, "the page has a table of cases"
    return tables[-1]


def _shows(page: str, case: Case) -> bool:
    """Does the page show anything of ``case``? (Its number, applicant, masked ID or the information asked for.)"""
    marks = (case.number, case.applicant_name, case.id_masked, case.description)
    return any(mark in page for mark in marks)


@pytest.mark.parametrize("which", list(LISTS))
@pytest.mark.parametrize("role", list(USERS))
def test_work_lists_show_exactly_the_cases_the_role_reads(world: World, role: str, which: str) -> None:
    book = make_casebook(world)
    client = client_for(world, role)
    page = client.get(reverse("casework:list"), {"list": which}).content.decode()

    wanted = {
        key
        for key in book
        if reads(role, key[0])
        and key[1] in LIST_KINDS[which]
        and (which != "mine" or book[key].assignee == world.users[USERS[role]])
    }
    if which == "mine" and role == "officer":
        assert wanted == {("own", "fresh")}
    for key, case in book.items():
        assert _shows(page, case) == (key in wanted), (key, case.number)
    assert _count(page) == len(wanted)
    for relation in RELATIONS:
        if not reads(role, relation):
            assert agency_of(world, relation).name not in page
    # The badges on the tabs count only the cases the role reads.
    for tab, kind in (("已逾期", "overdue"), ("3个工作日内到期", "due")):
        badge = re.search(tab + r' <span class="badge">(\d+)</span>', page)
        readable = sum(reads(role, relation) for relation in RELATIONS)
        assert badge and int(badge.group(1)) == readable, (tab, kind)


@pytest.mark.parametrize("way", ["number", "applicant_name", "id_number", "description"])
@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", list(USERS))
def test_search_finds_only_the_cases_the_role_reads(world: World, role: str, relation: str, way: str) -> None:
    book = {r: make_case(world, r, "fresh") for r in RELATIONS}
    query = identity_of(relation, "fresh")[way]
    if way == "id_number":
        query = query[:6] + " " + query[6:].lower()  # typed with a space and a small x: still found by its hash
    client = client_for(world, role)

    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):  # the full page and the htmx live search
        response = client.get(reverse("casework:list"), {"list": "all", "q": query}, **headers)
        page = response.content.decode()
        assert response.status_code == 200
        assert _count(page) == int(reads(role, relation))
        for r, case in book.items():
            assert _shows(_rows(page), case) == (r == relation and reads(role, relation))


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", list(USERS))
def test_filtering_by_another_agency_shows_nothing_of_it(world: World, role: str, relation: str) -> None:
    book = {r: make_case(world, r, "fresh") for r in RELATIONS}
    agency = agency_of(world, relation)
    page = client_for(world, role).get(reverse("casework:list"), {"list": "all", "agency": agency.pk}).content.decode()
    assert _count(page) == int(reads(role, relation))
    assert _shows(page, book[relation]) == reads(role, relation)


def test_a_department_officer_reads_nothing_of_its_parent_county(world: World) -> None:
    county_case = make_case(world, "own", "fresh")
    client = world.client("dept_officer")
    assert client.get(reverse("casework:case", args=[county_case.pk])).status_code == 404
    page = client.get(reverse("casework:list"), {"list": "all", "q": county_case.number}).content.decode()
    assert _count(page) == 0


def test_another_countys_supervisor_reads_nothing_of_this_county(world: World) -> None:
    book = make_casebook(world)
    client = world.client("other_supervisor")
    page = client.get(reverse("casework:list"), {"list": "all"}).content.decode()
    assert _count(page) == len(KINDS)
    for (relation, _), case in book.items():
        assert _shows(page, case) == (relation == "other")
        if relation != "other":
            assert client.get(reverse("casework:case", args=[case.pk])).status_code == 404


def test_an_unknown_action_on_a_readable_case_is_not_found(world: World) -> None:
    case = case_ready_for(world, "own", "withdraw")
    client = world.client("county_officer")
    assert client.get(reverse("casework:act", args=[case.pk, "delete"])).status_code == 404
    assert client.post(reverse("casework:act", args=[case.pk, "register"]), {"on": "2025-01-01"}).status_code == 404


def test_permissions_are_decided_in_the_policy_module_only() -> None:
    """Views and templates ask ogi.platform.policy; none looks at a role, the superuser flag or Django perms."""
    import ogi.platform as platform

    root = Path(platform.__file__).parent
    pages = [*root.glob("*/views.py"), *root.glob("*/urls.py"), *root.glob("templates/**/*.html")]
    assert len(pages) > 10
    role_check = re.compile(r"Role\.|\.role\b|is_superuser|is_staff|has_perm|perms\.")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not role_check.search(text), f"{page.relative_to(root)} decides a permission itself"
