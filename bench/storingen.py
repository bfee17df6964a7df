"""Faults the service must survive: two app instances on one database, and PostgreSQL
restarted while respondents save. Prints what it checked; exits 1 when a check fails.

Starts a throwaway PostgreSQL 15 cluster with the demo data (always its own: the database is
restarted on purpose) and two gunicorn instances on different ports (two workers each):

1. Respondents whose requests alternate between the two instances (page on one, autosave on
   the other, page save on the first) lose nothing: the database holds exactly what they gave.
2. The once-only guard holds across instances: six identical new-action forms, sent at the
   same moment to both instances, make one action.
3. PostgreSQL restarts while respondents save: a request in flight gets the Dutch error page or
   a conflict, never a half-written page, and without restarting gunicorn every request
   succeeds again within a few seconds.

    .venv/bin/python bench/storingen.py [--respondenten 6]
"""

import argparse
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from demodatabase import ROOT, demodatabase, shell_json

UITNODIGEN = """
import json
from assessments.models import Perspectief, Scan
from assessments.scans.services import nodig_uit
scan = Scan.objects.get(gemeente__code="GM0307", status="open")
perspectieven = list(Perspectief.objects.order_by("volgorde"))
print("TOKENS=" + json.dumps([nodig_uit(scan, perspectieven[i % 5])[1] for i in range({n})]))
"""

ANTWOORDEN = """
import json
from assessments.models import Antwoord
from assessments.scans.services import hash_token
uit = {{}}
for token in {tokens!r}:
    rijen = Antwoord.objects.filter(respondent__token_hash=hash_token(token)).values_list(
        "checkvraag_id", "checkvraag__uitgangspunt__sleutel", "waarde")
    uit[token] = [[v, up, w] for v, up, w in rijen]
print("ANTWOORDEN=" + json.dumps(uit))
"""

