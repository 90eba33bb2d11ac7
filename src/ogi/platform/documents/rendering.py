"""Documents rendered from a template (the agency's own, or the shipped default) with docxtpl; PDF via LibreOffice."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.utils import timezone
from docxtpl import DocxTemplate
from jinja2 import TemplateError

from .default_template import default_template
from .drafting import chinese_date
from .kinds import KINDS
from .models import AgencyTemplate, Document

PDF_TIMEOUT = 120


class TemplateBroken(Exception):
    """An uploaded template that docxtpl cannot render (message for the administrator)."""


def template_for(agency_id: int, kind: str) -> bytes:
    own = AgencyTemplate.objects.filter(agency_id=agency_id, kind=kind).first()
    if own is not None:
        with own.file.open("rb") as f:
            return f.read()
    return default_template()


def context(document: Document) -> dict[str, Any]:
    agency = document.case.agency
    dated = document.dated or timezone.localdate()
    return {
        "agency": agency.name,
        "heading": KINDS[document.kind].heading,
        "title": document.title,
        "number": document.number or "（签发时编号）",
        "addressee": document.addressee,
        "paragraphs": document.paragraphs,
        "remedy": document.remedy.strip(),
        "closing": document.closing,
        "date": chinese_date(dated),
        "contact": document.contact.strip(),
        "case_number": document.case.number,
    }


def render_with(template: bytes, values: dict[str, Any]) -> bytes:
    try:
        doc = DocxTemplate(io.BytesIO(template))
        doc.render(values, autoescape=True)
    except (TemplateError, KeyError, ValueError, OSError) as exc:
        raise TemplateBroken(f"模板无法使用：{type(exc).__name__} {exc}") from exc
    except Exception as exc:  # a DOCX that is not one (zip, XML) fails in many ways inside docxtpl
        raise TemplateBroken(f"模板不是有效的 DOCX 文件（{type(exc).__name__}）") from exc
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render(document: Document) -> bytes:
    return render_with(template_for(document.case.agency_id, document.kind), context(document))


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes, *, timeout: float = PDF_TIMEOUT) -> bytes | None:
    """The PDF LibreOffice lays out of ``docx``; None when LibreOffice is missing or fails.

    Headless, with a throw-away profile, under a timeout after which its whole process group is killed (the way
    the report engine calls it).
    """
    exe = soffice()
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="ogi-pdf-") as tmp:
        src = Path(tmp) / "document.docx"
        src.write_bytes(docx)
        cmd = [exe, "--headless", "--norestore", f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
               "--convert-to", "pdf", "--outdir", str(Path(tmp) / "out"), str(src)]  # fmt: skip
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True
        )
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return None
        result = Path(tmp) / "out" / "document.pdf"
        return result.read_bytes() if result.is_file() else None
