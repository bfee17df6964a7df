"""The ontwikkelplan: 2–3 focus points and concrete actions; the lezer reads, nobody overwrites."""

import pytest
from django.urls import reverse

from assessments.models import Actie, Ontwikkelplan

from .factories import ScanFactory, coordinator, lezer, vng_analist
from .otp import tweede_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def scan(kader):
    return ScanFactory()


def _met_focus(scan, *sleutels):
    """A plan with these focus uitgangspunten (default UP1 and UP6), as step 1 leaves it."""
    plan, _ = Ontwikkelplan.objects.get_or_create(scan=scan)
    plan.focus.set(scan.kaderversie.uitgangspunten.filter(sleutel__in=sleutels or ("UP1", "UP6")))
    return plan


def _actie_data(scan, **extra):
    up = scan.kaderversie.uitgangspunten.get(sleutel="UP6")
    data = {
        "uitgangspunt": up.pk,
        "omschrijving": "Eén telefoonnummer voor alle vragen over zorg en werk",
        "eigenaar": "Teamleider toegang",
        "planning": "eerste helft 2027",
        "succescriterium": "80% van de bellers weet na één gesprek waar ze aan toe zijn",
        "handreiking": up.handreikingen.first().pk,
        "status": "gepland",
        "versie": 0,
    }
    data.update(extra)
    return data


def test_coordinator_picks_two_or_three_focus_points(client, scan):
    client.force_login(coordinator(scan.gemeente))
    ups = list(scan.kaderversie.uitgangspunten.order_by("volgorde"))
    url = reverse("scans:plan", args=[scan.pk])
    te_veel = client.post(url, {"focus": [u.pk for u in ups[:4]], "versie": 1})
    assert te_veel.status_code == 400
    assert "Kies twee of drie focuspunten" in te_veel.content.decode()
    assert not Ontwikkelplan.objects.filter(scan=scan, focus__isnull=False).exists()
    client.post(
        url,
        {"focus": [ups[5].pk, ups[2].pk], "versie": 1, "voorstel_aan_college": "Wij stellen voor"},
    )
    plan = Ontwikkelplan.objects.get(scan=scan)
    assert set(plan.focus.values_list("sleutel", flat=True)) == {"UP3", "UP6"}
    assert plan.voorstel_aan_college == "Wij stellen voor"


def test_a_stale_plan_form_does_not_overwrite(client, scan):
    client.force_login(coordinator(scan.gemeente))
    ups = list(scan.kaderversie.uitgangspunten.order_by("volgorde"))
    url = reverse("scans:plan", args=[scan.pk])
    client.post(
        url, {"focus": [ups[0].pk, ups[1].pk], "versie": 1, "voorstel_aan_college": "Eerste"}
    )
    oud = client.post(
        url, {"focus": [ups[2].pk, ups[3].pk], "versie": 1, "voorstel_aan_college": "Tweede"}
    )
    assert oud.status_code == 400 and "intussen gewijzigd" in oud.content.decode()
    assert Ontwikkelplan.objects.get(scan=scan).voorstel_aan_college == "Eerste"


def test_actions_are_added_edited_and_shown_to_the_lezer(client, scan):
    _met_focus(scan)
    client.force_login(coordinator(scan.gemeente))
    client.post(reverse("scans:actie-nieuw", args=[scan.pk]), _actie_data(scan))
    actie = Actie.objects.get()
    client.post(
        reverse("scans:actie", args=[scan.pk, actie.pk]),
        _actie_data(scan, status="bezig", versie=1),
    )
    actie.refresh_from_db()
    assert actie.status == "bezig" and actie.versie == 2
    verouderd = client.post(
        reverse("scans:actie", args=[scan.pk, actie.pk]),
        _actie_data(scan, status="klaar", versie=1),
    )
    assert verouderd.status_code == 400
    actie.refresh_from_db()
    assert actie.status == "bezig"
    client.force_login(lezer(scan.gemeente))
    html = client.get(reverse("scans:plan", args=[scan.pk])).content.decode()
    assert "Eén telefoonnummer" in html and "Teamleider toegang" in html
    assert "Actie toevoegen" not in html


def test_a_lezer_cannot_change_the_plan_and_reading_writes_nothing(client, scan):
    client.force_login(lezer(scan.gemeente))
    assert client.get(reverse("scans:plan", args=[scan.pk])).status_code == 200
    assert not Ontwikkelplan.objects.exists()
    assert client.post(reverse("scans:plan", args=[scan.pk]), {"versie": 1}).status_code == 403
    assert (
        client.post(reverse("scans:actie-nieuw", args=[scan.pk]), _actie_data(scan)).status_code
        == 403
    )
    assert not Actie.objects.exists()


@pytest.mark.parametrize("wie", ["andere_gemeente", "analist"])
def test_others_cannot_see_or_change_the_plan(client, scan, wie):
    tweede_factor(client, coordinator() if wie == "andere_gemeente" else vng_analist())
    assert client.get(reverse("scans:plan", args=[scan.pk])).status_code == 404
    assert (
        client.post(reverse("scans:actie-nieuw", args=[scan.pk]), _actie_data(scan)).status_code
        == 404
    )
    assert not Actie.objects.exists()


