"""Cases and their append-only event log.

A case's state and deadline are derived from its events (workflow.derive); the columns under "derived" are a
cache of that derivation, written only by ``Case.apply_status`` inside the action that appended an event, so work
lists can filter and sort in the database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from ogi.platform import identity
from ogi.platform.agencies.models import Agency
from ogi.report.format import T3_APPLICANT_COLUMNS

from .states import OPEN_STATES, Channel, EventKind, IdKind, State
from .workflow import EventRecord, Status

APPLICANT_TYPES = [(c.code, c.label) for c in T3_APPLICANT_COLUMNS]


class AppendOnlyError(Exception):
    pass


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, today: date) -> CaseQuerySet:
        return self.open().filter(due_date__lt=today)

    def due_by(self, today: date, last_day: date) -> CaseQuerySet:
        """Open cases whose answer deadline falls between today and ``last_day`` (inclusive)."""
        return self.open().filter(due_date__gte=today, due_date__lte=last_day)

    def search(self, text: str) -> CaseQuerySet:
        text = text.strip()
        if not text:
            return self
        if identity.is_id_number(text):
            # A whole ID number is found by its keyed hash, through an index; also matching it as text in three
            # columns would make the search read every case (hundreds of ms with 100,000 cases).
            return self.filter(id_hash=identity.search_hash(identity.normalize(text)))
        query = (
            models.Q(number__icontains=text)
            | models.Q(applicant_name__icontains=text)
            | models.Q(description__icontains=text)
        )
        normalized = identity.normalize(text)
        if len(normalized) == 18:  # another document's number, or one recorded before its check was enforced
            query |= models.Q(id_hash=identity.search_hash(normalized))
        return self.filter(query)


class Case(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="cases")
    number = models.CharField("受理编号", max_length=40)
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    arrived_at = models.DateTimeField("到达时间")
    received_on = models.DateField("法定收到日期")
    applicant_type = models.CharField("申请人类型", max_length=20, choices=APPLICANT_TYPES)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    id_kind = models.CharField("证件类型", max_length=20, choices=IdKind.choices, default=IdKind.NONE)
    id_encrypted = models.TextField("证件号码（加密）", blank=True)
    id_hash = models.CharField("证件号码检索值", max_length=64, blank=True, db_index=True)
    id_masked = models.CharField("证件号码（遮蔽）", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    description = models.TextField("所需信息的名称、文号或特征描述")
    delivery_form = models.CharField("获取信息的方式", max_length=100, blank=True)
    note = models.TextField("备注", blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True, on_delete=models.SET_NULL
    )
    source = models.CharField("来源", max_length=20, default="staff")
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    # derived from the events (a cache; see module docstring)
    state = models.CharField("状态", max_length=30, choices=State.choices, default=State.REGISTERED, db_index=True)
    due_date = models.DateField("答复期限", null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField("期限暂定", default=False)
    due_explanation = models.CharField("期限说明", max_length=300, blank=True)
    waiting_until = models.DateField("等待期限", null=True, blank=True)
    outcome = models.CharField("办理结果", max_length=60, blank=True, db_index=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True, db_index=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="case_number_unique_per_agency")]
        indexes = [
            models.Index(fields=["agency", "state", "due_date"]),
            # The register's order (closed and all cases, newest first): without it every page sorts all the cases.
            models.Index(fields=["-received_on", "-id"], name="case_register_order"),
            # Cases concluded per agency in a period (the supervisor's overview, the annual report's counts).
            models.Index(fields=["agency", "concluded_on"], name="case_agency_concluded"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}"

    def set_id_number(self, number: str, kind: str) -> None:
        self.id_kind = kind if number else IdKind.NONE
        self.id_encrypted = identity.encrypt(number)
        self.id_hash = identity.search_hash(number)
        self.id_masked = identity.mask(number) if number else ""

    def id_number(self) -> str:
        """The whole number: callers show it only on the case page and record the view in the audit log."""
        return identity.decrypt(self.id_encrypted)

    @property
    def phone_masked(self) -> str:
        return identity.mask_phone(self.phone) if self.phone else ""

    def event_records(self) -> list[EventRecord]:
        return [e.record() for e in self.events.order_by("seq")]

    def apply_status(self, status: Status) -> list[str]:
        """Copy the derivation into the cache columns; returns the names of the columns written."""
        self.state = status.state
        self.due_date = status.deadline.due if status.deadline else None
        self.due_provisional = bool(status.deadline and status.deadline.provisional)
        self.due_explanation = status.deadline.explain() if status.deadline else ""
        self.waiting_until = status.waiting_until
        self.outcome = status.outcome or ""
        self.concluded_on = status.concluded_on
        return ["state", "due_date", "due_provisional", "due_explanation", "waiting_until", "outcome", "concluded_on"]


class Event(models.Model):
    """One step of a case, never changed once written."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField("序号")
    kind = models.CharField("事项", max_length=40, choices=EventKind.choices)
    on = models.DateField("日期")
    recorded_at = models.DateTimeField("记录时间", default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    actor_name = models.CharField("经办人", max_length=60, blank=True)
    payload = models.JSONField("内容", default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "办理过程"
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="event_seq_unique_per_case")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("办理过程只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("办理过程只能追加，不能删除")

    @property
    def summary(self) -> str:
        from .describe import describe

        return describe(self.kind, self.payload)

    def record(self) -> EventRecord:
        return EventRecord(self.kind, self.on, self.payload)


class NumberSeries(models.Model):
    """The last number issued per agency, series and year; taken under a row lock."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT)
    series = models.CharField(max_length=40)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "series", "year"], name="number_series_unique")]