ACTIES = """
from assessments.models import Actie
print("ACTIES=" + str(Actie.objects.count()))
"""


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Bezoeker:
    """One browser: its own cookies, any instance."""

    def __init__(self):
        self.cookies = {}

    def vraag(self, poort, methode, pad, data=None):
        verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
        kop = {"Host": "127.0.0.1"}
        if self.cookies:
            kop["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        lichaam = None
        if data is not None:
            lichaam = urlencode(data, doseq=True)
            kop["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            verbinding.request(methode, pad, body=lichaam, headers=kop)
            antwoord = verbinding.getresponse()
            inhoud = antwoord.read().decode("utf-8", "replace")
        except OSError as exc:
            return 0, f"verbinding: {exc}"
        finally:
            verbinding.close()
        for waarde in antwoord.headers.get_all("Set-Cookie") or []:
            for naam, morsel in SimpleCookie(waarde).items():
                self.cookies[naam] = morsel.value
        return antwoord.status, inhoud


def _csrf(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _versies(html):
    return {int(v): int(n) for v, n in re.findall(r'name="v(\d+)-versie" value="(\d+)"', html)}


def _pagina_opslaan(bezoeker, poort, token, sleutel, html, waarde):
    data = {"csrfmiddlewaretoken": _csrf(html), "actie": "blijf"}
    for vraag, versie in _versies(html).items():
        data.update(
            {f"v{vraag}-waarde": waarde, f"v{vraag}-toelichting": "", f"v{vraag}-versie": versie}
        )
    return bezoeker.vraag(poort, "POST", f"/vragenlijst/{token}/{sleutel}/", data)


class Uitslag:
    def __init__(self):
        self.regels = []

    def check(self, goed: bool, tekst: str):
        self.regels.append((goed, tekst))
        print(f"  [{'OK' if goed else 'NIET OK'}] {tekst}", flush=True)

    @property
    def geslaagd(self):
        return all(goed for goed, _ in self.regels)


def afwisselend(poorten, tokens, uitslag, env):
    """Check 1: requests of one respondent alternate between the instances."""
    verwacht, fouten = {}, []

    def respondent(i, token):
        b = Bezoeker()
        eigen = {}
        for n in range(1, 8):
            sleutel = f"up{n}"
            hier, daar = poorten[(i + n) % 2], poorten[(i + n + 1) % 2]
            status, html = b.vraag(hier, "GET", f"/vragenlijst/{token}/{sleutel}/")
            if status != 200:
                fouten.append(f"pagina {sleutel}: {status}")
                continue
            versies = _versies(html)
            eerste = next(iter(versies))
            status, tekst = b.vraag(
                daar,
                "POST",
                f"/vragenlijst/{token}/antwoord/",
                {
                    "csrfmiddlewaretoken": _csrf(html),
                    "vraag": eerste,
                    "versie": 0,
                    "waarde": "1",
                    "toelichting": "",
                },
            )
            if status != 200:
                fouten.append(f"autosave {sleutel}: {status}")
            # The page save on the other instance knows the autosave's new version only from a
            # fresh page view, as a browser that autosaved would (vit.js updates the field).
            status, html = b.vraag(hier, "GET", f"/vragenlijst/{token}/{sleutel}/")
            waarde = str(1 + (i + n) % 4)
            status, _ = _pagina_opslaan(b, daar, token, sleutel, html, waarde)
            if status != 302:
                fouten.append(f"pagina opslaan {sleutel}: {status}")
            for vraag in versies:
                eigen[vraag] = waarde
        verwacht[token] = eigen

    draden = [threading.Thread(target=respondent, args=(i, t)) for i, t in enumerate(tokens)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    opgeslagen = shell_json(env, ANTWOORDEN.format(tokens=tokens), "ANTWOORDEN")
    verschil = sum(
        1
        for token in tokens
        for vraag, _, waarde in opgeslagen[token]
        if verwacht[token].get(vraag) != waarde
    )
    aantal = sum(len(v) for v in verwacht.values())
    uitslag.check(
        not fouten,
        f"{len(tokens)} respondenten, om en om op twee instanties: {len(fouten)} mislukte verzoeken {fouten[:3]}",
    )
    uitslag.check(
        verschil == 0 and aantal == sum(len(v) for v in opgeslagen.values()),
        f"de database bevat precies de {aantal} gegeven antwoorden ({verschil} anders)",
    )


def eenmalig_over_instanties(poorten, uitslag, env):
    """Check 2: six identical new-action forms to both instances make one action."""
    b = Bezoeker()
    _, html = b.vraag(poorten[0], "GET", "/inloggen/")
    b.vraag(
        poorten[0],
        "POST",
        "/inloggen/",
        {
            "csrfmiddlewaretoken": _csrf(html),
            "username": "coordinator",
            "password": "demo-vit-2026",
        },
    )
    scan = shell_json(
        env,
        'from assessments.models import Scan\nprint("SCAN=" + str(Scan.objects.get(gemeente__code="GM0307", periode=2025).pk))',
        "SCAN",
    )
    status, html = b.vraag(poorten[1], "GET", f"/scans/{scan}/plan/acties/nieuw/")
    if status != 200:
        uitslag.check(False, f"actieformulier niet te openen: {status}")
        return
    # The action form offers the plan's focuspunten as radio buttons.
    up = re.search(r'name="uitgangspunt" value="(\d+)"', html).group(1)
    data = {
        "csrfmiddlewaretoken": _csrf(html),
        "indiening": re.search(r'name="indiening" value="([^"]+)"', html).group(1),
        "uitgangspunt": up,
        "omschrijving": "Spreekuur in de bibliotheek",
        "eigenaar": "Teamleider",
        "planning": "2027",
        "succescriterium": "Elke week open",
        "status": "gepland",
        "versie": 0,
    }
    voor = int(shell_json(env, ACTIES, "ACTIES"))
    start = threading.Barrier(6)
    statussen = []

    def stuur(i):
        kopie = Bezoeker()
        kopie.cookies = dict(b.cookies)
        start.wait()
        statussen.append(
            kopie.vraag(poorten[i % 2], "POST", f"/scans/{scan}/plan/acties/nieuw/", data)[0]
        )

    draden = [threading.Thread(target=stuur, args=(i,)) for i in range(6)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    na = int(shell_json(env, ACTIES, "ACTIES"))
    uitslag.check(
        na - voor == 1 and statussen == [302] * 6,
        f"zes gelijke formulieren tegelijk naar twee instanties: {na - voor} actie erbij, antwoorden {sorted(statussen)}",
    )


def herstart_database(poorten, tokens, uitslag, env):
    """Check 3: PostgreSQL restarts while respondents save."""
    stop = threading.Event()
    log = []  # (time, status, kind, body contains the Dutch error text)
    herstart = {}

    def respondent(i, token):
        b = Bezoeker()
        n = 0
        while not stop.is_set():
            n += 1
            poort = poorten[n % 2]
            sleutel = f"up{1 + n % 7}"
            status, html = b.vraag(poort, "GET", f"/vragenlijst/{token}/{sleutel}/")
            log.append((time.monotonic(), status, "pagina", "Er ging iets mis" in html))
            if status != 200:
                time.sleep(0.2)
                continue
            status, tekst = _pagina_opslaan(
                b, poorten[(n + 1) % 2], token, sleutel, html, str(1 + n % 4)
            )
            log.append((time.monotonic(), status, "opslaan", "Er ging iets mis" in tekst))

    draden = [threading.Thread(target=respondent, args=(i, t)) for i, t in enumerate(tokens)]
    for d in draden:
        d.start()
    time.sleep(3)
    herstart["begin"] = time.monotonic()
    kaart = env["VIT_PG_DIR"]
    pg_ctl = ["/usr/lib/postgresql/15/bin/pg_ctl", "-D", f"{kaart}/data", "-l", f"{kaart}/log"]
    pg_ctl += ["-m", "fast", "-w", "restart"]
    if os.getuid() == 0:
        pg_ctl = ["runuser", "-u", "postgres", "--", *pg_ctl]
    # The restarted server keeps its output streams: they must not be pipes we wait on.
    subprocess.run(
        pg_ctl, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60
    )
    herstart["einde"] = time.monotonic()
    time.sleep(6)
    stop.set()
    for d in draden:
        d.join()
    tijdens = [r for r in log if herstart["begin"] - 0.5 <= r[0] <= herstart["einde"] + 3]
    erna = [r for r in log if r[0] > herstart["einde"] + 3]
    slecht = [r for r in log if r[1] not in (200, 302, 409) and not (r[1] == 500 and r[3])]
    uitslag.check(
        not slecht,
        f"tijdens de herstart: {len(tijdens)} verzoeken, {sum(1 for r in tijdens if r[1] == 500)} kregen de "
        f"Nederlandse foutpagina, {len(slecht)} iets anders {[r[1:3] for r in slecht[:3]]}",
    )
    uitslag.check(
        erna and all(r[1] in (200, 302) for r in erna),
        f"na de herstart, zonder gunicorn te herstarten: {sum(1 for r in erna if r[1] in (200, 302))} van "
        f"{len(erna)} verzoeken gelukt",
    )
    opgeslagen = shell_json(env, ANTWOORDEN.format(tokens=tokens), "ANTWOORDEN")
    half = 0
    for rijen in opgeslagen.values():
        per_pagina = {}
        for _, up, waarde in rijen:
            per_pagina.setdefault(up, set()).add(waarde)
        # Every page save writes one value to the whole page: two values on a page would be a
        # page half written (the first round's autosave of "1" on the first question aside).
        half += sum(1 for waarden in per_pagina.values() if len(waarden - {"1"}) > 1)
    uitslag.check(half == 0, f"geen half opgeslagen pagina's ({half} gevonden)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondenten", type=int, default=6)
    args = parser.parse_args()
    os.environ.pop("DATABASE_URL", None)  # always an own cluster: it is restarted on purpose
    uitslag = Uitslag()
    servers = []
    with demodatabase() as env:
        try:
            tokens = shell_json(env, UITNODIGEN.format(n=2 * args.respondenten), "TOKENS")
            poorten = [vrije_poort(), vrije_poort()]
            # The errors the instances log while the database is away go to a file, not here.
            serverlog = open(os.path.join(env["VIT_PG_DIR"], "gunicorn.log"), "w")  # noqa: SIM115
            for poort in poorten:
                servers.append(
                    subprocess.Popen(
                        [
                            str(ROOT / ".venv" / "bin" / "gunicorn"),
                            "vit.wsgi",
                            "-b",
                            f"127.0.0.1:{poort}",
                            "--workers",
                            "2",
                            "--log-level",
                            "critical",
                        ],
                        cwd=ROOT,
                        env=env,
                        stdout=serverlog,
                        stderr=serverlog,
                    )
                )
            for poort in poorten:
                for _ in range(100):
                    try:
                        socket.create_connection(("127.0.0.1", poort), timeout=1).close()
                        break
                    except OSError:
                        time.sleep(0.2)
            print(
                f"Twee instanties (poorten {poorten[0]} en {poorten[1]}), één PostgreSQL:",
                flush=True,
            )
            afwisselend(poorten, tokens[: args.respondenten], uitslag, env)
            eenmalig_over_instanties(poorten, uitslag, env)
            herstart_database(poorten, tokens[args.respondenten :], uitslag, env)
        finally:
            for server in servers:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
    print("Alles gehaald." if uitslag.geslaagd else "NIET alles gehaald.")
    return 0 if uitslag.geslaagd else 1


if __name__ == "__main__":
    sys.exit(main())
