"""Pages for the gemeente: its scans, starting one, inviting people, following them, afronden
and toestemming. Views read input, call a service, render."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.gemeenten.toegang import coordinator_gemeenten, scan_voor
from assessments.models import Lidmaatschap, Respondent, Ronde, Scan
from assessments.opslaan import lees_versie
from assessments.schaal import NVT
from principles.models import CheckVraag
from principles.services import gestelde_vragen
from vit.eenmalig import eenmalig, nieuwe_indiening

from . import mail, services
from .forms import NieuweScanFormulier, UitnodigingFormulier, ZelfInvullenFormulier

SESSIE_LINKS = "vit_nieuwe_links"


@require_safe
@login_required
def scans(request):
    lidmaatschappen = list(
        Lidmaatschap.objects.filter(gebruiker=request.user).select_related("gemeente")
    )
    if not lidmaatschappen:
        raise PermissionDenied("U werkt in VIT niet voor een gemeente.")
    lijst = (
        Scan.objects.filter(gemeente__in=[lid.gemeente_id for lid in lidmaatschappen])
        .select_related("gemeente", "kaderversie")
        .annotate(
            aantal_respondenten=Count(
                "respondenten", filter=Q(respondenten__ingetrokken_op__isnull=True)
            ),
            aantal_afgerond=Count(
                "respondenten", filter=Q(respondenten__afgerond_op__isnull=False)
            ),
        )
    )
    return render(
        request,
        "assessments/scans/lijst.html",
        {
            "scans": lijst,
            "is_coordinator": any(
                lid.rol == Lidmaatschap.Rol.COORDINATOR for lid in lidmaatschappen
            ),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@eenmalig
def scan_nieuw(request):
    gemeenten = coordinator_gemeenten(request.user)
    if not gemeenten.exists():
        raise PermissionDenied("Alleen een coördinator kan een scan starten.")
    form = NieuweScanFormulier(request.POST or None, gemeenten=gemeenten)
    if request.method == "POST" and form.is_valid():
        try:
            scan = services.maak_scan(
                form.cleaned_data["gemeente"],
                form.cleaned_data["titel"],
                form.cleaned_data["periode"],
                request.user,
                form.cleaned_data["vorige_scan"],
            )
        except services.OngeldigeInvoer as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"De scan '{scan.titel}' is gestart. Nodig nu mensen uit.")
            return redirect("scans:detail", pk=scan.pk)
    return render(
        request,
        "assessments/scans/nieuw.html",
        {"form": form, "indiening": request.POST.get("indiening") or nieuwe_indiening()},
        status=400 if form.errors else 200,
    )


@dataclass(frozen=True)
class RespondentRij:
    """One invitation as the scan page lists it."""

    respondent: Respondent
    status: str
    mailstatus: mail.MailStatus | None
    aantal_vragen: int

    @property
    def status_label(self) -> str:
        return Respondent.Status(self.status).label

    @property
    def beantwoord(self) -> int:
        # The respondent's own rule (vragenlijst.services.voortgang): n.v.t. leaves the count.
        return self.respondent.aantal_antwoorden - self.respondent.aantal_nvt

    @property
    def van_toepassing(self) -> int:
        return self.aantal_vragen - self.respondent.aantal_nvt

    def __getattr__(self, naam):
        # The page reads the invitation's own fields (naam, email, perspectief...) on the row.
        return getattr(self.respondent, naam)


def _voortgang_per_perspectief(rijen):
    per = defaultdict(Counter)
    for r in rijen:
        per[r.perspectief][r.status] += 1
    return [
        {
            "perspectief": p,
            "uitgenodigd": sum(c.values()) - c[Respondent.Status.INGETROKKEN],
            "bezig": c[Respondent.Status.BEZIG],
            "afgerond": c[Respondent.Status.AFGEROND],
        }
        for p, c in sorted(per.items(), key=lambda item: item[0].volgorde)
    ]


@require_safe
@login_required
def scan_detail(request, pk):
    scan, lid = scan_voor(request, pk)
    nu = timezone.now()
    respondenten = list(
        scan.respondenten.select_related("perspectief").annotate(
            aantal_antwoorden=Count("antwoorden", filter=~Q(antwoorden__waarde="")),
            aantal_nvt=Count("antwoorden", filter=Q(antwoorden__waarde=NVT)),
        )
    )
    aantal_vragen = CheckVraag.objects.filter(uitgangspunt__versie=scan.kaderversie_id).count()
    # Framework v2 asks each perspective its own questions: a respondent's "x van y" counts
    # only those (None: everyone is asked everything).
    gesteld = gestelde_vragen(scan.kaderversie)
    # A lezer (a wethouder, say) follows the progress per perspective; who was invited (names,
    # e-mail addresses, their mail) is the coördinator's to see and never reaches the page.
    is_coordinator = lid.rol == Lidmaatschap.Rol.COORDINATOR
    mailstatussen = mail.mailstatus(respondenten) if is_coordinator else {}
    rijen = [
        RespondentRij(
            r,
            r.status_op(nu),
            mailstatussen.get(r.pk),
            aantal_vragen if gesteld is None else len(gesteld.get(r.perspectief.sleutel, ())),
        )
        for r in respondenten
    ]
    per_perspectief = _voortgang_per_perspectief(rijen)
    return render(
        request,
        "assessments/scans/detail.html",
        {
            "scan": scan,
            "lid": lid,
            "is_coordinator": is_coordinator,
            "respondenten": rijen if is_coordinator else [],
            "per_perspectief": per_perspectief,
            "totaal_uitgenodigd": sum(p["uitgenodigd"] for p in per_perspectief),
            "totaal_afgerond": sum(p["afgerond"] for p in per_perspectief),
            "aantal_vragen": aantal_vragen,
            "nieuwe_links": _nieuwe_links(request, scan, respondenten) if is_coordinator else [],
            "ontbrekend": (
                services.ontbrekend_voor_afronden(scan) if scan.is_open and is_coordinator else []
            ),
            "zelf_form": ZelfInvullenFormulier(),
            # A scan of a period whose ronde is out no longer enters the comparison of it.
            "ronde_van_periode": Ronde.objects.filter(periode=scan.periode).first(),
        },
    )


def _nieuwe_links(request, scan, respondenten):
    """The links made just now (shown once), with the invitation they belong to."""
    links = request.session.pop(SESSIE_LINKS, {}) if scan.is_open else {}
    per_pk = {str(r.pk): r for r in respondenten}
    return [(per_pk[rid], link) for rid, link in links.items() if rid in per_pk]


def _uitnodiger(request) -> services.Uitnodiger:
    return services.Uitnodiger(
        naam=request.user.get_full_name() or request.user.username,
        link_van=lambda token: request.build_absolute_uri(
            reverse("vragenlijst:start", args=[token])
        ),
    )


def _bewaar_link_voor_weergave(request, respondent, token):
    """The link is shown once, on the next page; only its hash is stored."""
    links = request.session.get(SESSIE_LINKS, {})
    links[str(respondent.pk)] = _uitnodiger(request).link_van(token)
    request.session[SESSIE_LINKS] = links


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@eenmalig
def uitnodigen(request, pk):
    scan, _ = scan_voor(request, pk, schrijven=True)
    if not scan.is_open:
        messages.error(request, "Deze scan is afgerond; u kunt geen mensen meer uitnodigen.")
        return redirect("scans:detail", pk=scan.pk)
    form = UitnodigingFormulier(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The invitation and its mail in the queue: both or neither.
        respondent, token = services.nodig_uit(
            scan, **form.cleaned_data, uitnodiger=_uitnodiger(request)
        )
        _bewaar_link_voor_weergave(request, respondent, token)
        if respondent.email:
            messages.success(
                request,
                f"De uitnodiging is gemaakt en wordt zo gemaild naar {respondent.email}. "
                "Of de mail is verzonden, ziet u bij de respondenten.",
            )
        else:
            messages.success(request, "De uitnodiging is gemaakt. Kopieer de link hieronder.")
        return redirect("scans:detail", pk=scan.pk)
    return render(
        request,
        "assessments/scans/uitnodigen.html",
        {
            "scan": scan,
            "form": form,
            "indiening": request.POST.get("indiening") or nieuwe_indiening(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def respondent_actie(request, pk, respondent_pk, actie):
    scan, _ = scan_voor(request, pk, schrijven=True)
    respondent = get_object_or_404(Respondent, pk=respondent_pk, scan=scan)
    if not scan.is_open:
        messages.error(request, "Deze scan is afgerond; uitnodigingen veranderen niet meer.")
        return redirect("scans:detail", pk=scan.pk)
    wie = respondent.naam or f"de uitnodiging ({respondent.perspectief.naam})"
    if actie == "nieuwe-link":
        token = services.vernieuw_link(respondent)
        _bewaar_link_voor_weergave(request, respondent, token)
        messages.success(
            request, f"Er is een nieuwe link gemaakt voor {wie}; de oude werkt niet meer."
        )
    elif actie == "intrekken":
        services.trek_in(respondent)
        messages.success(
            request, f"De link van {wie} is ingetrokken. Gegeven antwoorden blijven bewaard."
        )
    elif actie == "herinneren":
        try:
            services.herinner(respondent, _uitnodiger(request))
        except services.OngeldigeInvoer as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"Er is een herinnering met een nieuwe link klaargezet voor {respondent.email}.",
            )
    elif actie == "opnieuw-mailen":
        if mail.opnieuw_versturen(respondent):
            messages.success(request, f"De mail aan {respondent.email} wordt opnieuw verstuurd.")
        else:
            messages.error(request, "Er is geen mislukte mail om opnieuw te versturen.")
    elif actie == "heropenen":
        try:
            services.heropen(respondent, lees_versie(request.POST.get("versie")))
        except services.Conflict:
            messages.error(
                request,
                f"De vragenlijst van {wie} is intussen gewijzigd. Bekijk de actuele stand en "
                "probeer het opnieuw.",
            )
        else:
            messages.success(request, f"De vragenlijst van {wie} is weer open.")
    else:
        raise Http404
    return redirect("scans:detail", pk=scan.pk)


@require_POST
@login_required
def zelf_invullen(request, pk):
    scan, _ = scan_voor(request, pk, schrijven=True)
    form = ZelfInvullenFormulier(request.POST)
    if not scan.is_open or not form.is_valid():
        messages.error(request, "Kies een perspectief om zelf de vragenlijst in te vullen.")
        return redirect("scans:detail", pk=scan.pk)
    perspectief = form.cleaned_data["perspectief"]
    eigen = scan.respondenten.filter(gebruiker=request.user, perspectief=perspectief).first()
    if eigen is None:
        eigen, token = services.nodig_uit(
            scan, perspectief, naam=request.user.get_full_name(), gebruiker=request.user
        )
    else:
        token = services.vernieuw_link(eigen)
    return redirect("vragenlijst:start", token=token)


@require_POST
@login_required
def scan_afronden(request, pk):
    scan, _ = scan_voor(request, pk, schrijven=True)
    try:
        versie = int(request.POST.get("versie", ""))
        if request.POST.get("bevestig") != "ja":
            raise services.OngeldigeInvoer(
                "Vink aan dat u de scan wilt afronden; daarna liggen de scores vast."
            )
        services.rond_scan_af(scan, versie, toestemming=request.POST.get("toestemming") == "ja")
    except ValueError:
        messages.error(request, "De scan kon niet worden afgerond. Probeer het opnieuw.")
    except services.OngeldigeInvoer as exc:
        messages.error(request, f"De scan is niet afgerond. {exc}")
    except services.Conflict:
        messages.error(
            request, "De scan is intussen gewijzigd of al afgerond. Bekijk de actuele stand."
        )
    else:
        messages.success(request, "De scan is afgerond. De scores en ambities liggen nu vast.")
    return redirect("scans:detail", pk=scan.pk)


@require_POST
@login_required
def toestemming(request, pk):
    scan, _ = scan_voor(request, pk, schrijven=True)
    geven = request.POST.get("toestemming") == "ja"
    try:
        services.zet_toestemming(scan, geven, lees_versie(request.POST.get("versie")))
    except services.OngeldigeInvoer as exc:
        messages.error(request, str(exc))
    except services.Conflict:
        messages.error(
            request, "De scan is intussen gewijzigd. Bekijk de actuele stand en kies opnieuw."
        )
    else:
        messages.success(
            request,
            "Uw gemeente doet mee aan de geanonimiseerde vergelijking, vanaf de eerstvolgende "
            "ronde die wordt gepubliceerd."
            if geven
            else "De toestemming is ingetrokken. Deze scan telt niet mee in rondes die vanaf nu "
            "worden gepubliceerd; een ronde die al is gepubliceerd, blijft zoals hij is.",
        )
    return redirect("scans:detail", pk=scan.pk)
