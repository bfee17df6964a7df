"""The shipped framework content meets the content bar of the brief."""

import json
from collections import Counter

import pytest

from principles.models import CheckVraag, KaderVersie

from .conftest import KADER_BESTAND

# The only addresses the content may point to: public pages named in the source documents.
TOEGESTANE_ADRESSEN = {
    "https://vng.nl/rubrieken/onderwerpen/verbetertraject-toegang-sociaal-domein",
    "https://vng.nl/rubrieken/onderwerpen/project-toegang",
    "https://vng.nl/nieuws/vng-commissie-zjo-akkoord-met-uitgangspunten-toegang",
    "https://vng.nl/sites/default/files/2021-02/tool_1.1.1_-_de_vijf_basisfuncties_voor_lokale_teams_en_wijkgericht_werken.pdf",
    "https://vng.nl/nieuws/kwaliteitskader-werken-aan-veiligheid-wijkteams-infobox",
    "https://vng.nl/artikelen/routekaart-toezicht-handhaving-en-naleving-wmo-2015-en-jeugdwet",
    "https://vng.nl/publicaties/eindrapportage-merkbaar-beter-thuis-lessen-uit-de-praktijk",
    "https://www.movisie.nl/artikel/toegangsscan-toegang-snel-zicht-waar-beter-kan",
    "https://www.movisie.nl/publicatie/toegang-in-ontwikkeling",
    "https://www.toezichtsociaaldomein.nl/onderzoeken-en-instrumenten/zelfevaluatietool-gemeenten",
    "https://www.nationaleombudsman.nl/system/files/onderzoek/2018030%20Zorgen%20voor%20burgers.pdf",
    "https://www.scp.nl/publicaties/publicaties/2022/03/15/uitdagingen-in-het-sociaal-domein",
    "https://www.raadrvs.nl/documenten/publicaties/2022/03/02/samen-verder",
    "https://www.verwey-jonker.nl/publicatie/landelijke-rapportage-clientervaringsonderzoek-wmo/",
    "https://vng.nl/nieuws/richtinggevend-kader-voor-toegang-sociaal-domein-vastgesteld",
    "https://www.movisie.nl/artikel/achtergrondinformatie-verbetertraject-toegang",
    "https://www.toezichtsociaaldomein.nl/documenten/rapporten/2021/10/06/basisfuncties-voor-lokale-teams",
}

STANDAARD_KOPPELING = {
    "UP1": "BF2",
    "UP2": "BF2",
    "UP3": "BF1",
    "UP4": "BF3",
    "UP5": "BF3",
    "UP6": "BF1",
    "UP7": "BF3",
}


def test_version_one_is_published_with_three_basisfunctionaliteiten_and_seven_uitgangspunten(
    kader,
):
    assert kader.status == KaderVersie.Status.GEPUBLICEERD
    assert KaderVersie.objects.huidige() == kader
    assert kader.basisfunctionaliteiten.count() == 3
    assert list(kader.uitgangspunten.values_list("sleutel", flat=True)) == [
        f"UP{n}" for n in range(1, 8)
    ]
    assert list(kader.antwoordniveaus.values_list("waarde", flat=True)) == [1, 2, 3, 4]


def test_every_uitgangspunt_has_four_to_six_questions_covering_all_phases(kader):
    for up in kader.uitgangspunten.prefetch_related("checkvragen"):
        vragen = list(up.checkvragen.all())
        assert 4 <= len(vragen) <= 6, up.sleutel
        assert {v.fase for v in vragen} == set(CheckVraag.Fase.values), up.sleutel
        for vraag in vragen:
            assert vraag.tekst.strip() and vraag.helptekst.strip(), vraag.sleutel
            assert vraag.sleutel.startswith(f"{up.sleutel}-"), vraag.sleutel


def test_every_uitgangspunt_has_level_illustrations(kader):
    for up in kader.uitgangspunten.all():
        assert len(up.goed_als_lijst) >= 3, up.sleutel
        assert len(up.signalen_lijst) >= 3, up.sleutel
        assert up.omschrijving.strip()


def test_every_uitgangspunt_links_at_least_three_resources_of_two_kinds(kader):
    for up in kader.uitgangspunten.prefetch_related("handreikingen"):
        handreikingen = list(up.handreikingen.all())
        assert len(handreikingen) >= 3, up.sleutel
        assert len({h.soort for h in handreikingen}) >= 2, up.sleutel


