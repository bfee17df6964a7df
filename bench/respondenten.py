"""Benchmark: 20 respondents answer a full scan at the same time.

Runs VIT under gunicorn on a throwaway PostgreSQL 15 cluster (or on DATABASE_URL when set),
loads the demo data, lets 20 simulated respondents answer every page of the demo gemeente's
open scan (page views, autosaves, page saves, afronden), and prints p50/p95/max latency per
kind of request, the number of errors, and the SQL queries per request kind (measured
in-process). Traffic goes to 127.0.0.1 only; the run stops by itself.

    .venv/bin/python bench/respondenten.py [--respondenten 20] [--workers 4] [--threads 1]
        [--denktijd 0]
"""

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from demodatabase import ROOT, demodatabase, shell_json

MAX_SECONDEN = 240

UITNODIGEN = """
import json
from assessments.models import Perspectief, Scan
from assessments.scans.services import nodig_uit
scan = Scan.objects.get(gemeente__code="GM0307", status="open")
perspectieven = list(Perspectief.objects.order_by("volgorde"))
tokens = [nodig_uit(scan, perspectieven[i % len(perspectieven)], naam=f"Bench {{i}}")[1]
          for i in range({n})]
print("TOKENS=" + json.dumps(tokens))
"""


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Respondent:
    """One simulated respondent with its own cookies."""

    def __init__(self, poort, token, metingen, fouten, rng, denktijd):
        self.poort, self.token, self.metingen, self.fouten, self.rng = (
            poort,
            token,
            metingen,
            fouten,
            rng,
        )
        self.denktijd = denktijd
        self.cookies = {}

    def _verzoek(self, soort, methode, pad, data=None, verwacht=(200,)):
        if self.denktijd:
            time.sleep(self.rng.uniform(0.5, 1.5) * self.denktijd)
        verbinding = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=30)
        kop = {"Host": "127.0.0.1"}
        if self.cookies:
            kop["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        lichaam = None
        if data is not None:
            lichaam = urlencode(data)
            kop["Content-Type"] = "application/x-www-form-urlencoded"
            kop["Referer"] = f"http://127.0.0.1:{self.poort}{pad}"
        begin = time.perf_counter()
        verbinding.request(methode, pad, body=lichaam, headers=kop)
        antwoord = verbinding.getresponse()
        inhoud = antwoord.read().decode("utf-8", "replace")
        self.metingen[soort].append((time.perf_counter() - begin) * 1000)
        for waarde in antwoord.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(waarde)
            for naam, morsel in cookie.items():
                self.cookies[naam] = morsel.value
        if antwoord.status not in verwacht:
            self.fouten.append(f"{soort} {pad}: {antwoord.status}")
        verbinding.close()
        return antwoord.status, inhoud

    def vul_in(self):
        """Answer the whole questionnaire; anything unexpected counts as an error."""
        try:
            self._vul_in()
        except Exception as exc:  # noqa: BLE001 (a failed respondent is a finding, not a crash)
            self.fouten.append(f"respondent afgebroken: {type(exc).__name__}: {exc}")

    def _vul_in(self):
        basis = f"/vragenlijst/{self.token}/"
        _, html = self._verzoek("startpagina (GET)", "GET", basis)
        paginas = re.findall(r'href="(/vragenlijst/[^"]+/up\d+/)"', html)
        pad = paginas[0] if paginas else basis + "up1/"
        while pad:
            _, html = self._verzoek("vragenpagina (GET)", "GET", pad)
            csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
            versies = {
                int(v): int(n) for v, n in re.findall(r'name="v(\d+)-versie" value="(\d+)"', html)
            }
            for vraag in self.rng.sample(sorted(versies), k=min(2, len(versies))):
                status, tekst = self._verzoek(
                    "autosave (POST)",
                    "POST",
                    basis + "antwoord/",
                    {
                        "csrfmiddlewaretoken": csrf,
                        "vraag": vraag,
                        "waarde": self.rng.choice("1234"),
                        "toelichting": "",
                        "versie": versies[vraag],
                    },
                )
                if status == 200:
                    versies[vraag] = json.loads(tekst)["versie"]
            data = {"csrfmiddlewaretoken": csrf, "actie": "volgende"}
            for vraag, versie in versies.items():
                data[f"v{vraag}-waarde"] = self.rng.choice(
                    ["1", "2", "3", "4", "4", "3", "weet_niet"]
                )
                data[f"v{vraag}-toelichting"] = (
                    "Korte toelichting." if self.rng.random() < 0.1 else ""
                )
                data[f"v{vraag}-versie"] = versie
            has_next = 'value="volgende"' in html
            self._verzoek(
                "pagina opslaan (POST)",
                "POST",
                pad,
                data if has_next else {**data, "actie": "overzicht"},
                verwacht=(302,),
            )
            nummer = int(re.search(r"/up(\d+)/$", pad).group(1))
            pad = f"{basis}up{nummer + 1}/" if has_next else None
        _, html = self._verzoek("overzicht (GET)", "GET", basis + "overzicht/")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        versie = re.search(r'name="versie" value="(\d+)"', html).group(1)
        self._verzoek(
            "afronden (POST)",
            "POST",
            basis + "overzicht/",
            {"csrfmiddlewaretoken": csrf, "versie": versie, "bevestig": "ja"},
            verwacht=(302,),
        )


def percentiel(waarden, p):
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(round(p / 100 * (len(geordend) - 1))))]


