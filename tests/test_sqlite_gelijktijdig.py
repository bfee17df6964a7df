"""The embedded default (SQLite, as ``make run`` starts it) holds several respondents whose
autosaves overlap: every answer is stored, none ends in "database is locked".

Runs VIT under gunicorn with four worker processes on its own SQLite file, whatever database the
rest of the suite uses."""

import http.client
import json
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parent.parent
RESPONDENTEN = 4
PER_RESPONDENT = 3

UITNODIGEN = f"""
import json
from django.contrib.auth import get_user_model
from assessments.models import Gemeente, Perspectief
from assessments.scans.services import maak_scan, nodig_uit
gemeente = Gemeente.objects.create(code="GM9998", naam="Proefgemeente", provincie="Utrecht",
                                   inwoners=30000)
scan = maak_scan(gemeente, "Proef", 2026, get_user_model().objects.create(username="proef"))
perspectief = Perspectief.objects.order_by("volgorde").first()
print("TOKENS=" + json.dumps([nodig_uit(scan, perspectief)[1] for _ in range({RESPONDENTEN})]))
"""

TELLEN = """
from assessments.models import Antwoord
print("ANTWOORDEN=" + str(Antwoord.objects.exclude(waarde="").count()))
"""


def _manage(env, *args) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout


def _uit(tekst: str, sleutel: str) -> str:
    return tekst.split(f"{sleutel}=")[1].splitlines()[0]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _verzoek(poort, methode, pad, cookies, data=None):
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
    kop = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    lichaam = None
    if data is not None:
        lichaam = urlencode(data)
        kop["Content-Type"] = "application/x-www-form-urlencoded"
    verbinding.request(methode, pad, body=lichaam, headers=kop)
    antwoord = verbinding.getresponse()
    inhoud = antwoord.read().decode("utf-8", "replace")
    for waarde in antwoord.headers.get_all("Set-Cookie") or []:
        for naam, morsel in SimpleCookie(waarde).items():
            cookies[naam] = morsel.value
    verbinding.close()
    return antwoord.status, inhoud


@pytest.fixture
def vit_op_sqlite():
    """VIT under gunicorn (four worker processes) on a fresh SQLite file, with one scan and
    its invitations; yields (port, tokens, environment)."""
    import os

    map_ = tempfile.mkdtemp(prefix="vit-sqlite-")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(DATABASE_URL=f"sqlite:///{map_}/vit.sqlite3", DJANGO_DEBUG="1")
    _manage(env, "migrate", "--no-input", "-v", "0")
    _manage(env, "laad_kader")
    tokens = json.loads(_uit(_manage(env, "shell", "-c", UITNODIGEN), "TOKENS"))
    poort = _vrije_poort()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "vit.wsgi", "-w", "4", "-b", f"127.0.0.1:{poort}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", poort), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield poort, tokens, env
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_overlapping_autosaves_of_four_respondents_are_all_stored(vit_op_sqlite):
    poort, tokens, env = vit_op_sqlite
    opdrachten = []
    for token in tokens:
        cookies = {}
        status, html = _verzoek(poort, "GET", f"/vragenlijst/{token}/up1/", cookies)
        assert status == 200
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        vragen = re.findall(r'name="v(\d+)-versie" value="0"', html)[:PER_RESPONDENT]
        for vraag in vragen:
            opdrachten.append((token, dict(cookies), csrf, vraag))
    assert len(opdrachten) == RESPONDENTEN * PER_RESPONDENT

    start = threading.Barrier(len(opdrachten))
    uitkomsten = []

    def bewaar(token, cookies, csrf, vraag):
        start.wait()
        data = {
            "csrfmiddlewaretoken": csrf,
            "vraag": vraag,
            "versie": 0,
            "waarde": "3",
            "toelichting": "Getypt terwijl anderen ook opslaan.",
        }
        uitkomsten.append(_verzoek(poort, "POST", f"/vragenlijst/{token}/antwoord/", cookies, data))

    draden = [threading.Thread(target=bewaar, args=opdracht) for opdracht in opdrachten]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=120)
    fouten = [(status, inhoud[:200]) for status, inhoud in uitkomsten if status != 200]
    assert fouten == []
    assert all(json.loads(inhoud)["versie"] == 1 for _, inhoud in uitkomsten)
    assert int(_uit(_manage(env, "shell", "-c", TELLEN), "ANTWOORDEN")) == len(opdrachten)