def test_free_text_in_actions_is_escaped(client, scan):
    _met_focus(scan)
    client.force_login(coordinator(scan.gemeente))
    client.post(
        reverse("scans:actie-nieuw", args=[scan.pk]),
        _actie_data(scan, eigenaar="<script>x</script>"),
    )
    html = client.get(reverse("scans:plan", args=[scan.pk])).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html


@pytest.mark.django_db(transaction=True)
def test_five_identical_action_forms_at_the_same_moment_make_one_action(kader):
    """Five submissions of the same new-action form arrive at once (five connections, as five
    workers or app instances would have): exactly one action, and every request gets a page."""
    import threading

    from django.db import connection, connections
    from django.test import Client

    if connection.vendor == "sqlite":
        pytest.skip("needs a database server with concurrent connections (PostgreSQL)")
    scan = ScanFactory()
    _met_focus(scan)
    gebruiker = coordinator(scan.gemeente)
    data = _actie_data(scan, indiening="dubbelklik-op-opslaan-123")
    url = reverse("scans:actie-nieuw", args=[scan.pk])
    start = threading.Barrier(5)
    statussen = []

    def verstuur():
        try:
            client = Client()
            client.force_login(gebruiker)
            start.wait()
            statussen.append(client.post(url, data).status_code)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=verstuur) for _ in range(5)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert statussen == [302] * 5
    assert Actie.objects.filter(plan__scan=scan).count() == 1


def _up(scan, sleutel):
    return scan.kaderversie.uitgangspunten.get(sleutel=sleutel)


def _met_scores(scan):
    """Fixed scores and ambitions so that the spiegel names ontwikkelpunten (UP3, UP5, UP7 are
    lowest, far below ambition 4)."""
    from assessments.models import Ambitie, VastgesteldeScore
    from principles.models import CheckVraag

    for vraag in CheckVraag.objects.filter(uitgangspunt__versie=scan.kaderversie):
        laag = vraag.uitgangspunt.sleutel in ("UP3", "UP5", "UP7")
        VastgesteldeScore.objects.create(scan=scan, checkvraag=vraag, waarde="1" if laag else "3")
    for up in scan.kaderversie.uitgangspunten.all():
        Ambitie.objects.create(scan=scan, uitgangspunt=up, niveau=4)


def test_step_one_focus_comes_before_the_actions_with_the_ontwikkelpunten_ticked(client, scan):
    _met_scores(scan)
    client.force_login(coordinator(scan.gemeente))
    html = client.get(reverse("scans:plan", args=[scan.pk])).content.decode()
    assert html.index('id="focus-kop"') < html.index('id="acties-kop"')
    assert html.index('id="acties-kop"') < html.index('id="voorstel-kop"')
    assert "Stap 1: Focuspunten" in html and "Stap 2: Acties per focuspunt" in html
    # No focus yet: no action can be added, and the spiegel's suggestion is ticked.
    assert "Actie toevoegen" not in html and "Kies eerst de focuspunten" in html
    for sleutel in ("UP3", "UP5", "UP7"):
        vakje = html[html.index(f'value="{_up(scan, sleutel).pk}"') :].split(">", 1)[0]
        assert "checked" in vakje, sleutel
    vakje = html[html.index(f'value="{_up(scan, "UP1").pk}"') :].split(">", 1)[0]
    assert "checked" not in vakje
    assert "(ontwikkelpunt volgens de spiegel)" in html
    # Opening the action form before choosing a focus sends you back to step 1.
    terug = client.get(reverse("scans:actie-nieuw", args=[scan.pk]))
    assert terug.status_code == 302 and terug.url == reverse("scans:plan", args=[scan.pk])


def test_focus_and_voorstel_are_saved_as_separate_steps(client, scan):
    client.force_login(coordinator(scan.gemeente))
    url = reverse("scans:plan", args=[scan.pk])
    ups = [_up(scan, "UP2").pk, _up(scan, "UP4").pk]
    client.post(url, {"onderdeel": "voorstel", "voorstel_aan_college": "Eén loket", "versie": 1})
    client.post(url, {"onderdeel": "focus", "focus": ups, "versie": 2})
    plan = Ontwikkelplan.objects.get(scan=scan)
    assert plan.voorstel_aan_college == "Eén loket" and plan.versie == 3
    assert sorted(plan.focus.values_list("sleutel", flat=True)) == ["UP2", "UP4"]
    verouderd = client.post(
        url, {"onderdeel": "voorstel", "voorstel_aan_college": "x", "versie": 2}
    )
    assert verouderd.status_code == 400 and "intussen gewijzigd" in verouderd.content.decode()
    assert Ontwikkelplan.objects.get(scan=scan).voorstel_aan_college == "Eén loket"


