"""Framework version 2: perspectives, level descriptions, begrippen and handreikingen with a
source instead of an address; loading, the API the questionnaire uses, freezing and copying."""

import json
import shutil

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from principles.loader import KaderBestandFout, kaderbestanden, laad_alle_kaders, laad_kader
from principles.models import (
    Begrip,
    CheckVraag,
    KaderBevrorenError,
    KaderPerspectief,
    KaderVersie,
    VraagPerspectief,
)
from principles.services import gestelde_vragen, vragen_voor_perspectief

from .conftest import KADER_BESTAND, KADER_V2_KLEIN

KLEIN = KADER_V2_KLEIN


def _vraag(versie, sleutel):
    return CheckVraag.objects.prefetch_related("voor_perspectieven__perspectief").get(
        uitgangspunt__versie=versie, sleutel=sleutel
    )


def test_the_small_v2_file_loads_with_everything(kader_v2):
    assert kader_v2.status == KaderVersie.Status.GEPUBLICEERD
    assert list(kader_v2.perspectieven.values_list("sleutel", "naam")) == [
        ("beleid", "Beleid"),
        ("uitvoering", "Uitvoering"),
        ("inwoner", "Inwoner"),
    ]
    assert sorted(kader_v2.begrippen.values_list("term", flat=True)) == [
        "Lokaal team",
        "Ondersteuningsplan",
        "Wmo",
    ]
    vraag = _vraag(kader_v2, "UP1-02")
    assert vraag.niveaus == [
        "Er zijn losse plannen per hulpverlener.",
        "Soms is er één plan.",
        "Meestal is er één plan.",
        "Er is altijd één plan dat iedereen kent.",
    ]
    assert vraag.perspectief_sleutels() == ["uitvoering", "inwoner"]
    assert VraagPerspectief.objects.filter(checkvraag__uitgangspunt__versie=kader_v2).count() == 8
    papier = kader_v2.handreikingen.get(sleutel="werkboek-op-papier")
    assert papier.url == ""
    assert papier.bron.startswith("Werkboek bij de training")
    assert papier.uitgangspunten.get().sleutel == "UP1"


def test_the_v1_file_loads_as_before_without_v2_parts(kader):
    vragen = CheckVraag.objects.filter(uitgangspunt__versie=kader)
    assert all(v.niveaus == [] for v in vragen)
    assert not kader.perspectieven.exists()
    assert not kader.begrippen.exists()
    assert not VraagPerspectief.objects.exists()
    assert all(h.url.startswith("https://") and h.bron == "" for h in kader.handreikingen.all())


def test_a_v1_question_is_asked_of_everyone_in_its_own_words(kader):
    vraag = _vraag(kader, "UP1-01")
    assert vraag.gesteld_aan("inwoner") and vraag.gesteld_aan("bestuur")
    assert vraag.perspectief_sleutels() is None
    assert vraag.tekst_voor("inwoner") == vraag.tekst
    assert vraag.helptekst_voor("beleid") == vraag.helptekst
    assert gestelde_vragen(kader) is None
    alle = CheckVraag.objects.filter(uitgangspunt__versie=kader).count()
    assert vragen_voor_perspectief(kader, "inwoner").count() == alle


def test_a_v2_question_is_asked_only_of_its_perspectives_with_their_wording(kader_v2):
    vraag = _vraag(kader_v2, "UP1-02")
    assert vraag.gesteld_aan("inwoner") and vraag.gesteld_aan("uitvoering")
    assert not vraag.gesteld_aan("beleid")
    assert vraag.tekst_voor("inwoner") == "Ik heb samen met één medewerker één plan gemaakt."
    assert vraag.tekst_voor("uitvoering") == vraag.tekst
    assert vraag.helptekst_voor("inwoner") == "Denk aan uw eigen ervaring."
    assert vraag.helptekst_voor("uitvoering") == "Denk aan de laatste tien gesprekken."
    sleutels = [v.sleutel for v in vragen_voor_perspectief(kader_v2, "inwoner")]
    assert sleutels == ["UP1-02", "UP2-02"]
    assert [v.sleutel for v in vragen_voor_perspectief(kader_v2, "bestuur")] == []


def test_the_api_makes_no_query_per_question(kader_v2, django_assert_num_queries):
    with django_assert_num_queries(2):
        vragen = list(vragen_voor_perspectief(kader_v2, "uitvoering"))
        teksten = [
            (v.uitgangspunt.sleutel, v.tekst_voor("uitvoering"), v.helptekst_voor("uitvoering"))
            for v in vragen
        ]
        assert all(v.gesteld_aan("uitvoering") for v in vragen)
        assert all("uitvoering" in v.perspectief_sleutels() for v in vragen)
    assert len(teksten) == 3
    with django_assert_num_queries(2):
        gesteld = gestelde_vragen(kader_v2)
    ids = dict(
        CheckVraag.objects.filter(uitgangspunt__versie=kader_v2).values_list("sleutel", "pk")
    )
    assert gesteld == {
        "beleid": {ids["UP1-01"], ids["UP2-01"], ids["UP2-03"]},
        "uitvoering": {ids["UP1-02"], ids["UP2-01"], ids["UP2-02"]},
        "inwoner": {ids["UP1-02"], ids["UP2-02"]},
    }


