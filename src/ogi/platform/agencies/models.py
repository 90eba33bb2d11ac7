"""Agencies (省/市/县/乡镇 governments and their departments) and staff roles."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from ogi.platform.identity import validate_credit_code


class Level(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡镇级"


class Kind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"


class AgencyQuerySet(models.QuerySet["Agency"]):
    def subtree_of(self, agency: Agency) -> AgencyQuerySet:
        """The agency and every agency below it (the supervisor's view)."""
        ids = [agency.pk]
        frontier = [agency.pk]
        while frontier:
            frontier = list(self.model.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.extend(frontier)
        return self.filter(pk__in=ids)


def _validate_pattern(value: str) -> None:
    try:
        value.format(year=2025, seq=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError("编号格式只能使用 {year} 和 {seq}，例如 {year}-{seq:04d}") from exc
    if "{seq" not in value:
        raise ValidationError("编号格式必须含有流水号 {seq}")


class Agency(models.Model):
    name = models.CharField("机关名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=20, blank=True, help_text="用于文书编号，例如“东沟”")
    kind = models.CharField("机关类别", max_length=20, choices=Kind.choices, default=Kind.GOVERNMENT)
    level = models.CharField("层级", max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级机关", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True, validators=[validate_credit_code])
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    fax = models.CharField("传真", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    request_number_pattern = models.CharField(
        "申请编号格式", max_length=60, default="{year}-{seq:04d}", validators=[_validate_pattern]
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "机关"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_government(self) -> bool:
        return self.kind == Kind.GOVERNMENT


class Role(models.TextChoices):
    OFFICER = "officer", "经办人"
    HEAD = "head", "负责人"
    SUPERVISOR = "supervisor", "主管部门"
    ADMIN = "admin", "系统管理员"


class Staff(models.Model):
    """A user's place in the platform: one agency, one role. Decisions about what it allows live in policy."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff")
    agency = models.ForeignKey(Agency, verbose_name="机关", null=True, blank=True, on_delete=models.PROTECT)
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    display_name = models.CharField("姓名", max_length=40)

    class Meta:
        verbose_name = verbose_name_plural = "工作人员"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="admin") | models.Q(agency__isnull=False), name="staff_agency_unless_admin"
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_name}（{self.get_role_display()}）"
