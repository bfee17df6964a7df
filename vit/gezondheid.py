"""Health checks for the hosting party: liveness (the process answers, no database) and
readiness (database, migrations, the mail worker's heartbeat), as JSON.

Anonymous callers (probes) learn only "ok" or "niet ok" and the status code (200 or 503); a
functioneel beheerder (superuser, after the second step) sees which check failed."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

__all__ = ["ProbeMiddleware", "klaar", "leeft"]

MAIL_WERKER = "mail"


@never_cache
@require_safe
def leeft(request):
    """Liveness: answers without touching the database."""
    return JsonResponse({"status": "ok"})


def _open_migraties() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _ in plan]


def _controles() -> dict[str, str]:
    uit = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        uit["database"] = "ok"
    except DatabaseError:
        return {"database": "niet bereikbaar"}
    open_ = _open_migraties()
    uit["migraties"] = "ok" if not open_ else f"nog uit te voeren: {', '.join(open_)}"
    from .models import Hartslag

    laatst = Hartslag.objects.filter(werker=MAIL_WERKER).values_list("laatst", flat=True).first()
    stilte = timedelta(seconds=settings.VIT_WERKER_MAX_STILTE)
    if laatst is None:
        uit["mailwerker"] = "nooit gezien"
    elif timezone.now() - laatst > stilte:
        uit["mailwerker"] = f"stil sinds {timezone.localtime(laatst):%Y-%m-%d %H:%M:%S}"
    else:
        uit["mailwerker"] = "ok"
    return uit


@never_cache
@require_safe
def klaar(request):
    """Readiness: the database answers, every migration has run, the mail worker is alive."""
    controles = _controles()
    goed = all(v == "ok" for v in controles.values()) and "database" in controles
    inhoud = {"status": "ok" if goed else "niet ok"}
    user = getattr(request, "user", None)
    if user is not None and user.is_superuser and user.is_verified():
        inhoud["controles"] = controles
    return JsonResponse(inhoud, status=200 if goed else 503)


class ProbeMiddleware:
    """A platform's probes ask for the health pages by the pod's own address (Host: 10.1.2.3:8000),
    which is not one of the site's host names: for those two paths such a request is answered
    here, anonymously, before anything checks the host. Every other path, and these paths under
    an allowed host name, go the usual way."""

    PADEN = {"/health/": leeft, "/health/klaar/": klaar}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = self.PADEN.get(request.path_info)
        if view is not None:
            try:
                request.get_host()
            except DisallowedHost:
                return view(request)
        return self.get_response(request)