def _vraag_in(d, up=0, vraag=0):
    return d["uitgangspunten"][up]["checkvragen"][vraag]


def _zet(d, pad, waarde):
    doel = d
    for stap in pad[:-1]:
        doel = doel[stap]
    doel[pad[-1]] = waarde
    return d


def _zonder_perspectieven(d):
    _vraag_in(d).pop("perspectieven")
    return d


def _helptekst_elders(d):
    _vraag_in(d)["helpteksten"] = {"inwoner": "Niet gesteld aan inwoners."}
    return d


VRAAG = ("uitgangspunten", 0, "checkvragen", 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("maak", "melding"),
    [
        (lambda d: _zet(d, (*VRAAG, "niveaus"), ["a", "b", "c"]), "precies vier teksten"),
        (lambda d: _zet(d, (*VRAAG, "niveaus"), ["a", "b", "", "d"]), "precies vier teksten"),
        (lambda d: _zet(d, (*VRAAG, "perspectieven"), {"wethouder": None}), "'wethouder'"),
        (lambda d: _zet(d, (*VRAAG, "perspectieven"), {}), "'perspectieven' ontbreekt"),
        (_zonder_perspectieven, "noem minstens één perspectief"),
        (_helptekst_elders, "wordt daar niet gesteld"),
        (lambda d: _zet(d, ("begrippen", 1, "term"), "wmo"), "'wmo' komt twee keer voor"),
        (lambda d: _zet(d, ("handreikingen", 1, "bron"), ""), "geen adres ('url') en geen"),
        (lambda d: _zet(d, ("perspectieven", 1, "sleutel"), "beleid"), "twee keer voor"),
        (lambda d: {**d, "perspectieven": "beleid"}, "'perspectieven' ontbreekt of is geen"),
    ],
)
def test_a_wrong_v2_file_is_refused_in_dutch_and_nothing_is_written(tmp_path, maak, melding):
    data = maak(json.loads(KLEIN.read_text(encoding="utf-8")))
    pad = tmp_path / "kader.json"
    pad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KaderBestandFout) as fout:
        laad_kader(pad)
    assert melding in str(fout.value)
    assert (
        "uitgangspunt 1 (UP1)" in str(fout.value)
        or "begrip" in str(fout.value)
        or ("handreiking" in str(fout.value) or "perspectie" in str(fout.value))
    )
    assert not KaderVersie.objects.exists()
    assert not KaderPerspectief.objects.exists()
    assert not Begrip.objects.exists()


@pytest.mark.django_db
def test_a_v1_file_with_perspectives_per_question_is_refused(tmp_path):
    data = json.loads(KADER_BESTAND.read_text(encoding="utf-8"))
    _vraag_in(data)["perspectieven"] = {"beleid": None}
    pad = tmp_path / "kader.json"
    pad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KaderBestandFout, match="het kader noemt geen perspectieven"):
        laad_kader(pad)
    assert not KaderVersie.objects.exists()


def test_a_handreiking_needs_an_address_or_a_source(kader_v2):
    kopie = kader_v2.maak_kopie()
    handreiking = kopie.handreikingen.get(sleutel="werkboek-op-papier")
    handreiking.full_clean()
    handreiking.bron = ""
    with pytest.raises(ValidationError, match="Vul een adres in"):
        handreiking.full_clean()


def test_the_v2_parts_of_a_published_version_are_frozen(kader_v2):
    rij = VraagPerspectief.objects.filter(checkvraag__uitgangspunt__versie=kader_v2).first()
    rij.tekst = "Anders"
    begrip = kader_v2.begrippen.first()
    begrip.uitleg = "Anders"
    perspectief = kader_v2.perspectieven.first()
    perspectief.naam = "Anders"
    for onderdeel in (rij, begrip, perspectief):
        with pytest.raises(KaderBevrorenError):
            onderdeel.save()
        with pytest.raises(KaderBevrorenError):
            onderdeel.delete()
    with pytest.raises(KaderBevrorenError):
        Begrip.objects.create(versie=kader_v2, term="Nieuw", uitleg="Nieuw begrip.")
    vraag = CheckVraag.objects.get(uitgangspunt__versie=kader_v2, sleutel="UP1-01")
    with pytest.raises(KaderBevrorenError):
        VraagPerspectief.objects.create(checkvraag=vraag, perspectief=perspectief)
    assert VraagPerspectief.objects.filter(checkvraag__uitgangspunt__versie=kader_v2).count() == 8
    assert not kader_v2.begrippen.filter(uitleg="Anders").exists()
    assert kader_v2.perspectieven.get(sleutel=perspectief.sleutel).naam != "Anders"


