"""A published framework version is frozen; a new version starts as a copy."""

import pytest
from auditlog.models import LogEntry
from django.db import transaction
from django.urls import reverse

from principles.models import (
    CheckVraag,
    Handreiking,
    KaderBevrorenError,
    KaderVersie,
    Uitgangspunt,
)

from .factories import inhoudsbeheerder
from .otp import tweede_factor


def test_a_question_of_a_published_version_cannot_be_changed(kader):
    vraag = CheckVraag.objects.filter(uitgangspunt__versie=kader).first()
    oude_tekst = vraag.tekst
    vraag.tekst = "Gewijzigd"
    with pytest.raises(KaderBevrorenError):
        vraag.save()
    vraag.refresh_from_db()
    assert vraag.tekst == oude_tekst


def test_parts_of_a_published_version_cannot_be_deleted_or_added(kader):
    up = kader.uitgangspunten.first()
    with pytest.raises(KaderBevrorenError):
        up.delete()
    with pytest.raises(KaderBevrorenError):
        CheckVraag.objects.create(
            uitgangspunt=up, sleutel="UP1-99", volgorde=99, fase="richten", tekst="Nieuw"
        )
    with pytest.raises(KaderBevrorenError):
        kader.delete()
    assert Uitgangspunt.objects.filter(pk=up.pk).exists()


def test_links_of_a_published_version_cannot_change(kader):
    handreiking = kader.handreikingen.first()
    voor = set(handreiking.uitgangspunten.values_list("pk", flat=True))
    with pytest.raises(KaderBevrorenError), transaction.atomic():
        handreiking.uitgangspunten.clear()
    assert set(handreiking.uitgangspunten.values_list("pk", flat=True)) == voor


def test_a_published_version_cannot_go_back_to_concept_or_be_renamed(kader):
    kader.naam = "Andere naam"
    with pytest.raises(KaderBevrorenError):
        kader.save()
    kader.refresh_from_db()
    kader.status = KaderVersie.Status.CONCEPT
    with pytest.raises(KaderBevrorenError):
        kader.save()


def test_a_copy_is_a_new_editable_concept_with_the_same_keys(kader):
    kopie = kader.maak_kopie()
    assert kopie.nummer == kader.nummer + 1
    assert kopie.status == KaderVersie.Status.CONCEPT
    assert kopie.gebaseerd_op == kader

    def sleutels(versie):
        return sorted(
            CheckVraag.objects.filter(uitgangspunt__versie=versie).values_list("sleutel", "tekst")
        )

    assert sleutels(kopie) == sleutels(kader)
    assert kopie.handreikingen.count() == kader.handreikingen.count()
    assert kopie.antwoordniveaus.count() == 4
    for up in kopie.uitgangspunten.all():
        origineel = kader.uitgangspunten.get(sleutel=up.sleutel)
        assert sorted(h.sleutel for h in up.handreikingen.all()) == sorted(
            h.sleutel for h in origineel.handreikingen.all()
        )
        assert sorted(k.basisfunctionaliteit.sleutel for k in up.koppeling_set.all()) == sorted(
            k.basisfunctionaliteit.sleutel for k in origineel.koppeling_set.all()
        )

    vraag = CheckVraag.objects.filter(uitgangspunt__versie=kopie).first()
    vraag.tekst = "Een verbeterde vraag"
    vraag.save()
    assert not CheckVraag.objects.filter(uitgangspunt__versie=kader, tekst=vraag.tekst).exists()


def test_publishing_the_copy_keeps_the_old_version_and_makes_the_copy_current(kader):
    kopie = kader.maak_kopie()
    kopie.publiceer()
    kader.archiveer()
    assert KaderVersie.objects.huidige() == kopie
    assert kader.uitgangspunten.count() == 7


def _login_admin(client, user):
    tweede_factor(client, user)


def test_inhoudsbeheerder_makes_a_new_version_as_copy_in_the_admin(client, kader):
    beheerder = inhoudsbeheerder()
    _login_admin(client, beheerder)
    response = client.post(
        reverse("admin:principles_kaderversie_changelist"),
        {"action": "maak_kopie", "_selected_action": [kader.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Versie 2 is gemaakt als concept" in response.content.decode()
    kopie = KaderVersie.objects.get(nummer=2)
    assert kopie.uitgangspunten.count() == 7
    # The copy is recorded in the audit trail with who did it.
    assert LogEntry.objects.filter(
        actor=beheerder, content_type__model="kaderversie", object_pk=str(kopie.pk)
    ).exists()


def test_admin_shows_a_published_question_read_only_and_refuses_a_change(client, kader):
    _login_admin(client, inhoudsbeheerder())
    vraag = CheckVraag.objects.filter(uitgangspunt__versie=kader).first()
    url = reverse("admin:principles_checkvraag_change", args=[vraag.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert 'name="tekst"' not in pagina.content.decode()  # no input: read-only view
    response = client.post(
        url,
        {
            "uitgangspunt": vraag.uitgangspunt_id,
            "sleutel": vraag.sleutel,
            "volgorde": vraag.volgorde,
            "fase": vraag.fase,
            "tekst": "Stiekem gewijzigd",
            "helptekst": "",
        },
    )
    assert response.status_code == 403
    vraag.refresh_from_db()
    assert vraag.tekst != "Stiekem gewijzigd"


def test_admin_change_of_a_concept_is_saved_and_audited(client, kader):
    beheerder = inhoudsbeheerder()
    kopie = kader.maak_kopie()
    _login_admin(client, beheerder)
    handreiking = kopie.handreikingen.first()
    url = reverse("admin:principles_handreiking_change", args=[handreiking.pk])
    response = client.post(
        url,
        {
            "versie": kopie.pk,
            "sleutel": handreiking.sleutel,
            "titel": "Nieuwe titel",
            "uitgever": handreiking.uitgever,
            "url": handreiking.url,
            "soort": Handreiking.Soort.TIP,
            "omschrijving": handreiking.omschrijving,
            "uitgangspunten": list(handreiking.uitgangspunten.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    handreiking.refresh_from_db()
    assert handreiking.titel == "Nieuwe titel"
    entry = LogEntry.objects.get_for_object(handreiking).filter(actor=beheerder).latest("timestamp")
    assert "Nieuwe titel" in str(entry.changes)


def test_an_inhoudsbeheerder_reads_the_history_of_the_framework_not_of_respondents(client, kader):
    from assessments.models import Respondent

    from .factories import ScanFactory, UserFactory, uitnodiging

    respondent, _ = uitnodiging(ScanFactory(), naam="Rosa Respondent", email="rosa@example.org")
    kopie = kader.maak_kopie()
    entry = LogEntry.objects.get_for_object(respondent).get()
    _login_admin(client, inhoudsbeheerder())
    lijst = client.get("/beheer/auditlog/logentry/")
    assert lijst.status_code == 200
    html = lijst.content.decode()
    assert "Rosa Respondent" not in html and "rosa@example.org" not in html
    detail = client.get(f"/beheer/auditlog/logentry/{entry.pk}/change/", follow=True)
    assert "Rosa Respondent" not in detail.content.decode()
    assert "rosa@example.org" not in detail.content.decode()
    # The framework's own history stays readable for the content editor.
    assert LogEntry.objects.get_for_object(kopie).exists()
    assert str(kopie) in html
    # The functioneel beheerder (superuser) reads everything.
    _login_admin(client, UserFactory(is_staff=True, is_superuser=True))
    assert "Rosa Respondent" in client.get("/beheer/auditlog/logentry/").content.decode()
    assert Respondent.objects.filter(pk=respondent.pk).exists()
