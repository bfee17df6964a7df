"""Benchmark: the spiegel page and the PDF report of the demo gemeente.

Loads the demo data into a throwaway PostgreSQL 15 cluster (or DATABASE_URL), then measures
in-process: the spiegel page (p50/p95 over repeated requests, queries per request) and the PDF
render (time and the process's peak memory, in a fresh process so the figure is the report's).

    .venv/bin/python bench/spiegel.py [--herhalingen 50]
"""

import argparse
import sys

from demodatabase import demodatabase, shell_json

METEN = """
import json, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
from assessments.models import Scan
scan = Scan.objects.get(gemeente__code="GM0307", periode=2025)
c = Client()
c.force_login(get_user_model().objects.get(username="lezer"))
url = f"/scans/{{scan.pk}}/spiegel/"
c.get(url)
tijden = []
for _ in range({n}):
    begin = time.perf_counter()
    assert c.get(url).status_code == 200
    tijden.append((time.perf_counter() - begin) * 1000)
with CaptureQueriesContext(connection) as ctx:
    c.get(url)
tijden.sort()
print("SPIEGEL=" + json.dumps({{"p50": statistics.median(tijden), "p95": tijden[int(0.95 * (len(tijden) - 1))], "queries": len(ctx.captured_queries), "scan": scan.pk}}))
"""

PDF = """
import json, resource, time
from assessments.models import Scan
from assessments.spiegel.rapport import maak_pdf
from assessments.spiegel.inhoud import maak_spiegel
scan = Scan.objects.get(pk={scan})
begin = time.perf_counter()
pdf = maak_pdf(scan, maak_spiegel(scan))
duur = time.perf_counter() - begin
piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from pypdf import PdfReader
import io
print("PDF=" + json.dumps({{"seconden": duur, "piek_mb": piek, "paginas": len(PdfReader(io.BytesIO(pdf)).pages), "kb": len(pdf) / 1024}}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=50)
    args = parser.parse_args()
    with demodatabase() as env:
        spiegel = shell_json(env, METEN.format(n=args.herhalingen), "SPIEGEL")
        pdf = shell_json(env, PDF.format(scan=spiegel["scan"]), "PDF")
        print(f"\nSpiegel van de demogemeente ({args.herhalingen} keer, PostgreSQL, in-process):")
        print(
            f"  p50 {spiegel['p50']:.1f} ms, p95 {spiegel['p95']:.1f} ms, {spiegel['queries']} queries"
            f"  (doel p95 <= 200 ms: {'gehaald' if spiegel['p95'] <= 200 else 'NIET gehaald'})"
        )
        print(
            f"PDF-rapport: {pdf['seconden']:.2f} s, piekgeheugen van het proces {pdf['piek_mb']:.0f} MB, "
            f"{pdf['paginas']} pagina's, {pdf['kb']:.0f} kB"
            f"  (doel <= 3 s en <= 300 MB: {'gehaald' if pdf['seconden'] <= 3 and pdf['piek_mb'] <= 300 else 'NIET gehaald'})"
        )
        return 0


if __name__ == "__main__":
    sys.exit(main())
