"""Fixtures for the platform: a county with a department and a township, staff in every role, and cases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from ogi.platform.agencies.models import Agency, Kind, Level, Role, Staff
from ogi.platform.casework.actions import Intake, perform, register
from ogi.platform.casework.models import Case
from ogi.platform.policy import SYSTEM

PASSWORD = "correct-horse-battery"
RESIDENT_ID = "11010519491231002X"  # a valid GB 11643 number (check character X)


@dataclass
class World:
    county: Agency
    department: Agency
    township: Agency
    other_county: Agency
    users: dict[str, Any]

    def client(self, who: str) -> Client:
        client = Client()
        client.force_login(self.users[who])
        return client


def make_user(username: str, role: str, agency: Agency | None) -> Any:
    admin = role == Role.ADMIN
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=admin, is_superuser=admin)
    Staff.objects.create(user=user, agency=agency, role=role, display_name=username)
    return user


@pytest.fixture
def world(db: Any) -> World:
    county = Agency.objects.create(name="测试县人民政府", short_name="测试", kind=Kind.GOVERNMENT, level=Level.COUNTY)
    department = Agency.objects.create(name="测试县财政局", kind=Kind.DEPARTMENT, level=Level.COUNTY, parent=county)
    township = Agency.objects.create(name="测试乡人民政府", kind=Kind.GOVERNMENT, level=Level.TOWNSHIP, parent=county)
    other = Agency.objects.create(name="邻县人民政府", kind=Kind.GOVERNMENT, level=Level.COUNTY)
    users = {
        "admin": make_user("admin", Role.ADMIN, None),
        "county_officer": make_user("county_officer", Role.OFFICER, county),
        "county_head": make_user("county_head", Role.HEAD, county),
        "county_supervisor": make_user("county_supervisor", Role.SUPERVISOR, county),
        "dept_officer": make_user("dept_officer", Role.OFFICER, department),
        "dept_head": make_user("dept_head", Role.HEAD, department),
        "other_officer": make_user("other_officer", Role.OFFICER, other),
        "other_supervisor": make_user("other_supervisor", Role.SUPERVISOR, other),
    }
    return World(county, department, township, other, users)


def intake(received: date, **overrides: Any) -> Intake:
    values: dict[str, Any] = {
        "channel": "in_person",
        "arrived_at": timezone.make_aware(datetime.combine(received, time(10, 0))),
        "received_on": received,
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "description": "2025年本乡农村低保发放名单",
        "id_kind": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13912345678",
    }
    values.update(overrides)
    return Intake(**values)


@pytest.fixture
def new_case(world: World) -> Callable[..., Case]:
    def make(received: date, agency: Agency | None = None, today: date | None = None, **overrides: Any) -> Case:
        return register(agency or world.department, SYSTEM, intake(received, **overrides), today=today or received)

    return make


def act(case: Case, name: str, on: date, actor: Any = SYSTEM, **data: Any) -> Case:
    perform(name, case, actor, on=on, data=data, today=max(on, date(2026, 12, 31)))
    case.refresh_from_db()
    return case