def test_a_copy_takes_levels_perspectives_and_begrippen(kader_v2, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        kopie = kader_v2.maak_kopie()
    assert kopie.status == KaderVersie.Status.CONCEPT
    assert list(kopie.perspectieven.values_list("sleutel", "naam", "volgorde")) == list(
        kader_v2.perspectieven.values_list("sleutel", "naam", "volgorde")
    )
    assert sorted(kopie.begrippen.values_list("term", "uitleg")) == sorted(
        kader_v2.begrippen.values_list("term", "uitleg")
    )

    def rijen(versie):
        return sorted(
            VraagPerspectief.objects.filter(checkvraag__uitgangspunt__versie=versie).values_list(
                "checkvraag__sleutel", "perspectief__sleutel", "perspectief__versie", "tekst"
            )
        )

    assert [r[:2] + r[3:] for r in rijen(kopie)] == [r[:2] + r[3:] for r in rijen(kader_v2)]
    assert {r[2] for r in rijen(kopie)} == {kopie.pk}
    assert _vraag(kopie, "UP1-02").niveaus == _vraag(kader_v2, "UP1-02").niveaus
    assert kopie.handreikingen.get(sleutel="werkboek-op-papier").bron
    assert kopie.handreikingen.get(sleutel="online-gids").uitgangspunten.get().versie == kopie
    rij = VraagPerspectief.objects.filter(checkvraag__uitgangspunt__versie=kopie).first()
    rij.tekst = "Nu wel te wijzigen"
    rij.save()


@pytest.mark.django_db
def test_all_files_of_a_folder_load_in_number_order_once(tmp_path):
    shutil.copy(KADER_BESTAND, tmp_path / "kader_v1.json")
    shutil.copy(KLEIN, tmp_path / "kader_v2.json")
    (tmp_path / "kader_concept.json").write_text("geen kader", encoding="utf-8")
    assert [p.name for p in kaderbestanden(tmp_path)] == ["kader_v1.json", "kader_v2.json"]
    geladen = laad_alle_kaders(tmp_path)
    assert [(v.nummer, nieuw) for v, nieuw in geladen] == [(1, True), (2, True)]
    assert KaderVersie.objects.huidige().nummer == 2
    opnieuw = laad_alle_kaders(tmp_path)
    assert [(v.nummer, nieuw) for v, nieuw in opnieuw] == [(1, False), (2, False)]
    assert KaderVersie.objects.count() == 2


def test_numbers_sort_as_numbers(tmp_path):
    for naam in ("kader_v10.json", "kader_v2.json", "kader_v1.json", "kader_vx.json"):
        (tmp_path / naam).write_text("{}", encoding="utf-8")
    assert [p.name for p in kaderbestanden(tmp_path)] == [
        "kader_v1.json",
        "kader_v2.json",
        "kader_v10.json",
    ]


@pytest.mark.django_db
def test_the_command_without_a_file_loads_every_shipped_version_and_stays_idempotent(capsys):
    call_command("laad_kader")
    eerste = KaderVersie.objects.count()
    assert eerste == len(kaderbestanden(KADER_BESTAND.parent)) >= 1
    call_command("laad_kader")
    assert KaderVersie.objects.count() == eerste
    assert "stond er al; niets gewijzigd" in capsys.readouterr().out
    assert KaderVersie.objects.huidige() == KaderVersie.objects.order_by("-nummer").first()


def test_copying_the_large_v1_costs_no_more_queries_than_the_small_v2(
    kader, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        kopie = kader.maak_kopie()
    assert kopie.handreikingen.count() == kader.handreikingen.count()


GELEVERD_V2 = KADER_BESTAND.parent / "kader_v2.json"


@pytest.mark.skipif(not GELEVERD_V2.exists(), reason="fixtures/kader_v2.json is not shipped yet")
def test_the_shipped_v2_loads_after_v1_and_every_question_has_levels_and_perspectives(kader):
    versie, nieuw = laad_kader(GELEVERD_V2)
    assert nieuw and KaderVersie.objects.huidige() == versie
    vragen = list(
        CheckVraag.objects.filter(uitgangspunt__versie=versie).prefetch_related(
            "voor_perspectieven__perspectief"
        )
    )
    assert vragen and all(len(v.niveaus) == 4 for v in vragen)
    assert all(v.perspectief_sleutels() for v in vragen)
    assert set(versie.perspectieven.values_list("sleutel", flat=True)) == {
        "bestuur",
        "beleid",
        "uitvoering",
        "inwoner",
        "ketenpartner",
    }
    assert versie.begrippen.exists()
