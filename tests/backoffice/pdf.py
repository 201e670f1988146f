"""Reading the PDFs the portal prints (activation letters) the way a test can: without a PDF library."""

import re
import zlib


def pdf_page_count(pdf):
    """Pages of a PDF, read from its (possibly compressed) page tree."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    counts = [int(count) for chunk in chunks for count in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", chunk)]
    counts += [int(count) for chunk in chunks for count in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", chunk)]
    return max(counts)
