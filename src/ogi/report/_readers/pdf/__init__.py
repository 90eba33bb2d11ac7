"""The PDF reader: words and ruling lines of each page → the tab-separated ``Line`` form of every reader.

Stages: ``_read`` (the document, limits, page headers and footers) → ``_layout`` (rows and ruled tables of a
page, with ``_rulings``, ``_missing_rules``, ``_cells``, ``_rows``, ``_wrapped_labels``) → ``_page_breaks``
(label cells cut by a page break); ``_blocks`` holds the shapes they share.
"""

from ._read import MAX_PAGES, pdf_lines, read_pdf

__all__ = ["MAX_PAGES", "pdf_lines", "read_pdf"]
