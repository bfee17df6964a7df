"""Benchmark: the analist pages with every gemeente taking part in three periods.

Loads the demo data into a throwaway PostgreSQL 15 cluster (or DATABASE_URL), adds finalised
scans with consent for the gemeenten (3 periods, 6 respondents per scan answering all
check-vragen, fixed scores per check-vraag), then measures in-process every analist page with
each breakdown: p50/p95 over repeated requests and the queries per request. It measures twice,
with part of the gemeenten and with all 342, to show that the query counts do not grow.

    .venv/bin/python bench/vergelijken.py [--herhalingen 20] [--eerst 60]
"""

import argparse
import sys

from demodatabase import demodatabase, shell_json

VULLEN = """
import hashlib, json, random, secrets, time
from django.db import transaction
from django.utils import timezone
from assessments.models import Antwoord, Gemeente, Perspectief, Respondent, Scan, VastgesteldeScore
from principles.models import CheckVraag, KaderVersie
begin = time.perf_counter()
rng = random.Random({seed})
versie = KaderVersie.objects.huidige()
vragen = list(CheckVraag.objects.filter(uitgangspunt__versie=versie))
perspectieven = list(Perspectief.objects.all())
gemeenten = list(Gemeente.objects.filter(actief=True).order_by("code"))[{van}:{tot}]
nu = timezone.now()
with transaction.atomic():
    for periode in (2023, 2024, 2025):
        scans = Scan.objects.bulk_create(
            Scan(gemeente=g, titel=f"Verkenning {{periode}}", periode=periode, kaderversie=versie,
                 status=Scan.Status.AFGEROND, afgerond_op=nu, toestemming_vergelijking=True)
            for g in gemeenten
        )
        respondenten = Respondent.objects.bulk_create(
            Respondent(scan=s, perspectief=perspectieven[i % len(perspectieven)],
                       token_hash=hashlib.sha256(secrets.token_bytes(16)).hexdigest(),
                       gestart_op=nu, afgerond_op=nu)
            for s in scans for i in range(6)
        )
        antwoorden = []
        for r in respondenten:
            basis = rng.randint(1, 4)
            for v in vragen:
                antwoorden.append(Antwoord(respondent=r, checkvraag=v,
                                           waarde=str(min(4, max(1, basis + rng.randint(-1, 1))))))
        Antwoord.objects.bulk_create(antwoorden, batch_size=5000)
        VastgesteldeScore.objects.bulk_create(
            (VastgesteldeScore(scan=s, checkvraag=v, waarde=rng.choice("12233344nw")
                               .replace("n", "nvt").replace("w", "weet_niet"), voorstel="")
             for s in scans for v in vragen),
            batch_size=5000,
        )
print("GEVULD=" + json.dumps({{"seconden": time.perf_counter() - begin,
                              "scans": Scan.objects.filter(status="afgerond").count(),
                              "antwoorden": Antwoord.objects.count()}}))
"""

METEN = """
import json, statistics, time
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from assessments.vergelijking import deelnemende_scans
analist = get_user_model().objects.get(username="analist")
apparaat = TOTPDevice.objects.filter(user=analist, confirmed=True).first() or TOTPDevice.objects.create(
    user=analist, name="bench", confirmed=True)
c = Client()
c.force_login(analist)
sessie = c.session
sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
sessie.save()
paginas = [
    ("deelname", "overzicht", {{}}),
    ("scores, alle gemeenten", "uitgangspunten", {{"dimensie": "alle"}}),
    ("scores per grootteklasse", "uitgangspunten", {{"dimensie": "grootteklasse"}}),
    ("scores per provincie", "uitgangspunten", {{"dimensie": "provincie"}}),
    ("check-vragen, alle", "checkvragen", {{"dimensie": "alle", "uitgangspunt": "UP4"}}),
    ("check-vragen per provincie", "checkvragen", {{"dimensie": "provincie", "uitgangspunt": "UP4"}}),
    ("check-vragen per periode", "checkvragen", {{"dimensie": "periode", "uitgangspunt": "UP4"}}),
    ("ontwikkeling", "ontwikkeling", {{}}),
    ("CSV scores per provincie", "uitgangspunten", {{"dimensie": "provincie", "formaat": "csv"}}),
]
uitslag = []
for naam, pagina, keuze in paginas:
    url = reverse(f"vergelijken:{{pagina}}")
    assert c.get(url, keuze).status_code == 200
    tijden = []
    for _ in range({n}):
        begin = time.perf_counter()
        assert c.get(url, keuze).status_code == 200
        tijden.append((time.perf_counter() - begin) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        c.get(url, keuze)
    tijden.sort()
    uitslag.append({{"naam": naam, "p50": statistics.median(tijden),
                    "p95": tijden[int(0.95 * (len(tijden) - 1))], "queries": len(ctx.captured_queries)}})
scans = deelnemende_scans()
print("GEMETEN=" + json.dumps({{"paginas": uitslag, "deelnemers": len(scans),
                               "gemeenten": len({{s.gemeente_id for s in scans.values()}})}}))
"""


def _meet(env, n):
    return shell_json(env, METEN.format(n=n), "GEMETEN")


def _toon(meting, doel):
    print(
        f"\n{meting['gemeenten']} gemeenten, {meting['deelnemers']} deelnemende scans "
        f"(PostgreSQL, in-process):"
    )
    print(f"  {'pagina':30} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for p in meting["paginas"]:
        print(f"  {p['naam']:30} {p['p50']:8.1f} {p['p95']:8.1f} {p['queries']:8d}")
    slechtste = max(p["p95"] for p in meting["paginas"])
    print(
        f"  hoogste p95 {slechtste:.1f} ms (doel <= {doel} ms: "
        f"{'gehaald' if slechtste <= doel else 'NIET gehaald'})"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=20)
    parser.add_argument("--eerst", type=int, default=60, help="gemeenten in de eerste meting")
    args = parser.parse_args()
    with demodatabase() as env:
        eerst = shell_json(env, VULLEN.format(seed=1, van=0, tot=args.eerst), "GEVULD")
        print(f"{args.eerst} gemeenten x 3 perioden gevuld in {eerst['seconden']:.0f} s")
        klein = _meet(env, args.herhalingen)
        rest = shell_json(env, VULLEN.format(seed=2, van=args.eerst, tot=None), "GEVULD")
        print(
            f"Overige gemeenten gevuld in {rest['seconden']:.0f} s: {rest['scans']} afgeronde "
            f"scans, {rest['antwoorden']} antwoorden"
        )
        groot = _meet(env, args.herhalingen)
        _toon(klein, 300)
        _toon(groot, 300)
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
