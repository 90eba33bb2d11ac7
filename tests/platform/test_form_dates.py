"""Date fields render their values as ISO dates, the only format an <input type="date"> shows.

Under zh-hans Django's default input format is 2026/12/06: a browser shows such a value as an empty field and
submits nothing, so a default date (an action's “today”) or a re-displayed date would be lost.
"""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.utils import translation

from ogi.platform.casework.forms import ACTION_FORMS, IntakeForm

FORMS = {"intake": IntakeForm, **ACTION_FORMS}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_date_inputs_render_iso_dates(name: str) -> None:
    form_class = FORMS[name]
    date_fields = [f for f, field in form_class.base_fields.items() if isinstance(field, forms.DateField)]
    assert date_fields, f"{name} has no date field"
    values = {f: "2026-02-10" for f in date_fields}
    with translation.override("zh-hans"):
        unbound, bound = form_class(), form_class(data=values)
        for field in date_fields:
            assert 'type="date"' in str(bound[field])
            assert 'value="2026-02-10"' in str(bound[field])
            if unbound[field].initial:
                assert f'value="{date.isoformat(unbound[field].initial)}"' in str(unbound[field])
