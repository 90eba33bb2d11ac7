"""The supervisor's view: every subordinate agency's work at a glance, counted in the database."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


def test_the_overview_counts_open_and_overdue_cases_per_agency(world, new_case):
    today = timezone.localdate()
    new_case(today - timedelta(days=60), agency=world.department, today=today)  # overdue
    new_case(today, agency=world.department, today=today)
    new_case(today, agency=world.township, today=today)
    new_case(today, agency=world.other_county, today=today)  # not the county's
    response = world.client("county_supervisor").get("/cases/")
    rows = {a.name: (a.n_open, a.n_overdue) for a in response.context["overview"]}
    assert rows == {"测试县人民政府": (0, 0), "测试县财政局": (2, 1), "测试乡人民政府": (1, 0)}
    assert "各机关办理情况" in response.content.decode()
    assert response.context["page"].paginator.count == 3


def test_an_officer_sees_no_overview(world):
    response = world.client("dept_officer").get("/cases/")
    assert response.context["overview"] is None
    assert "各机关办理情况" not in response.content.decode()