def test_every_address_is_one_of_the_listed_public_addresses(kader):
    adressen = list(kader.handreikingen.values_list("url", flat=True))
    assert adressen
    assert set(adressen) <= TOEGESTANE_ADRESSEN
    assert len(adressen) == len(set(adressen)), "an address is listed twice"
    assert all(kader.handreikingen.values_list("uitgever", flat=True))


def test_default_mapping_onto_basisfunctionaliteiten_has_a_reason(kader):
    for up in kader.uitgangspunten.prefetch_related("koppeling_set__basisfunctionaliteit"):
        koppelingen = {k.basisfunctionaliteit.sleutel: k.reden for k in up.koppeling_set.all()}
        assert STANDAARD_KOPPELING[up.sleutel] in koppelingen, up.sleutel
        assert all(reden.strip() for reden in koppelingen.values())


def test_question_keys_are_unique_within_the_version(kader):
    sleutels = CheckVraag.objects.filter(uitgangspunt__versie=kader).values_list(
        "sleutel", flat=True
    )
    assert [s for s, n in Counter(sleutels).items() if n > 1] == []


@pytest.mark.django_db
def test_loading_twice_changes_nothing(kader):
    from principles.loader import laad_kader

    versie, nieuw = laad_kader(KADER_BESTAND)
    assert not nieuw
    assert versie == kader
    assert KaderVersie.objects.count() == 1
    totaal = sum(
        len(up["checkvragen"]) for up in json.loads(KADER_BESTAND.read_text())["uitgangspunten"]
    )
    assert CheckVraag.objects.count() == totaal


@pytest.mark.django_db
def test_a_file_with_an_unknown_phase_is_refused_and_loads_nothing(tmp_path):
    from principles.loader import KaderBestandFout, laad_kader

    data = json.loads(KADER_BESTAND.read_text())
    data["uitgangspunten"][0]["checkvragen"][0]["fase"] = "dromen"
    pad = tmp_path / "kader.json"
    pad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KaderBestandFout, match="onbekende fase 'dromen'"):
        laad_kader(pad)
    assert not KaderVersie.objects.exists()


def _zonder(d, sleutel):
    d.pop(sleutel)
    return d


def _dubbel_up(d):
    d["uitgangspunten"].append(dict(d["uitgangspunten"][0]))
    return d


def _bf_zonder_sleutel(d):
    d["basisfunctionaliteiten"][0].pop("sleutel")
    return d


def _nummer(d, waarde):
    d["versie"]["nummer"] = waarde
    return d


def _up_zonder_vragen(d):
    d["uitgangspunten"][3]["checkvragen"] = []
    return d


def _nul_in_vraag(d):
    d["uitgangspunten"][0]["checkvragen"][0]["tekst"] = "Onze\x00gemeente"
    return d


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("maak", "melding"),
    [
        (lambda d: 42, "één JSON-object"),
        (lambda d: [d], "één JSON-object"),
        (lambda d: {**d, "versie": "1"}, "versie: moet een object zijn"),
        (lambda d: _nummer(d, "abc"), "'nummer' moet een geheel getal"),
        (lambda d: _nummer(d, 0), "'nummer' moet een geheel getal"),
        (_bf_zonder_sleutel, "basisfunctionaliteit 1: 'sleutel' ontbreekt"),
        (_dubbel_up, "sleutel 'UP1' komt twee keer voor"),
        (lambda d: _zonder(d, "uitgangspunten"), "'uitgangspunten' ontbreekt"),
        (lambda d: {**d, "uitgangspunten": []}, "een kader zonder uitgangspunten"),
        (_up_zonder_vragen, "'checkvragen' is leeg"),
        (_nul_in_vraag, "nul-teken"),
    ],
)
def test_a_malformed_kader_gets_a_dutch_list_and_nothing_is_loaded_or_published(
    tmp_path, maak, melding
):
    from django.core.management import CommandError, call_command

    data = maak(json.loads(KADER_BESTAND.read_text()))
    if isinstance(data, dict) and isinstance(data.get("versie"), dict):
        data["versie"].setdefault("nummer", 9)
        if isinstance(data["versie"]["nummer"], int) and data["versie"]["nummer"] > 0:
            data["versie"]["nummer"] = 9
    pad = tmp_path / "kader.json"
    pad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as fout:
        call_command("laad_kader", str(pad))
    assert "Het kader is niet geladen; er is niets gewijzigd." in str(fout.value)
    assert melding in str(fout.value)
    assert not KaderVersie.objects.exists()
