"""Benchmark: publishing rondes and reading them, with every gemeente taking part in ten periods.

Loads the demo data into a throwaway PostgreSQL 15 cluster (or DATABASE_URL), adds finalised
scans with consent and a fixed score per check-vraag for part of the gemeenten in ten periods
(2014-2023), publishes the ten rondes (timed) and measures in-process every analist page with
each breakdown and the spiegel of the demo gemeente: p50/p95 over repeated requests and the
queries per request. Then it takes those rondes away, adds the same for all 342 gemeenten,
publishes again and measures again, to show that reading does not grow with the gemeenten.

    .venv/bin/python bench/vergelijken.py [--herhalingen 20] [--eerst 90]
"""

import argparse
import sys

from demodatabase import demodatabase, shell_json

PERIODEN = list(range(2014, 2024))

VULLEN = """
import json, random, time
from datetime import datetime
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from assessments.models import Gemeente, Ronde, RondeCijfer, RondeVergelijking, Scan, VastgesteldeScore
from assessments.vergelijken.publiceren import publiceer
from principles.models import CheckVraag, KaderVersie
rng = random.Random({seed})
versie = KaderVersie.objects.huidige()
vragen = list(CheckVraag.objects.filter(uitgangspunt__versie=versie))
perioden = {perioden}
# Earlier rondes of these periods go (only a benchmark may do this: a ronde never changes).
RondeCijfer.objects.filter(ronde__periode__in=perioden).delete()
RondeVergelijking.objects.filter(ronde__periode__in=perioden).delete()
Ronde.objects.filter(periode__in=perioden).delete()
al = set(Scan.objects.filter(periode__in=perioden).values_list("gemeente_id", flat=True))
gemeenten = [g for g in Gemeente.objects.filter(actief=True).order_by("code") if g.pk not in al][:{aantal}]
begin = time.perf_counter()
nu = timezone.now()
with transaction.atomic():
    for periode in perioden:
        scans = Scan.objects.bulk_create(
            Scan(gemeente=g, titel=f"Verkenning {{periode}}", periode=periode, kaderversie=versie,
                 status=Scan.Status.AFGEROND, afgerond_op=nu, toestemming_vergelijking=True)
            for g in gemeenten
        )
        VastgesteldeScore.objects.bulk_create(
            (VastgesteldeScore(scan=s, checkvraag=v, waarde=rng.choice("12233344nw")
                               .replace("n", "nvt").replace("w", "weet_niet"), voorstel="")
             for s in scans for v in vragen),
            batch_size=5000,
        )
gevuld = time.perf_counter() - begin
door = get_user_model().objects.get(username="analist")
tijden = []
for periode in perioden:
    t = time.perf_counter()
    publiceer(periode, door, nu=timezone.make_aware(datetime(periode + 1, 1, 20)))
    tijden.append(time.perf_counter() - t)
print("GEVULD=" + json.dumps({{"seconden": gevuld, "publiceren": tijden,
                              "gemeenten": Ronde.objects.get(periode=perioden[-1]).aantal_gemeenten,
                              "scans": Scan.objects.filter(status="afgerond").count()}}))
"""

