"""Cross-site request forgery and safe methods: every state-changing POST needs the CSRF token (without it the
answer is 403 and nothing changes; with it the same POST does change things), and no GET changes anything."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ogi.platform.casework.actions import ACTIONS
from ogi.platform.casework.views import LISTS

from .casebook import action_form, case_ready_for, intake_form, register_csv, snapshot
from .conftest import PASSWORD, World

Counts = tuple[int, ...]


@dataclass
class Post:
    """A state-changing POST: who sends it, the page that holds its form, and how to tell that it took effect."""

    who: str | None
    form_page: str
    url: str
    data: dict[str, Any]
    took_effect: Callable[[Client, Counts], bool] = lambda client, before: snapshot() != before


def _signed_in(client: Client, before: Counts | None = None) -> bool:
    return "_auth_user_id" in client.session


def _post(world: World, name: str) -> Post:
    if name == "intake":
        return Post("county_officer", reverse("casework:intake"), reverse("casework:intake"), intake_form())
    if name.startswith("act:"):
        action = name.removeprefix("act:")
        case = case_ready_for(world, "own", action)
        events = case.events.count()
        url = reverse("casework:act", args=[case.pk, action])
        return Post("county_head", url, url, action_form(action), lambda c, b: case.events.count() == events + 1)
    if name == "reveal id":
        case = case_ready_for(world, "own", "withdraw")
        return Post(
            "county_officer",
            reverse("casework:case", args=[case.pk]),
            reverse("casework:reveal_id", args=[case.pk]),
            {},
        )
    if name == "import upload":
        file = SimpleUploadedFile("台账.csv", register_csv(), content_type="text/csv")
        url = reverse("casework:import")
        return Post("county_officer", url, url, {"file": file}, lambda c, b: "import_upload" in c.session)
    if name == "import confirm":
        return Post("county_officer", reverse("casework:import"), reverse("casework:import"), {"confirm": "1"})
    if name == "calendar":
        url = reverse("workcalendar:page")
        return Post("admin", url, url, {"year": "2030", "text": "2030-01-01 休\n"})
    if name == "admin: add agency":
        url = reverse("admin:agencies_agency_add")
        data = {"name": "新设机关", "kind": "department", "level": "county", "request_number_pattern": "{year}-{seq}"}
        return Post("admin", url, url, data)
    if name == "logout":
        return Post("county_officer", reverse("casework:list"), reverse("logout"), {}, lambda c, b: not _signed_in(c))
    if name == "login":
        data = {"username": "county_officer", "password": PASSWORD}
        return Post(None, reverse("login"), reverse("login"), data, _signed_in)
    raise KeyError(name)


POSTS = ["intake", *(f"act:{a}" for a in ACTIONS), "reveal id", "import upload", "import confirm", "calendar"]
POSTS += ["admin: add agency", "logout", "login"]


def _csrf_client(world: World, who: str | None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if who:
        client.force_login(world.users[who])
    return client


def _pending_import(client: Client) -> str:
    """Upload a register (with the token, as the page does) so that a confirmation is pending; returns its token."""
    client.get(reverse("casework:import"))
    file = SimpleUploadedFile("台账.csv", register_csv(), content_type="text/csv")
    token = client.cookies["csrftoken"].value
    assert client.post(reverse("casework:import"), {"file": file, "csrfmiddlewaretoken": token}).status_code == 200
    return client.session["import_upload"]["token"]


@pytest.mark.parametrize("with_token", [False, True], ids=["without-token", "with-token"])
@pytest.mark.parametrize("name", POSTS)
def test_a_state_changing_post_needs_the_csrf_token(world: World, name: str, with_token: bool) -> None:
    post = _post(world, name)
    client = _csrf_client(world, post.who)
    data = dict(post.data)
    if name == "import confirm":
        data["token"] = _pending_import(client)
    client.get(post.form_page)  # the page with the form hands out the CSRF cookie
    if with_token:
        data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    before = snapshot()

    response = client.post(post.url, data)

    if with_token:
        assert response.status_code in (200, 302), response.content.decode()[:400]
        assert post.took_effect(client, before)
    else:
        assert response.status_code == 403
        assert "表单已过期或来源不正确" in response.content.decode()
        assert not post.took_effect(client, before)


# ------------------------------------------------------------------------------------------------ GET


def _gets(world: World) -> list[tuple[str, str, dict[str, str]]]:
    """(who, url, query) for every page, with the query a form would POST: a GET must ignore it."""
    case = case_ready_for(world, "own", "withdraw")
    gets = [("county_officer", reverse("casework:list"), {"list": which, "q": "赵"}) for which in LISTS]
    gets += [
        ("county_officer", reverse("casework:intake"), intake_form()),
        ("county_officer", reverse("casework:case", args=[case.pk]), {}),
        ("county_officer", reverse("casework:reveal_id", args=[case.pk]), {}),
        ("county_officer", reverse("casework:outcomes"), {}),
        ("county_officer", reverse("logout"), {}),
        ("admin", reverse("workcalendar:page"), {"year": "2030", "text": "2030-01-01 休"}),
        ("admin", reverse("audit:log"), {}),
        ("admin", reverse("admin:agencies_agency_add"), {"name": "新设机关", "kind": "department", "level": "county"}),
    ]
    gets += [("county_head", reverse("casework:act", args=[case.pk, a]), action_form(a)) for a in ACTIONS]
    return gets


def test_no_get_changes_anything(world: World) -> None:
    gets = _gets(world)
    officer = _csrf_client(world, "county_officer")
    pending = _pending_import(officer)
    before = snapshot()
    for who, url, query in gets:
        client = officer if who == "county_officer" else _csrf_client(world, who)
        response = client.get(url, query)
        assert response.status_code in (200, 405), (url, response.status_code)
        assert snapshot() == before, url
    # The pending import is not confirmed by a GET, and the officer is still signed in after GET /logout/.
    assert officer.get(reverse("casework:import"), {"confirm": "1", "token": pending}).status_code == 200
    assert snapshot() == before
    assert _signed_in(officer)
