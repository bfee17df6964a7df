"""The PDF report for the college van B&W, rendered with WeasyPrint.

The HTML is rendered from a Django template (so every free text is escaped), then turned into a
tagged PDF/UA-1. The URL fetcher serves only the app's own static files: no ``file://``, no
network, so nothing in a toelichting can make the renderer fetch anything."""

import mimetypes

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from assessments import grafieken
from assessments.models import Ontwikkelplan, Scan

from .inhoud import Spiegel

__all__ = [
    "STATISCHE_BASIS",
    "WeigerAdres",
    "statisch_pad",
    "maak_pdf",
    "rapport_html",
]

# A made-up origin: relative addresses in the report resolve under it, and only its /static/
# part is served, from the app's static files.
STATISCHE_BASIS = "https://rapport.vit.invalid/"
_STATIC = STATISCHE_BASIS + "static/"


class WeigerAdres(ValueError):
    """The report asked for something other than the app's own static files."""


def statisch_pad(url: str) -> str:
    """The static file path an address of the report may load; WeigerAdres for anything else."""
    if not url.startswith(_STATIC):
        raise WeigerAdres(f"refused to fetch {url[:80]!r}: only the app's static files are served")
    pad = url[len(_STATIC) :].split("?", 1)[0].split("#", 1)[0]
    if ".." in pad.split("/"):
        raise WeigerAdres("refused a path outside the static files")
    bestand = finders.find(pad)
    if not bestand:
        raise WeigerAdres(f"static file not found: {pad}")
    return bestand


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AlleenStatischeBestanden(URLFetcher):
        """Serves the app's static files and refuses everything else."""

        def fetch(self, url, headers=None):
            bestand = statisch_pad(url)
            with open(bestand, "rb") as f:
                inhoud = f.read()
            soort = mimetypes.guess_type(bestand)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=inhoud, headers={"Content-Type": soort})

    return AlleenStatischeBestanden()


def rapport_html(scan: Scan, spiegel: Spiegel) -> str:
    plan = Ontwikkelplan.objects.filter(scan=scan).prefetch_related("focus").first()
    acties = list(plan.acties.select_related("uitgangspunt", "handreiking")) if plan else []
    focus_ids = {up.pk for up in plan.focus.all()} if plan else set()
    rijen = [(u.up.naam, u.score, u.ambitie) for u in spiegel.uitgangspunten]
    # Handreikingen: first those of the focus points and ontwikkelpunten.
    voorrang = focus_ids | {u.up.pk for u in spiegel.ontwikkelpunten}
    volgorde = sorted(
        spiegel.uitgangspunten, key=lambda u: (u.up.pk not in voorrang, u.up.volgorde)
    )
    return render_to_string(
        "assessments/spiegel/rapport.html",
        {
            "scan": scan,
            "spiegel": spiegel,
            "plan": plan,
            "acties": acties,
            "focus": [u for u in spiegel.uitgangspunten if u.up.pk in focus_ids],
            "handreikingen_volgorde": volgorde,
            "staafgrafiek": grafieken.staven(rijen),
            "radargrafiek": grafieken.radar(rijen),
            "datum": timezone.localdate(),
            "STATIC": _STATIC,
        },
    )


def maak_pdf(scan: Scan, spiegel: Spiegel) -> bytes:
    from weasyprint import HTML  # imported here: importing WeasyPrint is slow

    html = rapport_html(scan, spiegel)
    return HTML(string=html, base_url=STATISCHE_BASIS, url_fetcher=_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )
