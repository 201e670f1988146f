"""Benchmark (not part of the suite's run): 800 activation letters as one PDF in at most 60 seconds.

Run it on purpose: ``RUN_BENCHMARKS=1 .venv/bin/pytest -m benchmark tests/benchmarks -s``
(or ``manage.py benchmark_letters --count 800`` on a real database).
"""

import os
import time

import pytest

from hostspace.backoffice import letters
from hostspace.backoffice.management.commands.benchmark_letters import benchmark_hosts

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.django_db,
    pytest.mark.skipif(os.environ.get("RUN_BENCHMARKS") != "1", reason="benchmark: set RUN_BENCHMARKS=1 to run it"),
]

COUNT = int(os.environ.get("BENCHMARK_LETTERS", "800"))
LIMIT_SECONDS = 60


def test_800_letters_render_as_one_pdf_within_a_minute(collectivity):
    hosts = benchmark_hosts(collectivity.site, COUNT)
    started = time.perf_counter()
    pdf = letters.batch_pdf(collectivity.site, hosts)
    seconds = time.perf_counter() - started
    print(f"\n{COUNT} letters in {seconds:.1f} s ({COUNT / seconds:.1f}/s), {len(pdf) / 1e6:.1f} MB")
    assert pdf.startswith(b"%PDF-")
    assert seconds <= LIMIT_SECONDS