def test_actions_are_grouped_under_their_focuspunt(client, scan):
    plan = _met_focus(scan, "UP1", "UP6")
    for sleutel, tekst in [("UP6", "Folder in gewone taal"), ("UP1", "Keukentafel met wijkteam")]:
        Actie.objects.create(
            plan=plan,
            uitgangspunt=_up(scan, sleutel),
            omschrijving=tekst,
            eigenaar="Team",
            planning="2027",
            succescriterium="Klaar",
        )
    client.force_login(coordinator(scan.gemeente))
    html = client.get(reverse("scans:plan", args=[scan.pk])).content.decode()
    up1, up6 = _up(scan, "UP1"), _up(scan, "UP6")
    blok1 = html[html.index(f'id="up-{up1.pk}"') : html.index(f'id="up-{up6.pk}"')]
    blok6 = html[html.index(f'id="up-{up6.pk}"') : html.index('id="voorstel-kop"')]
    assert "Keukentafel met wijkteam" in blok1 and "Folder in gewone taal" not in blok1
    assert "Folder in gewone taal" in blok6 and "Keukentafel met wijkteam" not in blok6
    nieuw = reverse("scans:actie-nieuw", args=[scan.pk])
    assert f"{nieuw}?uitgangspunt={up1.pk}" in blok1 and f"{nieuw}?uitgangspunt={up6.pk}" in blok6
    assert "Overige acties" not in html


def test_the_action_form_offers_only_the_focus_and_its_handreikingen(client, scan):
    _met_focus(scan, "UP1", "UP6")
    up1, up6 = _up(scan, "UP1"), _up(scan, "UP6")
    client.force_login(coordinator(scan.gemeente))
    response = client.get(reverse("scans:actie-nieuw", args=[scan.pk]), {"uitgangspunt": up6.pk})
    form = response.context["form"]
    assert list(form.fields["uitgangspunt"].queryset) == [up1, up6]
    assert form.initial["uitgangspunt"] == up6.pk
    html = response.content.decode()
    assert f'value="{_up(scan, "UP3").pk}"' not in html.split('name="handreiking"')[0]
    keuzes = form.fields["handreiking"].widget.choices
    assert keuzes[0] == ("", "Geen")
    assert keuzes[1][0] == f"Bij {up6.naam}"
    assert {pk for pk, _ in keuzes[1][1]} == set(up6.handreikingen.values_list("pk", flat=True))
    aangeboden = set(form.fields["handreiking"].queryset.values_list("pk", flat=True))
    assert aangeboden == set(
        scan.kaderversie.handreikingen.filter(uitgangspunten__in=[up1, up6]).values_list(
            "pk", flat=True
        )
    )
    assert len(aangeboden) < scan.kaderversie.handreikingen.count()
    # An uitgangspunt outside the focus, or a handreiking of another uitgangspunt, is refused.
    url = reverse("scans:actie-nieuw", args=[scan.pk])
    buiten = client.post(url, _actie_data(scan, uitgangspunt=_up(scan, "UP3").pk))
    assert buiten.status_code == 400
    alleen_up1 = up1.handreikingen.exclude(uitgangspunten=up6).first()
    fout = client.post(url, _actie_data(scan, handreiking=alleen_up1.pk))
    assert fout.status_code == 400 and "hoort niet bij" in fout.content.decode()
    assert not Actie.objects.exists()
    goed = client.post(url, _actie_data(scan))
    assert goed.status_code == 302 and goed.url.endswith(f"#up-{up6.pk}")
    assert Actie.objects.get().uitgangspunt == up6


def test_an_action_whose_focus_was_removed_is_still_shown_and_editable(client, scan):
    plan = _met_focus(scan, "UP1", "UP6")
    client.force_login(coordinator(scan.gemeente))
    client.post(reverse("scans:actie-nieuw", args=[scan.pk]), _actie_data(scan))
    actie = Actie.objects.get()
    plan.focus.set(scan.kaderversie.uitgangspunten.filter(sleutel__in=["UP2", "UP3"]))
    html = client.get(reverse("scans:plan", args=[scan.pk])).content.decode()
    overige = html[html.index('id="overige-acties"') : html.index('id="voorstel-kop"')]
    assert "Overige acties" in overige and "Eén telefoonnummer" in overige
    assert reverse("scans:actie", args=[scan.pk, actie.pk]) in overige
    url = reverse("scans:actie", args=[scan.pk, actie.pk])
    form = client.get(url).context["form"]
    assert _up(scan, "UP6") in form.fields["uitgangspunt"].queryset
    assert "geen focuspunt meer" in client.get(url).content.decode()
    # Its stored handreiking stays valid, and the change is stored.
    client.post(url, _actie_data(scan, status="klaar", versie=1))
    actie.refresh_from_db()
    assert actie.status == "klaar" and actie.uitgangspunt.sleutel == "UP6"
    client.force_login(lezer(scan.gemeente))
    assert (
        "Eén telefoonnummer" in client.get(reverse("scans:plan", args=[scan.pk])).content.decode()
    )
