"""The supervisor's overview counts every column per agency: due soon and concluded this year as well."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ogi.platform.casework.clock import count_forward
from ogi.platform.workcalendar.service import current_calendar

from .conftest import act


def _received_so_that_due_soon(today: date) -> date:
    """A receipt date whose 20th working day falls within the next 3 working days (the “due” list)."""
    calendar = current_calendar()
    last_day = count_forward(calendar, today, 3).due
    for back in range(20, 60):
        received = today - timedelta(days=back)
        if today <= count_forward(calendar, received, 20).due <= last_day:
            return received
    raise AssertionError("no receipt date found")


def test_the_overview_counts_due_soon_and_concluded_this_year(world, new_case):
    today = timezone.localdate()
    new_case(_received_so_that_due_soon(today), agency=world.department, today=today)
    new_case(today, agency=world.department, today=today)
    withdrawn = new_case(today, agency=world.department, today=today)
    act(withdrawn, "withdraw", today)
    last_year = date(today.year - 1, 6, 1)
    old = new_case(last_year, agency=world.township, today=last_year)
    act(old, "withdraw", last_year)
    response = world.client("county_supervisor").get("/cases/")
    rows = {a.name: (a.n_open, a.n_overdue, a.n_due, a.n_concluded) for a in response.context["overview"]}
    assert rows == {"测试县人民政府": (0, 0, 0, 0), "测试县财政局": (2, 0, 1, 1), "测试乡人民政府": (0, 0, 0, 0)}
