"""The statute's numbers, versioned by the date they took effect (the rules in force on a case's dates apply)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Rules:
    effective: date
    answer_days: int  # Art. 33
    max_extension_days: int  # Art. 33
    correction_window_days: int  # Art. 30: tell the applicant within this many working days, once
    consultation_days: int  # Art. 32, 34
    fee_payment_days: int  # 国办函〔2020〕109号 and provincial rules
    source: str


_RULES = (
    Rules(date(2008, 5, 1), 15, 15, 0, 10, 0, "2007年《政府信息公开条例》"),
    Rules(date(2019, 5, 15), 20, 20, 7, 15, 20, "2019年修订《政府信息公开条例》"),
)


def rules_on(day: date) -> Rules:
    """The rules in force on ``day`` (the day a request was received)."""
    in_force = [r for r in _RULES if r.effective <= day]
    return in_force[-1] if in_force else _RULES[0]
