"""The demo's applicants carry ID numbers that pass their own check, as intake and import require."""

from __future__ import annotations

import random

from ogi.platform import identity
from ogi.platform.demo import _credit_code, _resident_id


def test_demo_id_numbers_are_valid() -> None:
    rng = random.Random(6)
    numbers = [_resident_id(rng) for _ in range(50)] + [_credit_code(rng) for _ in range(50)]
    assert all(identity.is_id_number(n) for n in numbers), [n for n in numbers if not identity.is_id_number(n)]