def tel_queries(env, token):
    """Queries per request kind, measured in-process with Django's test client."""
    code = f"""
import json, re
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
c = Client()
def tel(m, url, data=None):
    with CaptureQueriesContext(connection) as ctx:
        r = getattr(c, m)(url, data or {{}})
    return len(ctx.captured_queries), r
basis = "/vragenlijst/{token}/"
uit = {{}}
uit["startpagina (GET)"], _ = tel("get", basis)
# A page not visited before, as when a respondent moves on (the warm-up used up1).
uit["vragenpagina (GET)"], r = tel("get", basis + "up2/")
html = r.content.decode()
versies = dict(re.findall(r'name="v(\\d+)-versie" value="(\\d+)"', html))
vraag = next(iter(versies))
uit["autosave (POST)"], _ = tel("post", basis + "antwoord/", {{"vraag": vraag, "waarde": "3", "toelichting": "", "versie": 0}})
data = {{"actie": "blijf"}}
for v in versies:
    data.update({{f"v{{v}}-waarde": "2", f"v{{v}}-toelichting": "", f"v{{v}}-versie": 1 if v == vraag else 0}})
uit["pagina opslaan (POST)"], _ = tel("post", basis + "up2/", data)
uit["overzicht (GET)"], r = tel("get", basis + "overzicht/")
versie = re.search(r'name="versie" value="(\\d+)"', r.content.decode()).group(1)
uit["afronden (POST)"], _ = tel("post", basis + "overzicht/", {{"versie": versie, "bevestig": "ja"}})
print("QUERIES=" + json.dumps(uit))
"""
    return shell_json(env, code, "QUERIES")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondenten", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per gunicorn worker (more than 1: the gthread worker class)",
    )
    parser.add_argument(
        "--denktijd",
        type=float,
        default=0.0,
        help="average seconds a respondent waits before each request (0: none, a stress test)",
    )
    args = parser.parse_args()
    with demodatabase() as env:
        return _meet(args, env)


LOGBESTAND = Path(tempfile.gettempdir()) / "vit-bench-gunicorn.log"


def _meet(args, env):
    gunicorn = None
    try:
        tokens = shell_json(env, UITNODIGEN.format(n=args.respondenten + 1), "TOKENS")
        poort = vrije_poort()
        gunicorn = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "vit.wsgi",
                "-b",
                f"127.0.0.1:{poort}",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            # One JSON log line per request would drown the figures: kept in a file instead.
            stderr=open(LOGBESTAND, "w"),  # noqa: SIM115 (closed with the process)
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", poort), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        # Warm up every worker (a running server has loaded its code and templates).
        opwarm = defaultdict(list)
        for _ in range(args.workers * 4):
            Respondent(poort, tokens[-1], opwarm, [], random.Random(0), 0)._verzoek(
                "opwarmen", "GET", f"/vragenlijst/{tokens[-1]}/up1/"
            )
        metingen, fouten = defaultdict(list), []
        rng = random.Random(7)
        respondenten = [
            Respondent(poort, token, metingen, fouten, random.Random(rng.random()), args.denktijd)
            for token in tokens[: args.respondenten]
        ]
        belasting_voor = os.getloadavg()[0]
        begin = time.perf_counter()
        draden = [threading.Thread(target=r.vul_in, daemon=True) for r in respondenten]
        for d in draden:
            d.start()
        for d in draden:
            d.join(timeout=max(1, MAX_SECONDEN - (time.perf_counter() - begin)))
        duur = time.perf_counter() - begin
        afgebroken = sum(d.is_alive() for d in draden)
        belasting_na = os.getloadavg()[0]
        queries = tel_queries(env, tokens[-1])

        print(
            f"\n{args.respondenten} respondenten tegelijk, denktijd {args.denktijd} s, "
            f"gunicorn {args.workers} workers x {args.threads} threads, PostgreSQL; "
            f"duur {duur:.1f} s; load average voor/na {belasting_voor:.1f}/{belasting_na:.1f} "
            f"op {os.cpu_count()} cores"
        )
        print(
            f"{'soort verzoek':<24}{'aantal':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'queries':>9}"
        )
        for soort, tijden in sorted(metingen.items()):
            print(
                f"{soort:<24}{len(tijden):>8}{statistics.median(tijden):>9.1f}"
                f"{percentiel(tijden, 95):>9.1f}{max(tijden):>9.1f}{str(queries.get(soort, '')):>9}"
            )
        print(f"log van gunicorn (één regel per verzoek): {LOGBESTAND}")
        print(f"fouten: {len(fouten)}{' (' + '; '.join(fouten[:5]) + ')' if fouten else ''}")
        if afgebroken:
            print(f"niet op tijd klaar: {afgebroken} respondenten")
        opslaan = metingen["pagina opslaan (POST)"] + metingen["autosave (POST)"]
        p95 = percentiel(opslaan, 95) if opslaan else float("nan")
        print(
            f"doel: p95 van opslaan <= 150 ms: {'gehaald' if p95 <= 150 else 'NIET gehaald'} ({p95:.1f} ms)"
        )
        return 0 if not fouten and not afgebroken else 1
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=10)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
                gunicorn.wait()


if __name__ == "__main__":
    sys.exit(main())
