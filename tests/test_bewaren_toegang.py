"""Retention (AVG) for getting in: requests for access and invitations of colleagues go 90 days
after they were decided, used, withdrawn or expired, and their audit entries no longer name the
person; open ones stay."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from assessments.gemeenten import uitnodigen
from assessments.models import Aanvraag, Lidmaatschap, Uitnodiging
from assessments.scans.bewaren import ruim_op

from .factories import GemeenteFactory, coordinator

pytestmark = pytest.mark.django_db
LINK = lambda token: f"https://vit.example/uitnodiging/{token}/"  # noqa: E731


def _aanvraag(gemeente, email, **velden):
    return Aanvraag.objects.create(
        gemeente=gemeente,
        naam="Rens Koster",
        email=email,
        functie="beleidsmedewerker Wmo",
        reden="Wij willen de toegang verkennen.",
        **velden,
    )


def test_old_decided_requests_and_used_invitations_go_and_their_audit_entries_name_no_one():
    gemeente = GemeenteFactory()
    door = coordinator(gemeente)
    lang_geleden = timezone.now() - timedelta(days=91)
    oud = _aanvraag(
        gemeente,
        "rens@example.org",
        status=Aanvraag.Status.AFGEWEZEN,
        beoordeeld_op=lang_geleden,
        reden_afwijzing="Onbekend",
    )
    nog_open = _aanvraag(gemeente, "open@example.org", status=Aanvraag.Status.WACHT)
    recent = _aanvraag(
        gemeente,
        "recent@example.org",
        status=Aanvraag.Status.GOEDGEKEURD,
        beoordeeld_op=timezone.now() - timedelta(days=10),
    )
    gebruikt = uitnodigen.nodig_uit(gemeente, "Tess@example.org", "lezer", door, LINK, "Tess")
    Uitnodiging.objects.filter(pk=gebruikt.pk).update(gebruikt_op=lang_geleden)
    lopend = uitnodigen.nodig_uit(gemeente, "kim@example.org", "lezer", door, LINK, "Kim")

    uitkomst = ruim_op()

    assert (uitkomst.aanvragen, uitkomst.uitnodigingen) == (1, 1)
    assert set(Aanvraag.objects.values_list("pk", flat=True)) == {nog_open.pk, recent.pk}
    assert list(Uitnodiging.objects.values_list("pk", flat=True)) == [lopend.pk]
    sporen = " ".join(
        f"{e.object_repr} {e.changes} {e.changes_text} {e.serialized_data}"
        for e in LogEntry.objects.filter(object_id__in=[oud.pk, gebruikt.pk])
    )
    assert "rens@example.org" not in sporen and "Tess@example.org" not in sporen
    assert "Rens Koster" not in sporen
    # Open things and other gemeenten's data are left as they are.
    assert LogEntry.objects.filter(object_id=lopend.pk, object_repr__contains="kim@").exists()


def test_an_invitation_link_works_once_and_a_new_link_replaces_the_old_one():
    gemeente = GemeenteFactory()
    door = coordinator(gemeente)
    tokens = []
    link = lambda token: tokens.append(token) or f"https://vit.example/{token}/"  # noqa: E731
    eerste = uitnodigen.nodig_uit(gemeente, "sam@example.org", "lezer", door, link)
    uitnodigen.stuur_opnieuw(eerste, link)
    oud, nieuw = tokens
    with pytest.raises(uitnodigen.LinkOngeldig):
        uitnodigen.zoek(oud)
    gebruiker, lid = uitnodigen.maak_account(nieuw, "Sam de Boer", "een-lang-wachtwoord-42")
    assert (gebruiker.username, lid.rol, lid.gemeente) == ("sam@example.org", "lezer", gemeente)
    assert gebruiker.check_password("een-lang-wachtwoord-42")
    with pytest.raises(uitnodigen.LinkOngeldig, match="al gebruikt"):
        uitnodigen.maak_account(nieuw, "Iemand Anders", "nog-een-wachtwoord-42")
    assert Lidmaatschap.objects.filter(gemeente=gemeente).count() == 2


def test_an_expired_or_withdrawn_invitation_changes_nothing():
    gemeente = GemeenteFactory()
    door = coordinator(gemeente)
    tokens = []
    link = lambda token: tokens.append(token) or "x"  # noqa: E731
    verlopen = uitnodigen.nodig_uit(gemeente, "a@example.org", "coordinator", door, link)
    Uitnodiging.objects.filter(pk=verlopen.pk).update(verloopt_op=timezone.now())
    ingetrokken = uitnodigen.nodig_uit(gemeente, "b@example.org", "coordinator", door, link)
    uitnodigen.trek_in(ingetrokken)
    for token, reden in zip(tokens, ["verlopen", "ingetrokken"], strict=True):
        with pytest.raises(uitnodigen.LinkOngeldig, match=reden):
            uitnodigen.maak_account(token, "Niemand", "een-lang-wachtwoord-42")
    assert Lidmaatschap.objects.filter(gemeente=gemeente).count() == 1


def test_the_privacy_page_names_the_terms_for_requests_and_invitations(client, settings):
    settings.VIT_LINK_OPRUIMEN_DAGEN = 45
    html = client.get("/privacy/").content.decode()
    assert "Een aanvraag voor toegang verdwijnt 45 dagen nadat erover is beslist" in html
    assert "Een uitnodiging voor het team verdwijnt 45 dagen" in html
