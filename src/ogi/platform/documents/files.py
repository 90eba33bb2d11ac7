"""Serving a document's bytes: the frozen DOCX of an issued document (verified against its hash), a draft's
preview rendered on the fly, and PDF copies laid out by LibreOffice, kept next to the DOCX once made."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse

from .models import Document
from .rendering import render, to_pdf

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_bytes(document: Document) -> bytes:
    if not document.is_issued:
        return render(document)
    if not document.verify():
        raise Http404("文书文件与签发时的摘要值不一致")
    with document.file.open("rb") as f:
        return f.read()


def pdf_bytes(document: Document) -> bytes | None:
    if not document.is_issued:
        return to_pdf(render(document))
    name = f"{document.file.name}.pdf"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as f:
            return f.read()
    pdf = to_pdf(docx_bytes(document))
    if pdf is not None:
        default_storage.save(name, ContentFile(pdf))
    return pdf


def download(document: Document, fmt: str) -> HttpResponse:
    stem = f"{document.number or document.case.number + '-草稿'}-{document.get_kind_display()}"
    if fmt == "pdf":
        pdf = pdf_bytes(document)
        if pdf is None:
            raise Http404("本机未安装 LibreOffice，无法生成 PDF，请下载 DOCX")
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"{stem}.pdf"
    else:
        response = HttpResponse(docx_bytes(document), content_type=DOCX_TYPE)
        filename = f"{stem}.docx"
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
