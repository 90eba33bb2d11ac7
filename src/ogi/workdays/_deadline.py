"""A counted deadline and its one-line Chinese explanation, the sentence staff and applicants see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Deadline:
    """The n-th working day after a start date, with what the count went through."""

    start: date
    days: int
    due: date
    provisional: bool = False  # the count passed through a year nobody knows: those days were Mon–Fri, 暂定
    makeup_days: tuple[date, ...] = ()  # 调休上班 days counted
    unknown_years: tuple[int, ...] = ()
    event: str = "收到"  # what happened on the start date, as the explanation says it

    def explain(self) -> str:
        """“收到 2025-09-26，第20个工作日为 2025-10-30（含调休上班日 09-28、10-11）”."""
        notes = []
        if self.makeup_days:
            notes.append("含调休上班日 " + "、".join(self._short(day) for day in self.makeup_days))
        if self.provisional:
            years = "、".join(f"{year}年" for year in self.unknown_years)
            notes.append(f"暂定：{years}节假日安排尚未公布")
        text = f"{self.event} {self.start.isoformat()}，第{self.days}个工作日为 {self.due.isoformat()}"
        return text + (f"（{'；'.join(notes)}）" if notes else "")

    def _short(self, day: date) -> str:
        return day.strftime("%m-%d") if day.year == self.start.year else day.isoformat()
