"""The PDF report for the college van B&W, rendered with WeasyPrint.

The HTML is rendered from a Django template (so every free text is escaped), then turned into a
tagged PDF/UA-1. The URL fetcher serves only the app's own static files: no ``file://``, no
network, so nothing in a toelichting can make the renderer fetch anything."""

import mimetypes
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from assessments import grafieken
from assessments.models import Actie, Ontwikkelplan, Scan
from principles.models import Handreiking, Uitgangspunt

from .inhoud import Spiegel, UpUitslag
from .plan import deel_in

__all__ = [
    "HANDREIKINGEN_PER_FOCUS",
    "STATISCHE_BASIS",
    "WeigerAdres",
    "beste_handreikingen",
    "bijlage",
    "statisch_pad",
    "maak_pdf",
    "rapport_html",
]

# A made-up origin: relative addresses in the report resolve under it, and only its /static/
# part is served, from the app's static files.
STATISCHE_BASIS = "https://rapport.vit.invalid/"
_STATIC = STATISCHE_BASIS + "static/"
# Per focuspunt the report names this many handreikingen at most; all are in the appendix.
HANDREIKINGEN_PER_FOCUS = 3


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


@dataclass
class Hulp:
    """A handreiking recommended for one focuspunt, with the reason it was chosen."""

    handreiking: Handreiking
    nummer: int  # its number in the appendix
    bij_actie: bool  # an action of this focuspunt uses it
    ook_bij: int  # how many other uitgangspunten it serves


@dataclass
class Focusblok:
    uitslag: UpUitslag
    acties: list[Actie]
    hulp: list[Hulp] = field(default_factory=list)


@dataclass
class Bijlageregel:
    nummer: int
    handreiking: Handreiking
    uitgangspunten: list[Uitgangspunt]


def bijlage(scan: Scan, spiegel: Spiegel) -> list[Bijlageregel]:
    """Every handreiking of the framework version once, by title, with the uitgangspunten it
    serves (in the framework's order)."""
    per_hr = defaultdict(list)
    for u in spiegel.uitgangspunten:
        for hr in u.handreikingen:
            per_hr[hr.pk].append(u.up)
    alle = sorted(scan.kaderversie.handreikingen.all(), key=lambda h: (h.titel.lower(), h.pk))
    return [Bijlageregel(i, hr, per_hr[hr.pk]) for i, hr in enumerate(alle, start=1)]


def beste_handreikingen(uitslag: UpUitslag, acties: list[Actie], regels) -> list[Hulp]:
    """At most HANDREIKINGEN_PER_FOCUS handreikingen linked to this uitgangspunt: first those
    an action of it uses, then the most specific (serving the fewest other uitgangspunten),
    then by title."""
    regel = {r.handreiking.pk: r for r in regels}
    met_actie = {a.handreiking_id for a in acties}
    hulp = [
        Hulp(hr, regel[hr.pk].nummer, hr.pk in met_actie, len(regel[hr.pk].uitgangspunten) - 1)
        for hr in uitslag.handreikingen
        if hr.pk in regel
    ]
    hulp.sort(key=lambda h: (not h.bij_actie, h.ook_bij, h.handreiking.titel.lower()))
    return hulp[:HANDREIKINGEN_PER_FOCUS]


def rapport_html(scan: Scan, spiegel: Spiegel) -> str:
    plan = Ontwikkelplan.objects.filter(scan=scan).prefetch_related("focus").first()
    acties = list(plan.acties.select_related("uitgangspunt", "handreiking")) if plan else []
    focus_ids = {up.pk for up in plan.focus.all()} if plan else set()
    focus = [u for u in spiegel.uitgangspunten if u.up.pk in focus_ids]
    rijen = [(u.up.naam, u.score, u.ambitie) for u in spiegel.uitgangspunten]
    regels = bijlage(scan, spiegel)
    # Without focuspunten the blocks follow the spiegel's ontwikkelpunten.
    indeling = deel_in(focus or spiegel.ontwikkelpunten, acties)
    blokken = [
        Focusblok(u, lijst, beste_handreikingen(u, lijst, regels))
        for u, lijst in indeling.per_focus
    ]
    return render_to_string(
        "assessments/spiegel/rapport.html",
        {
            "scan": scan,
            "spiegel": spiegel,
            "plan": plan,
            "acties": acties,
            "focus": focus,
            "blokken": blokken,
            "overige_acties": indeling.overige,
            "bijlage": regels,
            "per_focus": HANDREIKINGEN_PER_FOCUS,
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
