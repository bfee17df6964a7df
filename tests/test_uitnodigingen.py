"""A coördinator invites colleagues from the team page: one link and one mail per invitation,
the same answer whoever the address belongs to, resend and withdraw, only for coördinatoren of
the gemeente itself, at most so many per hour, and every step in the team's history."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from mailer.models import Message

from assessments.gemeenten import team, uitnodigen
from assessments.models import Lidmaatschap, Uitnodiging

from .factories import GemeenteFactory, LidmaatschapFactory, UserFactory, coordinator, lezer
from .uitnodiging_hulp import link, mails_aan, meldingen, nodig_uit_via_pagina, token_uit_mail

pytestmark = pytest.mark.django_db

ROL = Lidmaatschap.Rol


@pytest.fixture
def stand():
    gemeente = GemeenteFactory(naam="Teamstad")
    coord = coordinator(gemeente, gebruiker=UserFactory(first_name="Carla", last_name="Coord"))
    lez = lezer(gemeente, gebruiker=UserFactory(first_name="Lars", last_name="Lezer"))
    return {"gemeente": gemeente, "coord": coord, "lezer": lez}


def _team(client, gemeente):
    return client.get(reverse("team:overzicht", args=[gemeente.code])).content.decode()


def test_an_invitation_makes_one_link_and_one_queued_mail_with_it(client, stand):
    client.force_login(stand["coord"])
    response = nodig_uit_via_pagina(
        client, stand["gemeente"], "Nieuwe.Collega@Teamstad.example", naam="Nina Nieuw"
    )
    assert response.status_code == 302
    uitnodiging = Uitnodiging.objects.get()
    assert uitnodiging.email == "nieuwe.collega@teamstad.example"
    assert (uitnodiging.rol, uitnodiging.naam) == (ROL.LEZER, "Nina Nieuw")
    assert uitnodiging.uitgenodigd_door == stand["coord"]
    [mail] = mails_aan("nieuwe.collega@teamstad.example")
    body = mail.email.body
    assert "Beste Nina Nieuw," in body and "als lezer voor Teamstad" in body
    token = token_uit_mail("nieuwe.collega@teamstad.example")
    assert token not in uitnodiging.token_hash  # only the hash is stored
    assert client.get(link(token)).status_code == 200
    # The coördinator sees the open invitation on the team page.
    inhoud = _team(client, stand["gemeente"])
    assert "Openstaande uitnodigingen (1)" in inhoud
    assert "Nina Nieuw" in inhoud and "nieuwe.collega@teamstad.example" in inhoud


def test_the_answer_is_the_same_whoever_the_address_belongs_to(client, stand):
    """A new address and an address with an account (working for another gemeente): the
    coördinator cannot tell them apart."""
    elders = UserFactory(
        username="heeft.account@elders.example", email="heeft.account@elders.example"
    )
    lezer(GemeenteFactory(naam="Elders"), gebruiker=elders)
    adressen = ["nieuw@teamstad.example", "heeft.account@elders.example"]
    client.force_login(stand["coord"])
    antwoorden = []
    for adres in adressen:
        response = nodig_uit_via_pagina(client, stand["gemeente"], adres)
        tekst = [m.replace(adres, "ADRES") for m in meldingen(response)]
        antwoorden.append((response.status_code, response.url, tekst))
        assert len(mails_aan(adres)) == 1
    assert antwoorden[0] == antwoorden[1]
    assert antwoorden[0][2] == [
        "We hebben een uitnodiging gestuurd naar ADRES. De link in de mail werkt één keer en is "
        "7 dagen geldig."
    ]
    # Nothing changed in the team before the invitation is used.
    assert Lidmaatschap.objects.filter(gemeente=stand["gemeente"]).count() == 2


def test_a_team_members_address_is_pointed_to_the_role_buttons_and_nothing_sent(client, stand):
    client.force_login(stand["coord"])
    response = nodig_uit_via_pagina(
        client, stand["gemeente"], stand["lezer"].email.upper(), rol="coordinator"
    )
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert (
        f"Lars Lezer ({stand['lezer'].email}) staat al in uw team als lezer. Wilt u de rol "
        "wijzigen? Gebruik dan &#x27;Maak coördinator&#x27;"
    ) in inhoud
    assert 'aria-invalid="true"' in inhoud
    assert not Message.objects.exists() and not Uitnodiging.objects.exists()
    coord_adres = stand["coord"].email
    response = nodig_uit_via_pagina(client, stand["gemeente"], coord_adres)
    assert "staat al in uw team als coördinator" in response.content.decode()
    assert "Gebruik dan &#x27;Maak lezer&#x27;" in response.content.decode()
    assert not Message.objects.exists()


def test_a_double_click_sends_one_invitation(client, stand):
    client.force_login(stand["coord"])
    for _ in range(2):
        nodig_uit_via_pagina(client, stand["gemeente"], "dubbel@teamstad.example", indiening="k1")
    assert Uitnodiging.objects.count() == 1
    assert len(mails_aan("dubbel@teamstad.example")) == 1


def test_a_wrong_address_is_refused_with_a_message_and_nothing_sent(client, stand):
    client.force_login(stand["coord"])
    response = nodig_uit_via_pagina(client, stand["gemeente"], "geen-adres", rol="baas")
    inhoud = response.content.decode()
    assert response.status_code == 200
    assert "Vul een geldig e-mailadres in" in inhoud and "Kies lezer of coördinator." in inhoud
    assert 'aria-invalid="true"' in inhoud and "<legend" in inhoud
    assert 'aria-describedby="id_email_hulp id_email_fout"' in inhoud
    assert not Uitnodiging.objects.exists() and not Message.objects.exists()


def test_resending_gives_a_new_link_and_the_old_stops_working(client, stand):
    client.force_login(stand["coord"])
    nodig_uit_via_pagina(client, stand["gemeente"], "later@teamstad.example")
    oud = token_uit_mail("later@teamstad.example")
    uitnodiging = Uitnodiging.objects.get()
    response = client.post(
        reverse("team:opnieuw", args=[stand["gemeente"].code, uitnodiging.pk]), follow=True
    )
    assert "De vorige link werkt niet meer." in response.content.decode()
    nieuw = token_uit_mail("later@teamstad.example")
    assert nieuw != oud and len(mails_aan("later@teamstad.example")) == 2
    assert client.get(link(oud)).status_code == 404
    client.logout()
    assert client.get(link(nieuw)).status_code == 200
    client.force_login(stand["coord"])
    assert "(2 keer verstuurd)" in _team(client, stand["gemeente"])


def test_an_expired_invitation_stays_listed_and_can_be_sent_again(client, stand):
    client.force_login(stand["coord"])
    nodig_uit_via_pagina(client, stand["gemeente"], "traag@teamstad.example")
    Uitnodiging.objects.update(verloopt_op=timezone.now() - timedelta(days=1))
    assert "Verlopen op" in _team(client, stand["gemeente"])
    uitnodiging = Uitnodiging.objects.get()
    client.post(reverse("team:opnieuw", args=[stand["gemeente"].code, uitnodiging.pk]))
    uitnodiging.refresh_from_db()
    assert uitnodiging.verloopt_op > timezone.now() + timedelta(days=6)
    inhoud = _team(client, stand["gemeente"])
    assert "Verlopen op" not in inhoud and "Geldig tot" in inhoud
    client.logout()
    assert client.get(link(token_uit_mail("traag@teamstad.example"))).status_code == 200


def test_withdrawing_stops_the_link_and_says_so_when_already_done(client, stand):
    client.force_login(stand["coord"])
    nodig_uit_via_pagina(client, stand["gemeente"], "weg@teamstad.example")
    token = token_uit_mail("weg@teamstad.example")
    uitnodiging = Uitnodiging.objects.get()
    url = reverse("team:intrekken", args=[stand["gemeente"].code, uitnodiging.pk])
    assert "is ingetrokken" in client.post(url, follow=True).content.decode()
    assert "Openstaande uitnodigingen (0)" in _team(client, stand["gemeente"])
    assert "was al ingetrokken" in client.post(url, follow=True).content.decode()
    opnieuw = reverse("team:opnieuw", args=[stand["gemeente"].code, uitnodiging.pk])
    assert "was al ingetrokken" in client.post(opnieuw, follow=True).content.decode()
    assert len(mails_aan("weg@teamstad.example")) == 1
    client.logout()
    response = client.get(link(token))
    assert response.status_code == 410 and "ingetrokken" in response.content.decode()


def test_a_used_invitation_cannot_be_withdrawn(client, stand):
    ander = UserFactory(first_name="Olga", last_name="Elders")
    client.force_login(stand["coord"])
    nodig_uit_via_pagina(client, stand["gemeente"], ander.email, rol="coordinator")
    token = token_uit_mail(ander.email)
    client.force_login(ander)
    client.post(link(token))
    client.force_login(stand["coord"])
    uitnodiging = Uitnodiging.objects.get()
    url = reverse("team:intrekken", args=[stand["gemeente"].code, uitnodiging.pk])
    assert "al aangenomen" in client.post(url, follow=True).content.decode()
    uitnodiging.refresh_from_db()
    assert uitnodiging.ingetrokken_op is None


def test_a_lezer_gets_no_form_and_every_invitation_post_is_refused(client, stand):
    client.force_login(stand["coord"])
    nodig_uit_via_pagina(client, stand["gemeente"], "open@teamstad.example")
    _team(client, stand["gemeente"])  # the coördinator reads the message
    uitnodiging = Uitnodiging.objects.get()
    client.force_login(stand["lezer"])
    inhoud = _team(client, stand["gemeente"])
    assert "Collega uitnodigen" not in inhoud and "open@teamstad.example" not in inhoud
    code = stand["gemeente"].code
    assert nodig_uit_via_pagina(client, stand["gemeente"], "x@y.example").status_code == 403
    assert client.post(reverse("team:opnieuw", args=[code, uitnodiging.pk])).status_code == 403
    assert client.post(reverse("team:intrekken", args=[code, uitnodiging.pk])).status_code == 403
    assert Uitnodiging.objects.count() == 1 and Message.objects.count() == 1
    uitnodiging.refresh_from_db()
    assert uitnodiging.ingetrokken_op is None and uitnodiging.keer_verstuurd == 1


def test_a_coordinator_of_a_never_invites_or_withdraws_for_b(client, stand):
    andere = GemeenteFactory(naam="Anderstad")
    coord_b = coordinator(andere)
    client.force_login(coord_b)
    nodig_uit_via_pagina(client, andere, "b@anderstad.example")
    van_b = Uitnodiging.objects.get()
    client.force_login(stand["coord"])
    assert nodig_uit_via_pagina(client, andere, "x@y.example").status_code == 404
    assert client.post(reverse("team:opnieuw", args=[andere.code, van_b.pk])).status_code == 404
    assert client.post(reverse("team:intrekken", args=[andere.code, van_b.pk])).status_code == 404
    # Nor through the own gemeente's address with the other gemeente's invitation.
    eigen = stand["gemeente"].code
    response = client.post(reverse("team:intrekken", args=[eigen, van_b.pk]), follow=True)
    assert "bestaat niet meer" in response.content.decode()
    client.post(reverse("team:opnieuw", args=[eigen, van_b.pk]))
    assert Uitnodiging.objects.count() == 1 and Message.objects.count() == 1
    van_b.refresh_from_db()
    assert van_b.ingetrokken_op is None and van_b.keer_verstuurd == 1
    assert "b@anderstad.example" not in _team(client, stand["gemeente"])


def test_at_most_so_many_invitations_per_hour(client, stand, settings):
    settings.VIT_UITNODIGINGEN_PER_UUR = 3
    client.force_login(stand["coord"])
    for i in range(2):
        nodig_uit_via_pagina(client, stand["gemeente"], f"c{i}@teamstad.example")
    eerste = Uitnodiging.objects.get(email="c0@teamstad.example")
    client.post(reverse("team:opnieuw", args=[stand["gemeente"].code, eerste.pk]))  # counts too
    response = nodig_uit_via_pagina(client, stand["gemeente"], "teveel@teamstad.example")
    assert meldingen(response) == [
        "U heeft het afgelopen uur al 3 uitnodigingen verstuurd. Dat is het maximum per uur, "
        "zodat niemand VIT kan gebruiken om veel mail te sturen. Probeer het over een uur "
        "opnieuw. Er is nu niets verstuurd."
    ]
    client.post(reverse("team:opnieuw", args=[stand["gemeente"].code, eerste.pk]))
    assert Uitnodiging.objects.count() == 2 and Message.objects.count() == 3
    # Another coördinator of the same gemeente has a limit of their own.
    client.force_login(coordinator(stand["gemeente"]))
    nodig_uit_via_pagina(client, stand["gemeente"], "ander@teamstad.example")
    assert len(mails_aan("ander@teamstad.example")) == 1


def test_the_gemeente_keeps_its_coordinator(client, stand):
    """The only coördinator, invited as lezer (not through the team page, which refuses a
    member's address), stays coördinator; demoting the last one is still refused once there
    are invitations."""
    client.force_login(stand["coord"])
    tokens = []
    uitnodigen.nodig_uit(
        stand["gemeente"], stand["coord"].email, ROL.LEZER, door=None, link_van=tokens.append
    )
    client.post(link(tokens[0]))
    lid = Lidmaatschap.objects.get(gebruiker=stand["coord"])
    assert lid.rol == ROL.COORDINATOR
    with pytest.raises(team.TeamFout, match="enige coördinator"):
        team.wijzig_rol(lid, lid.pk, "coordinator", "lezer")


def test_the_history_shows_the_invitation_events(client, stand):
    client.force_login(stand["coord"])
    gemeente = stand["gemeente"]
    nodig_uit_via_pagina(client, gemeente, "hist@teamstad.example", rol="coordinator")
    uitnodiging = Uitnodiging.objects.get()
    client.post(reverse("team:opnieuw", args=[gemeente.code, uitnodiging.pk]))
    nodig_uit_via_pagina(client, gemeente, "weg@teamstad.example")
    client.post(
        reverse("team:intrekken", args=[gemeente.code, Uitnodiging.objects.latest("pk").pk])
    )
    token = token_uit_mail("hist@teamstad.example")
    client.logout()
    client.post(link(token), {"naam": "Hanna Hist", **_wachtwoord()})
    client.force_login(stand["coord"])
    inhoud = _team(client, gemeente)
    for regel in (
        "Uitnodiging verstuurd aan hist@teamstad.example als coördinator, door Carla Coord.",
        "Uitnodiging opnieuw gestuurd aan hist@teamstad.example, door Carla Coord.",
        "Uitnodiging aan weg@teamstad.example ingetrokken, door Carla Coord.",
        "Uitnodiging aan hist@teamstad.example aangenomen.",
        "Hanna Hist toegevoegd aan het team.",
    ):
        assert regel in inhoud
    assert "hist@teamstad.example" not in _team(client, GemeenteFactory())  # 404 page


def _wachtwoord():
    return {
        "new_password1": "een-heel-sterk-wachtwoord",
        "new_password2": "een-heel-sterk-wachtwoord",
    }


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_members_or_invitations(client, stand):
    client.force_login(stand["coord"])
    gemeente = stand["gemeente"]
    url = reverse("team:overzicht", args=[gemeente.code])

    nodig_uit_via_pagina(client, gemeente, "eerste@teamstad.example")
    _queries(client, url)
    klein = _queries(client, url)  # 2 members, 1 invitation
    for i in range(4):
        LidmaatschapFactory(gemeente=gemeente, rol=ROL.LEZER)
        nodig_uit_via_pagina(client, gemeente, f"extra{i}@teamstad.example")
    assert Lidmaatschap.objects.filter(gemeente=gemeente).count() == 6
    assert _queries(client, url) == klein
