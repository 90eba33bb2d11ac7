"""The API fuzzed from its own OpenAPI schema (schemathesis): no generated input may produce a server error.

Small on purpose (a few dozen examples per operation) so that it runs in every test run; the staff operations
run with a valid token for a case that exists, so that the generated bodies reach the actions and the import.
"""

from __future__ import annotations

from datetime import date

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from ogi.platform.api.models import ApiToken
from ogi.platform.wsgi import application

from .conftest import World


@pytest.fixture
def keep_connection():
    """Calls through WSGI fire Django's request signals, which would close the test transaction's connection
    (the test client disconnects them the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(world: World) -> str:
    item = ApiToken(name="fuzz", user=world.users["dept_officer"], agency=world.department)
    secret = item.issue()
    item.save()
    return secret


def test_no_server_error(world: World, new_case, token, monkeypatch, keep_connection):
    monkeypatch.setenv("OGI_APPLY_RATE", "off")
    monkeypatch.setenv("OGI_TRACK_RATE", "off")
    new_case(date(2025, 3, 3))
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 6
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error])

        run()
