"""Legacy Word and WPS files (.doc/.wps) converted to .docx by LibreOffice, when it is installed.

LibreOffice runs headless with a throw-away profile in a temporary directory, under a timeout; on
timeout its whole process group is killed (``soffice`` is a wrapper that starts ``soffice.bin``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .._errors import ReadError, UnsupportedInput

#: Seconds a conversion may take (LibreOffice's first start alone can take several).
CONVERT_TIMEOUT = 120


def soffice() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, file: str, *, timeout: float = CONVERT_TIMEOUT) -> bytes:
    """The .docx bytes LibreOffice makes of a .doc/.wps file; ReadError when it cannot."""
    exe = soffice()
    if exe is None:
        raise UnsupportedInput(
            file, "这是旧版 Word/WPS 文档（.doc/.wps），读取需要安装 LibreOffice（soffice），或请先另存为 .docx"
        )
    suffix = ".wps" if file.lower().endswith(".wps") else ".doc"
    with tempfile.TemporaryDirectory(prefix="ogi-doc-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        out = Path(tmp) / "out"
        src.write_bytes(data)
        cmd = [
            exe,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(src),
        ]
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True
        )
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise ReadError(file, f"LibreOffice 转换超时（超过 {timeout:g} 秒）") from exc
        result = out / "input.docx"
        if not result.is_file():
            raise ReadError(file, f"LibreOffice 无法转换该文件（退出码 {proc.returncode}），文件可能已损坏")
        return result.read_bytes()
