"""Pages for the gemeente: scans, invitations, progress, vaststellen and afronden."""

from collections import Counter, defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from principles.models import CheckVraag
from vit.eenmalig import eenmalig, nieuwe_indiening

from .. import export, grafieken, mail, rapport, services
from ..forms import (
    ActieFormulier,
    NieuweScanFormulier,
    PlanFormulier,
    UitnodigingFormulier,
    ZelfInvullenFormulier,
)
from ..models import (
    TOELICHTING_MAX,
    Actie,
    Ambitie,
    Antwoord,
    Lidmaatschap,
    Ontwikkelplan,
    Perspectief,
    Respondent,
    Ronde,
    Scan,
    VastgesteldeScore,
    Waarde,
)
from ..scoring import mediaan, voorstel
from ..spiegel import maak_spiegel
from ..toegang import coordinator_gemeenten, scan_voor

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
        "assessments/scan/lijst.html",
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
        "assessments/scan/nieuw.html",
        {"form": form, "indiening": request.POST.get("indiening") or nieuwe_indiening()},
        status=400 if form.errors else 200,
    )


def _voortgang_per_perspectief(respondenten, nu):
    per = defaultdict(Counter)
    for r in respondenten:
        per[r.perspectief][r.status_op(nu)] += 1
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
            aantal_nvt=Count("antwoorden", filter=Q(antwoorden__waarde=Waarde.NVT)),
        )
    )
    aantal_vragen = CheckVraag.objects.filter(uitgangspunt__versie=scan.kaderversie_id).count()
    mailstatussen = mail.mailstatus(respondenten)
    for r in respondenten:
        r.status = r.status_op(nu)
        r.status_label = Respondent.Status(r.status).label
        r.mailstatus = mailstatussen.get(r.pk)
        # The respondent's own rule (services.voortgang): "niet van toepassing" leaves the count.
        r.beantwoord = r.aantal_antwoorden - r.aantal_nvt
        r.van_toepassing = aantal_vragen - r.aantal_nvt
    return render(
        request,
        "assessments/scan/detail.html",
        {
            "scan": scan,
            "lid": lid,
            "is_coordinator": lid.rol == Lidmaatschap.Rol.COORDINATOR,
            "respondenten": respondenten,
            "per_perspectief": _voortgang_per_perspectief(respondenten, nu),
            "aantal_vragen": aantal_vragen,
            "nieuwe_links": _nieuwe_links(request, scan, respondenten),
            "ontbrekend": services.ontbrekend_voor_afronden(scan) if scan.is_open else [],
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


def _link(request, token):
    return request.build_absolute_uri(reverse("vragenlijst:start", args=[token]))


def _bewaar_link_voor_weergave(request, respondent, token):
    """The link is shown once, on the next page; only its hash is stored."""
    links = request.session.get(SESSIE_LINKS, {})
    links[str(respondent.pk)] = _link(request, token)
    request.session[SESSIE_LINKS] = links


def _mail_uitnodiging(request, respondent, token, herinnering=False):
    scan = respondent.scan
    onderwerp = (
        f"Herinnering: vragenlijst over de toegang in {scan.gemeente.naam}"
        if herinnering
        else f"Uitnodiging: vragenlijst over de toegang in {scan.gemeente.naam}"
    )
    aanhef = f"Beste {respondent.naam}," if respondent.naam else "Beste lezer,"
    tekst = (
        f"{aanhef}\n\n"
        f"{scan.gemeente.naam} kijkt samen met inwoners, uitvoering, beleid en bestuur naar de "
        f"toegang tot zorg en ondersteuning. U bent uitgenodigd vanuit het perspectief "
        f"'{respondent.perspectief.naam}'.\n\n"
        f"Uw persoonlijke link:\n{_link(request, token)}\n\n"
        "Uw antwoorden worden direct bewaard; u kunt stoppen en later met dezelfde link verder. "
        "Deel de link niet met anderen.\n"
        + ("\nDit is een nieuwe link; een eerdere link werkt niet meer.\n" if herinnering else "")
        + f"\nMet vriendelijke groet,\n{request.user.get_full_name() or request.user.username}\n"
    )
    mail.zet_klaar(respondent, onderwerp, tekst)


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
        with transaction.atomic():
            # The invitation and its mail in the queue: both or neither.
            respondent, token = services.nodig_uit(scan, **form.cleaned_data)
            if respondent.email:
                _mail_uitnodiging(request, respondent, token)
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
        "assessments/scan/uitnodigen.html",
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
        if not respondent.email:
            messages.error(
                request,
                "Er is geen e-mailadres bekend. Maak een nieuwe link en geef die zelf door.",
            )
        elif respondent.afgerond_op:
            messages.error(request, f"{wie} heeft de vragenlijst al afgerond.")
        else:
            with transaction.atomic():
                token = services.vernieuw_link(respondent)
                _mail_uitnodiging(request, respondent, token, herinnering=True)
                Respondent.objects.filter(pk=respondent.pk).update(herinnerd_op=timezone.now())
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
        services.heropen(respondent)
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


# --- Vaststellen -------------------------------------------------------------------------------


@require_safe
@login_required
def vaststellen_overzicht(request, pk):
    scan, lid = scan_voor(request, pk)
    ups = list(
        scan.kaderversie.uitgangspunten.annotate(n=Count("checkvragen")).order_by("volgorde")
    )
    vastgesteld = Counter(
        VastgesteldeScore.objects.filter(scan=scan)
        .exclude(waarde="")
        .values_list("checkvraag__uitgangspunt_id", flat=True)
    )
    ambities = dict(Ambitie.objects.filter(scan=scan).values_list("uitgangspunt_id", "niveau"))
    rijen = [
        {"up": up, "vastgesteld": vastgesteld[up.pk], "ambitie": ambities.get(up.pk)} for up in ups
    ]
    return render(
        request,
        "assessments/scan/vaststellen_overzicht.html",
        {
            "scan": scan,
            "rijen": rijen,
            "is_coordinator": lid.rol == Lidmaatschap.Rol.COORDINATOR,
            "ontbrekend": services.ontbrekend_voor_afronden(scan) if scan.is_open else [],
        },
    )


class _VraagRij:
    def __init__(self, vraag, perspectieven):
        self.vraag = vraag
        self.waarden = []
        self.per_perspectief = {p.pk: Counter() for p in perspectieven}
        self.toelichtingen = []
        self.vastgesteld = None
        self.fout = ""
        self.conflict = False
        self.invoer_waarde = None
        self.invoer_reden = None

    def verdeling(self, perspectieven):
        kolommen = ["1", "2", "3", "4", Waarde.WEET_NIET, Waarde.NVT]
        return [
            (
                p,
                [self.per_perspectief[p.pk][k] for k in kolommen],
                mediaan(list(self.per_perspectief[p.pk].elements())),
            )
            for p in perspectieven
            if sum(self.per_perspectief[p.pk].values())
        ]

    @property
    def voorstel(self):
        return voorstel(self.waarden)

    @property
    def waarde(self):
        if self.invoer_waarde is not None:
            return self.invoer_waarde
        if self.vastgesteld is not None:
            return self.vastgesteld.waarde
        return self.voorstel

    @property
    def reden(self):
        if self.invoer_reden is not None:
            return self.invoer_reden
        return self.vastgesteld.reden if self.vastgesteld else ""

    @property
    def versie(self):
        return self.vastgesteld.versie if self.vastgesteld else 0


def _vaststel_gegevens(scan, up):
    """Everything the vaststellen page of one uitgangspunt shows, in a fixed number of queries."""
    perspectieven = list(Perspectief.objects.all())
    vragen = list(up.checkvragen.order_by("volgorde"))
    rijen = {v.pk: _VraagRij(v, perspectieven) for v in vragen}
    antwoorden = (
        Antwoord.objects.filter(
            checkvraag__in=vragen, respondent__scan=scan, respondent__ingetrokken_op__isnull=True
        )
        .values_list("checkvraag_id", "respondent__perspectief_id", "waarde", "toelichting")
        .order_by("respondent__perspectief__volgorde", "gewijzigd_op")
    )
    naam = {p.pk: p.naam for p in perspectieven}
    for vraag_id, perspectief_id, waarde, toelichting in antwoorden:
        rij = rijen[vraag_id]
        if waarde:
            rij.waarden.append(waarde)
            rij.per_perspectief[perspectief_id][waarde] += 1
        if toelichting:
            rij.toelichtingen.append((naam[perspectief_id], toelichting))
    for vs in VastgesteldeScore.objects.filter(scan=scan, checkvraag__in=vragen):
        rijen[vs.checkvraag_id].vastgesteld = vs
    ambitie = Ambitie.objects.filter(scan=scan, uitgangspunt=up).first()
    return perspectieven, [rijen[v.pk] for v in vragen], ambitie


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def vaststellen(request, pk, sleutel):
    scan, lid = scan_voor(request, pk, schrijven=request.method == "POST")
    ups = list(scan.kaderversie.uitgangspunten.order_by("volgorde"))
    index = next((i for i, u in enumerate(ups) if u.sleutel.lower() == sleutel.lower()), None)
    if index is None:
        raise Http404
    up = ups[index]
    perspectieven, rijen, ambitie = _vaststel_gegevens(scan, up)
    fouten, conflicten, ambitie_fout = [], [], ""
    ambitie_invoer = None
    if request.method == "POST":
        if not scan.is_open:
            messages.error(request, "Deze scan is afgerond; er is niets gewijzigd.")
            return redirect("scans:detail", pk=scan.pk)
        fouten, conflicten, ambitie_fout, ambitie_invoer = _verwerk_vaststellen(
            request, scan, up, rijen, ambitie
        )
        if not fouten and not conflicten and not ambitie_fout:
            messages.success(
                request, f"De scores en de ambitie voor '{up.korte_titel}' zijn opgeslagen."
            )
            volgende = ups[index + 1] if index + 1 < len(ups) else None
            if request.POST.get("actie") == "volgende" and volgende:
                return redirect("scans:vaststellen", pk=scan.pk, sleutel=volgende.sleutel.lower())
            return redirect("scans:vaststellen-overzicht", pk=scan.pk)
        perspectieven, nieuwe_rijen, ambitie = _vaststel_gegevens(scan, up)
        for oud, nieuw in zip(rijen, nieuwe_rijen, strict=True):
            nieuw.fout, nieuw.conflict = oud.fout, oud.conflict
            if oud.fout:
                nieuw.invoer_waarde, nieuw.invoer_reden = oud.invoer_waarde, oud.invoer_reden
            elif oud.conflict:
                nieuw.poging = (oud.invoer_waarde, oud.invoer_reden)
        rijen = nieuwe_rijen
    for rij in rijen:
        rij.tabel = rij.verdeling(perspectieven)
    status = 409 if conflicten else (400 if (fouten or ambitie_fout) else 200)
    return render(
        request,
        "assessments/scan/vaststellen.html",
        {
            "scan": scan,
            "up": up,
            "rijen": rijen,
            "perspectieven": perspectieven,
            "ambitie": ambitie,
            "ambitie_fout": ambitie_fout,
            "ambitie_waarde": ambitie_invoer
            if ambitie_invoer is not None
            else (ambitie.niveau if ambitie else None),
            "fouten": fouten,
            "conflicten": conflicten,
            "nummer": index + 1,
            "aantal": len(ups),
            "vorige": ups[index - 1] if index > 0 else None,
            "volgende": ups[index + 1] if index + 1 < len(ups) else None,
            "antwoordschaal": list(scan.kaderversie.antwoordniveaus.order_by("waarde")),
            "bewerkbaar": scan.is_open and lid.rol == Lidmaatschap.Rol.COORDINATOR,
            "max_reden": TOELICHTING_MAX,
        },
        status=status,
    )


def _verwerk_vaststellen(request, scan, up, rijen, ambitie):
    invoer = []
    for rij in rijen:
        pk = rij.vraag.pk
        rij.invoer_waarde = request.POST.get(f"v{pk}-waarde", "")
        rij.invoer_reden = request.POST.get(f"v{pk}-reden", "")
        try:
            versie = int(request.POST.get(f"v{pk}-versie", ""))
        except ValueError:
            versie = -1
        invoer.append((pk, rij.invoer_waarde, rij.invoer_reden, rij.voorstel, versie))
    fout_per_vraag, _, conflict_ids = services.sla_vaststellingen_op(scan, invoer, request.user)
    fouten, conflicten = [], []
    for rij in rijen:
        if rij.vraag.pk in fout_per_vraag:
            rij.fout = fout_per_vraag[rij.vraag.pk]
            fouten.append(rij)
        elif rij.vraag.pk in conflict_ids:
            rij.conflict = True
            conflicten.append(rij)
    ambitie_fout, ambitie_conflict = "", False
    ruw = request.POST.get("ambitie", "")
    niveau = None
    try:
        niveau = int(ruw) if ruw else None
        versie = int(request.POST.get("ambitie-versie", ""))
        services.sla_ambitie_op(scan, up.pk, niveau, versie)
    except ValueError:
        ambitie_fout = "Kies een ambitie van 1 tot en met 4."
    except services.OngeldigeInvoer as exc:
        ambitie_fout = str(exc)
    except services.Conflict:
        ambitie_fout = (
            "De ambitie is intussen door iemand anders gewijzigd. Hieronder staat de opgeslagen "
            "ambitie; kies opnieuw als u die wilt aanpassen."
        )
        ambitie_conflict = True
        niveau = None
    if ambitie_conflict:
        conflicten.append("ambitie")
    return fouten, conflicten, ambitie_fout, (niveau if ambitie_fout and niveau else None)


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
        services.zet_toestemming(scan, geven)
    except services.OngeldigeInvoer as exc:
        messages.error(request, str(exc))
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


# --- Spiegel -----------------------------------------------------------------------------------


@require_safe
@login_required
def spiegel(request, pk):
    scan, lid = scan_voor(request, pk)
    uitkomst = maak_spiegel(scan)
    rijen = [
        (f"{u.up.volgorde}. {u.up.korte_titel}", u.score, u.ambitie)
        for u in uitkomst.uitgangspunten
    ]
    return render(
        request,
        "assessments/scan/spiegel.html",
        {
            "scan": scan,
            "spiegel": uitkomst,
            "staafgrafiek": grafieken.staven(rijen),
            "radargrafiek": grafieken.radar(rijen),
            "is_coordinator": lid.rol == Lidmaatschap.Rol.COORDINATOR,
        },
    )


def _bestandsnaam(scan, extensie):
    return f"vit-{scan.gemeente.code.lower()}-{scan.periode}-{scan.pk}.{extensie}"


@require_safe
@login_required
def export_csv(request, pk):
    scan, _ = scan_voor(request, pk)
    inhoud = export.scan_als_csv(maak_spiegel(scan))
    response = HttpResponse(inhoud, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(scan, "csv")}"'
    return response


@require_safe
@login_required
def export_json(request, pk):
    scan, _ = scan_voor(request, pk)
    inhoud = export.scan_als_json(scan, maak_spiegel(scan))
    response = HttpResponse(inhoud, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(scan, "json")}"'
    return response


# --- Ontwikkelplan -----------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def plan(request, pk):
    scan, lid = scan_voor(request, pk, schrijven=request.method == "POST")
    ontwikkelplan = Ontwikkelplan.objects.filter(scan=scan).first()
    if ontwikkelplan is None:
        # Reading never writes: the plan is stored with its first change.
        ontwikkelplan = (
            Ontwikkelplan.objects.create(scan=scan)
            if request.method == "POST"
            else Ontwikkelplan(scan=scan)
        )
    opgeslagen = ontwikkelplan.pk is not None
    ups = scan.kaderversie.uitgangspunten.order_by("volgorde")
    form = PlanFormulier(
        request.POST or None,
        uitgangspunten=ups,
        initial={
            "focus": list(ontwikkelplan.focus.all()) if opgeslagen else [],
            "voorstel_aan_college": ontwikkelplan.voorstel_aan_college,
            "versie": ontwikkelplan.versie,
        },
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            bijgewerkt = Ontwikkelplan.objects.filter(
                pk=ontwikkelplan.pk, versie=form.cleaned_data["versie"]
            ).update(
                voorstel_aan_college=form.cleaned_data["voorstel_aan_college"].strip(),
                versie=F("versie") + 1,
                gewijzigd_op=timezone.now(),
            )
            if bijgewerkt:
                ontwikkelplan.focus.set(form.cleaned_data["focus"])
        if bijgewerkt:
            messages.success(request, "De focuspunten en het voorstel zijn opgeslagen.")
            return redirect("scans:plan", pk=scan.pk)
        form.add_error(
            None,
            "Iemand anders heeft het plan intussen gewijzigd. Hieronder staat wat u invulde; "
            "laad de pagina opnieuw om de nieuwe stand te zien. Er is niets overschreven.",
        )
    uitkomst = maak_spiegel(scan)
    acties = (
        list(ontwikkelplan.acties.select_related("uitgangspunt", "handreiking"))
        if opgeslagen
        else []
    )
    focus_ids = set(ontwikkelplan.focus.values_list("pk", flat=True)) if opgeslagen else set()
    return render(
        request,
        "assessments/scan/plan.html",
        {
            "scan": scan,
            "plan": ontwikkelplan,
            "form": form,
            "acties": acties,
            "focus": [u for u in uitkomst.uitgangspunten if u.up.pk in focus_ids],
            "ontwikkelpunten": uitkomst.ontwikkelpunten,
            "is_coordinator": lid.rol == Lidmaatschap.Rol.COORDINATOR,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@eenmalig
def actie(request, pk, actie_pk=None):
    scan, _ = scan_voor(request, pk, schrijven=True)
    ontwikkelplan, _ = Ontwikkelplan.objects.get_or_create(scan=scan)
    bestaand = get_object_or_404(Actie, pk=actie_pk, plan=ontwikkelplan) if actie_pk else None
    form = ActieFormulier(request.POST or None, instance=bestaand, scan=scan)
    if request.method == "POST" and form.is_valid():
        velden = {f: form.cleaned_data[f] for f in ActieFormulier.Meta.fields}
        if bestaand is None:
            Actie.objects.create(plan=ontwikkelplan, **velden)
            messages.success(request, "De actie is toegevoegd.")
            return redirect("scans:plan", pk=scan.pk)
        bijgewerkt = Actie.objects.filter(
            pk=bestaand.pk, versie=form.cleaned_data["versie"]
        ).update(**velden, versie=F("versie") + 1, gewijzigd_op=timezone.now())
        if bijgewerkt:
            messages.success(request, "De actie is opgeslagen.")
            return redirect("scans:plan", pk=scan.pk)
        form.add_error(
            None,
            "Iemand anders heeft deze actie intussen gewijzigd. Uw wijziging is niet opgeslagen; "
            "laad de pagina opnieuw om de nieuwe stand te zien.",
        )
    return render(
        request,
        "assessments/scan/actie.html",
        {
            "scan": scan,
            "form": form,
            "bestaand": bestaand,
            "indiening": request.POST.get("indiening") or nieuwe_indiening(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def actie_verwijderen(request, pk, actie_pk):
    scan, _ = scan_voor(request, pk, schrijven=True)
    Actie.objects.filter(pk=actie_pk, plan__scan=scan).delete()
    messages.success(request, "De actie is verwijderd.")
    return redirect("scans:plan", pk=scan.pk)


@require_safe
@login_required
def rapport_pdf(request, pk):
    scan, _ = scan_voor(request, pk)
    pdf = rapport.maak_pdf(scan, maak_spiegel(scan))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(scan, "pdf")}"'
    return response
