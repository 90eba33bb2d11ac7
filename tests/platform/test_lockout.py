"""Sign-in: five failed logins lock the account (django-axes), after which even the right password is refused;
sessions end when the browser closes and expire on the server after SESSION_COOKIE_AGE."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from .conftest import PASSWORD, World

LOCKED = "账号已暂时锁定"


def _login(client: Client, username: str, password: str, url: str = "") -> HttpResponse:
    return client.post(url or reverse("login"), {"username": username, "password": password})


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_five_failed_logins_lock_the_account_and_then_the_right_password_is_refused(world: World) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "county_officer", "wrong-password")
        assert response.status_code == 200 and LOCKED not in response.content.decode()  # the sign-in form again
    response = _login(client, "county_officer", "wrong-password")
    assert settings.AXES_FAILURE_LIMIT == 5
    assert response.status_code == 429  # Too Many Requests
    page = response.content.decode()
    assert LOCKED in page and "登录失败次数过多" in page

    for attempt in (client, Client()):  # the same browser, or a fresh one from the same address
        response = _login(attempt, "county_officer", PASSWORD)
        assert LOCKED in response.content.decode()
        assert not _signed_in(attempt)
    response = _login(Client(), "county_officer", PASSWORD, reverse("admin:login"))  # nor through the admin
    assert LOCKED in response.content.decode()

    other = Client()  # another person from the same address is not locked out
    assert _login(other, "county_head", PASSWORD).status_code == 302 and _signed_in(other)


def test_fewer_failures_do_not_lock_and_a_success_starts_the_count_again(world: World) -> None:
    client = Client()
    for _ in range(4):
        _login(client, "county_officer", "wrong-password")
    assert _login(client, "county_officer", PASSWORD).status_code == 302 and _signed_in(client)
    client.logout()
    for _ in range(4):
        assert LOCKED not in _login(client, "county_officer", "wrong-password").content.decode()
    assert _login(client, "county_officer", PASSWORD).status_code == 302 and _signed_in(client)


def test_the_session_ends_with_the_browser_and_expires_on_the_server(world: World) -> None:
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 3600
    client = Client()
    assert _login(client, "county_officer", PASSWORD).status_code == 302
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert cookie["httponly"]

    session = Session.objects.get(session_key=cookie.value)
    lifetime, age = session.expire_date - timezone.now(), timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert age - timedelta(minutes=10) < lifetime <= age
    assert client.get(reverse("casework:list")).status_code == 200

    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("casework:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_signed_out_session_cannot_be_replayed(world: World, settings: Any) -> None:
    client = Client()
    _login(client, "county_officer", PASSWORD)
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = stolen
    response = replay.get(reverse("casework:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
