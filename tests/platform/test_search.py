"""Work-list search: a whole ID number goes to its keyed-hash index; anything else is matched as text."""

from __future__ import annotations

from datetime import date

from ogi.platform.casework.models import Case

from .conftest import RESIDENT_ID

WRONG_CHECK = RESIDENT_ID[:-1] + "1"  # 18 characters, but not an ID number


def test_an_id_number_is_searched_by_its_hash_alone(world, new_case):
    case = new_case(date(2025, 9, 26))
    found = Case.objects.search(RESIDENT_ID.lower())
    assert list(found) == [case]
    assert "LIKE" not in str(found.query).upper()


def test_other_text_is_matched_in_number_name_and_description(world, new_case):
    case = new_case(date(2025, 9, 26), description=f"号码 {WRONG_CHECK} 的登记信息")
    new_case(date(2025, 9, 26), applicant_name="李四")
    assert list(Case.objects.search(WRONG_CHECK)) == [case]
    assert list(Case.objects.search(case.number)) == [case]
    assert [c.applicant_name for c in Case.objects.search("李四")] == ["李四"]


def test_an_18_character_number_that_fails_its_check_is_still_found_by_hash(world, new_case):
    """Numbers of other documents (id kind “other”) have no check character to pass."""
    case = new_case(date(2025, 9, 26), id_kind="other", id_number=WRONG_CHECK)
    assert list(Case.objects.search(WRONG_CHECK)) == [case]