METEN = """
import json, statistics, time
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from assessments.models import Lidmaatschap, Ronde, Scan
analist = get_user_model().objects.get(username="analist")
apparaat = TOTPDevice.objects.filter(user=analist, confirmed=True).first() or TOTPDevice.objects.create(
    user=analist, name="bench", confirmed=True)
c = Client()
c.force_login(analist)
sessie = c.session
sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
sessie.save()
coordinator = Client()
coordinator.force_login(Lidmaatschap.objects.get(gebruiker__username="coordinator").gebruiker)
demoscan = Scan.objects.get(gemeente__code="GM0307", periode=2025)
P = {periode}
paginas = [
    ("deelname", c, "vergelijken:overzicht", {{"periode": P}}),
    ("scores, alle gemeenten", c, "vergelijken:uitgangspunten", {{"dimensie": "alle", "periode": P}}),
    ("scores per grootteklasse", c, "vergelijken:uitgangspunten", {{"dimensie": "grootteklasse", "periode": P}}),
    ("scores per provincie", c, "vergelijken:uitgangspunten", {{"dimensie": "provincie", "periode": P}}),
    ("check-vragen, alle", c, "vergelijken:checkvragen", {{"dimensie": "alle", "uitgangspunt": "UP4", "periode": P}}),
    ("check-vragen per provincie", c, "vergelijken:checkvragen", {{"dimensie": "provincie", "uitgangspunt": "UP4", "periode": P}}),
    ("check-vragen per periode", c, "vergelijken:checkvragen", {{"dimensie": "periode", "uitgangspunt": "UP4"}}),
    ("ontwikkeling", c, "vergelijken:ontwikkeling", {{}}),
    ("CSV scores per provincie", c, "vergelijken:uitgangspunten", {{"dimensie": "provincie", "periode": P, "formaat": "csv"}}),
    ("rondes", c, "vergelijken:rondes", {{}}),
    ("spiegel (hele pagina)", coordinator, "scans:spiegel", {{}}),
]
uitslag = []
for naam, c, pagina, keuze in paginas:
    url = reverse(pagina, args=[demoscan.pk] if pagina == "scans:spiegel" else [])
    # Cold: the first request after publishing (nothing rendered is kept yet); its queries.
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        begin = time.perf_counter()
        assert c.get(url, keuze).status_code == 200
        koud = (time.perf_counter() - begin) * 1000
    queries = len(ctx.captured_queries)
    tijden = []
    for _ in range({n}):
        begin = time.perf_counter()
        assert c.get(url, keuze).status_code == 200
        tijden.append((time.perf_counter() - begin) * 1000)
    tijden.sort()
    uitslag.append({{"naam": naam, "p50": statistics.median(tijden),
                    "p95": tijden[int(0.95 * (len(tijden) - 1))], "koud": koud,
                    "queries": queries}})
# The spiegel's comparison alone: finding the ronde and reading the gemeente's figures.
from assessments.vergelijken import publiceren
tijden = []
for _ in range({n}):
    begin = time.perf_counter()
    publiceren.spiegelvergelijking(demoscan, publiceren.ronde_voor_scan(demoscan))
    tijden.append((time.perf_counter() - begin) * 1000)
with CaptureQueriesContext(connection) as ctx:
    publiceren.spiegelvergelijking(demoscan, publiceren.ronde_voor_scan(demoscan))
tijden.sort()
uitslag.append({{"naam": "spiegelvergelijking (lezen)", "koud": tijden[-1], "p50": statistics.median(tijden),
                "p95": tijden[int(0.95 * (len(tijden) - 1))], "queries": len(ctx.captured_queries)}})
ronde = Ronde.objects.get(periode=P)
print("GEMETEN=" + json.dumps({{"paginas": uitslag, "gemeenten": ronde.aantal_gemeenten,
                               "rondes": Ronde.objects.count()}}))
"""


def _meet(env, n):
    return shell_json(env, METEN.format(n=n, periode=PERIODEN[-1]), "GEMETEN")


def _vul(env, seed, aantal):
    gevuld = shell_json(env, VULLEN.format(seed=seed, aantal=aantal, perioden=PERIODEN), "GEVULD")
    tijden = sorted(gevuld["publiceren"])
    print(
        f"{gevuld['gemeenten']} gemeenten x {len(PERIODEN)} perioden gevuld in "
        f"{gevuld['seconden']:.0f} s ({gevuld['scans']} afgeronde scans in de database); "
        f"een ronde publiceren: mediaan {tijden[len(tijden) // 2]:.2f} s, "
        f"hoogste {tijden[-1]:.2f} s (doel <= 10 s: {'gehaald' if tijden[-1] <= 10 else 'NIET gehaald'})",
        flush=True,
    )
    return gevuld


def _toon(meting, doel):
    print(
        f"\nRonde {PERIODEN[-1]} met {meting['gemeenten']} gemeenten, {meting['rondes']} rondes "
        f"(PostgreSQL, in-process):"
    )
    print(f"  {'pagina':30} {'koud ms':>8} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for p in meting["paginas"]:
        print(
            f"  {p['naam']:30} {p['koud']:8.1f} {p['p50']:8.1f} {p['p95']:8.1f} {p['queries']:8d}"
        )
    # The target is for reading a ronde; the whole spiegel page (answers, perspectives, charts
    # of one scan) is shown beside it, with bench/spiegel.py as its own benchmark.
    slechtste = max(p["p95"] for p in meting["paginas"] if p["naam"] != "spiegel (hele pagina)")
    print(
        f"  hoogste p95 bij het lezen van een ronde {slechtste:.1f} ms (doel <= {doel} ms: "
        f"{'gehaald' if slechtste <= doel else 'NIET gehaald'})"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=20)
    parser.add_argument("--eerst", type=int, default=90, help="gemeenten in de eerste meting")
    args = parser.parse_args()
    with demodatabase() as env:
        _vul(env, 1, args.eerst)
        klein = _meet(env, args.herhalingen)
        _vul(env, 2, 342)
        groot = _meet(env, args.herhalingen)
        _toon(klein, 50)
        _toon(groot, 50)
        gelijk = [p["queries"] for p in klein["paginas"]] == [
            p["queries"] for p in groot["paginas"]
        ]
        print(
            f"\nQueries per pagina gelijk bij {klein['gemeenten']} en {groot['gemeenten']} "
            f"gemeenten: {'ja' if gelijk else 'NEE'}"
        )
        return 0 if gelijk else 1


if __name__ == "__main__":
    sys.exit(main())
