"""Reading the PDFs the portal prints (activation letters) the way a test can: without a PDF library."""

import re
import zlib

STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
DIRECT_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")


def _streams(pdf):
    """The decoded bodies of the PDF's Flate streams.

    Each body is cut by the /Length of its own dictionary, never by looking for "endstream": compressed bytes
    may end with a carriage return or hold anything, and a guess at the boundary loses a stream now and then.
    """
    previous_end = 0
    for start in STREAM_START.finditer(pdf):
        header = pdf[previous_end : start.start()]
        lengths = DIRECT_LENGTH.findall(header)
        if not lengths:
            continue
        body_start = start.end()
        body = pdf[body_start : body_start + int(lengths[-1])]
        previous_end = body_start + len(body)
        try:
            yield zlib.decompress(body)
        except zlib.error:
            continue


def pdf_page_count(pdf):
    """Pages of a PDF, read from its (possibly compressed) page tree."""
    chunks = [pdf, *_streams(pdf)]
    counts = [int(count) for chunk in chunks for count in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", chunk)]
    counts += [int(count) for chunk in chunks for count in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", chunk)]
    return max(counts)
