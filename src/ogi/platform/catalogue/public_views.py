"""The agency's 法定主动公开内容 (no account): browse by category and year, search, read and download."""

from __future__ import annotations

from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ogi.platform.agencies.models import Agency

from .categories import Article20
from .models import Attachment, Record


@require_safe
def catalogue(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_pk)
    records = Record.objects.filter(agency=agency).select_related("local_category")
    category, year, query = request.GET.get("category", ""), request.GET.get("year", ""), request.GET.get("q", "")
    if category.isdigit():
        records = records.filter(article=category)
    elif category.startswith("local-") and category[6:].isdigit():
        records = records.filter(local_category_id=int(category[6:]))
    if year.isdigit():
        records = records.filter(published_on__year=int(year))
    records = records.search(query[:100])
    counts = dict(Record.objects.filter(agency=agency).values_list("article").annotate(n=Count("pk")))
    categories = [(value, label, counts.get(value, 0)) for value, label in Article20.choices]
    categories += [(f"local-{c.pk}", c.name, c.n) for c in agency.local_categories.annotate(n=Count("record"))]
    years = (
        Record.objects.filter(agency=agency)
        .annotate(y=ExtractYear("published_on"))
        .values_list("y", flat=True)
        .distinct()
        .order_by("-y")
    )
    page = Paginator(records.order_by("-published_on", "-pk"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "catalogue/public.html",
        {
            "agency": agency, "page": page, "categories": categories,
            "years": years, "category": category, "year": year, "query": query,
        },
    )  # fmt: skip


@require_safe
def record(request: HttpRequest, agency_pk: int, pk: int) -> HttpResponse:
    item = get_object_or_404(Record.objects.select_related("agency", "local_category"), agency_id=agency_pk, pk=pk)
    return render(request, "catalogue/public_record.html", {"agency": item.agency, "record": item})


@require_safe
def attachment(request: HttpRequest, agency_pk: int, pk: int, attachment_pk: int) -> HttpResponse:
    item = get_object_or_404(Attachment, record__agency_id=agency_pk, record_id=pk, pk=attachment_pk)
    response = HttpResponse(bytes(item.content), content_type=item.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(item.name)}"
    return response
