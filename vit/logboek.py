"""Logs for the platform: one line per request (time, request id, method, path, status,
duration, role) and the worker's lines, as JSON in production and as plain text in
development. A line never holds names, e-mail addresses, answers, toelichtingen or a link's
token: the path is logged without its query string and with every token replaced."""

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

verzoeklog = logging.getLogger("vit.verzoek")

GEHEIME_DELEN = {"token", "uidb64"}  # URL parts that open something by themselves
GEHEIME_ROUTES = ("/vragenlijst/", "/wachtwoord-vergeten/")  # masked even when not resolved
VERVANGING = ":token"
VERZOEK_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
SESSIE_ROL = "vit_rol"
VELDEN = ("verzoek_id", "methode", "pad", "status", "duur_ms", "rol", "werker", "aantal")


def veilig_pad(request) -> str:
    pad = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for naam, waarde in match.kwargs.items():
            if naam in GEHEIME_DELEN and waarde:
                pad = pad.replace(str(waarde), VERVANGING)
        return pad[:300]
    for begin in GEHEIME_ROUTES:
        if pad.startswith(begin):
            return begin + VERVANGING
    return pad[:300]


def rol_van(user) -> str:
    """What the person may do, in a few words, for the session (computed once, at login)."""
    rollen = []
    if user.is_superuser:
        rollen.append("beheerder")
    rollen += sorted(user.groups.values_list("name", flat=True))
    rollen += sorted(set(user.lidmaatschappen.values_list("rol", flat=True)))
    return ",".join(rollen) or "medewerker"


def bewaar_rol(sender, request, user, **kwargs):
    """On login (signal user_logged_in)."""
    request.session[SESSIE_ROL] = rol_van(user)


class VerzoekLogMiddleware:
    """One log line per request, after the response; the request id goes back in a header
    (and is taken over from a proxy that sends a well-formed one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        begin = time.perf_counter()
        binnen = request.headers.get("X-Request-ID", "")
        request.verzoek_id = binnen if VERZOEK_ID.match(binnen) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.verzoek_id
        if request.path.startswith("/static/"):
            return response
        user = getattr(request, "user", None)
        if request.resolver_match and "token" in request.resolver_match.kwargs:
            rol = "respondent"
        elif user is not None and user.is_authenticated:
            rol = request.session.get(SESSIE_ROL, "medewerker")
        else:
            rol = "anoniem"
        verzoeklog.info(
            "%s %s %s",
            request.method,
            veilig_pad(request),
            response.status_code,
            extra={
                "verzoek_id": request.verzoek_id,
                "methode": request.method,
                "pad": veilig_pad(request),
                "status": response.status_code,
                "duur_ms": round((time.perf_counter() - begin) * 1000, 1),
                "rol": rol,
            },
        )
        return response


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message and the known fields."""

    def format(self, record):
        regel = {
            "tijd": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "niveau": record.levelname,
            "logger": record.name,
            "bericht": record.getMessage(),
        }
        for veld in VELDEN:
            if hasattr(record, veld):
                regel[veld] = getattr(record, veld)
        if record.exc_info:
            regel["fout"] = self.formatException(record.exc_info)
        return json.dumps(regel, ensure_ascii=False)


class MaskeerPaden(logging.Filter):
    """Django's own request warnings ("Not Found: /vragenlijst/…") carry the path: the same
    masking as the request lines."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            bericht = record.getMessage()
            if request.path in bericht:
                record.msg, record.args = bericht.replace(request.path, veilig_pad(request)), ()
        return True
