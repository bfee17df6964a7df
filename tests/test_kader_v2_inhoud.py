"""The content of framework version 2 (fixtures/kader_v2.json) meets its content bar.

These tests read the JSON file directly; they need no database.
"""

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from .test_kader_inhoud import TOEGESTANE_ADRESSEN as TOEGESTAAN_IN_V1

ROOT = Path(__file__).resolve().parent.parent
KADER_V1 = ROOT / "fixtures" / "kader_v1.json"
KADER_V2 = ROOT / "fixtures" / "kader_v2.json"

PERSPECTIEVEN = ["bestuur", "beleid", "uitvoering", "inwoner", "ketenpartner"]
FASEN = {"richten", "inrichten", "verrichten"}
SOORTEN = {"handreiking", "tip", "goed_voorbeeld", "hulplijn", "inspiratiebron"}
MAX_WOORDEN_VRAAG = 20
MAX_WOORDEN_NIVEAU = 35
MAX_WOORDEN_UITLEG = 60
KOPIE_RUN = 12

# The title of BF3 exactly as the visienotitie (seed 001) words it.
BF3_TITEL = (
    "De toegang impliceert lokale teams die meer doen dan indiceren "
    "en ook direct zelf hulp verlenen"
)

# v1 keys that v2 reuses: each measures the same thing as in v1 (wording may be shorter).
# Every other v2 key is new and must not occur in v1, so comparisons across versions are fair.
V1_SLEUTELS_ZELFDE_BETEKENIS = {
    "UP1-01",
    "UP1-04",
    "UP1-05",
    "UP2-03",
    "UP3-01",
    "UP5-01",
    "UP5-02",
    "UP5-03",
    "UP5-04",
    "UP5-05",
    "UP5-06",
    "UP6-02",
    "UP6-04",
    "UP7-02",
    "UP7-05",
}

# The only addresses a handreiking may point to: the 17 of version 1 (all named in the source
# documents or known public pages of the same publishers) plus addresses literally in the seeds.
TOEGESTANE_ADRESSEN = TOEGESTAAN_IN_V1 | {
    # Literally in the seeds (000 colofon, 001 footnotes and bijlage, 003), beyond the 17 above.
    "https://www.vng.nl",
    "https://www.captise.nl/DesktopModules/Bring2mind/DMX/API/Entries/Download?EntryId=22188&Command=CoreDownload&language=nl-NL&PortalId=1&TabId=123",
    "https://www.captise.nl/DesktopModules/Bring2mind/DMX/API/Entries/Download?EntryId=22188&Command=Core_Download&language=nl-NL&PortalId=1&TabId=123",
    "https://www.scp.nl/actueel/nieuws/2022/03/15/scp-nieuwe-gemeentebesturen-heb-meer-oog-voor-mensen-in-een-kwetsbare-positie",
    "https://www.vuuniversitypress.com/product/besturen-zonder-wij/",
}

# Jargon that needs a glossary entry wherever a question, help text or level uses it:
# glossary term -> pattern (lower case) that finds it in the text.
JARGON = {
    "1-gezin-1-plan": r"1-gezin-1-plan",
    "Accounthouder": r"accounthouder",
    "Adviesraad": r"adviesraad",
    "Beleidsregels": r"beleidsregel",
    "Beschikking": r"beschikking",
    "Casus": r"\bcasus(sen)?\b",
    "Casusbespreking": r"casusbespreking",
    "Caseload": r"caseload",
    "CIZ": r"\bciz\b",
    "Cliëntervaringsonderzoek": r"cliëntervaringsonderzoek",
    "Cliëntondersteuner": r"cliëntondersteun",
    "Contractmanagement": r"contractmanagement",
    "Discipline": r"disciplin",
    "IJkpunt": r"ijkpunt",
    "Sociaal domein": r"sociaal domein",
    "Structureel": r"structure(el|le)",
    "Zorgaanbieder": r"\baanbieder|zorgaanbieder",
    "Ervaringsdeskundige": r"ervaringsdeskundig",
    "Gedragswetenschapper": r"gedragswetenschapper",
    "ggz": r"\bggz",
    "Herindicatie": r"herindicatie",
    "Indicatie": r"\bindic(atie|eren)",
    "Inkoop": r"\binkoop|\binkopen\b|ingekocht",
    "Intervisie": r"intervisie",
    "Jeugdwet": r"jeugdwet",
    "Leefgebied": r"leefgebied",
    "Lokaal team": r"lokaal team|lokale team",
    "Maatwerk": r"maatwerk",
    "Mandaat": r"mandaat",
    "Mantelzorger": r"mantelzorg",
    "Menselijke maat": r"menselijke maat",
    "Opdrachtgever": r"opdrachtgever",
    "Outreachend werken": r"outreachend",
    "Participatiewet": r"participatiewet",
    "Pilot": r"\bpilots?\b",
    "Praktijkondersteuner": r"praktijkondersteuner",
    "Regionaal veiligheidsteam": r"veiligheidsteam",
    "Respijtzorg": r"respijtzorg",
    "Schuldhulpverlening": r"schuldhulp",
    "Sociale basis": r"sociale basis",
    "Specialistische hulp": r"specialistische hulp",
    "Toegang": r"\btoegang\b",
    "Veilig Thuis": r"veilig thuis",
    "Verordening": r"verordening",
    "Vindplaatsen": r"vindplaats",
    "Wams": r"\bwams\b",
    "Warme overdracht": r"warme overdracht",
    "Wijkverpleging": r"wijkverpleg",
    "Wlz": r"\bwlz\b",
    "Wmo": r"\bwmo\b",
    "Zorgkantoor": r"zorgkantoor",
    "Zorgval": r"zorgval",
    "Zvw": r"\bzvw\b",
}


@pytest.fixture(scope="module")
def kader():
    return json.loads(KADER_V2.read_text(encoding="utf-8"))


def _woorden(tekst: str) -> int:
    return len(tekst.split())


def _vragen(kader):
    for up in kader["uitgangspunten"]:
        for vraag in up["checkvragen"]:
            yield up, vraag


def _vraagteksten(vraag) -> list[str]:
    """Everything a respondent reads for one check-vraag."""
    teksten = [vraag["tekst"], vraag.get("helptekst", ""), *vraag["niveaus"]]
    teksten += [v for v in vraag["perspectieven"].values() if v]
    teksten += list(vraag.get("helpteksten", {}).values())
    return teksten


def test_version_two_keeps_the_structure_of_three_plus_seven(kader):
    assert kader["versie"]["nummer"] == 2
    assert kader["versie"]["naam"] == "Kader toegang sociaal domein, versie 2"
    assert [bf["sleutel"] for bf in kader["basisfunctionaliteiten"]] == ["BF1", "BF2", "BF3"]
    assert [up["sleutel"] for up in kader["uitgangspunten"]] == [f"UP{n}" for n in range(1, 8)]
    assert [n["waarde"] for n in kader["antwoordschaal"]] == [1, 2, 3, 4]
    assert all(n["label"].strip() and n["omschrijving"].strip() for n in kader["antwoordschaal"])


def test_bf3_has_the_title_of_the_visienotitie(kader):
    bf3 = next(bf for bf in kader["basisfunctionaliteiten"] if bf["sleutel"] == "BF3")
    assert bf3["titel"] == BF3_TITEL
    assert bf3["korte_titel"].strip() and bf3["korte_titel"] != bf3["titel"]


def test_short_titles_keep_the_words_of_the_praatplaat(kader):
    korte = {up["sleutel"]: up["korte_titel"] for up in kader["uitgangspunten"]}
    assert korte["UP1"] == "Afstemming op alle relevante leefgebieden"
    assert korte["UP7"] == "Voorkomen en tijdig signaleren van problemen"


def test_the_five_perspectives_are_listed_in_order_with_a_description(kader):
    assert [p["sleutel"] for p in kader["perspectieven"]] == PERSPECTIEVEN
    assert all(p["naam"].strip() and p["omschrijving"].strip() for p in kader["perspectieven"])


def test_every_wording_has_at_most_twenty_words(kader):
    te_lang = []
    for _, vraag in _vragen(kader):
        formuleringen = [vraag["tekst"], *(v for v in vraag["perspectieven"].values() if v)]
        te_lang += [(vraag["sleutel"], f) for f in formuleringen if _woorden(f) > MAX_WOORDEN_VRAAG]
    assert te_lang == []


def test_every_question_has_four_concrete_level_descriptions(kader):
    for _, vraag in _vragen(kader):
        niveaus = vraag["niveaus"]
        assert isinstance(niveaus, list) and len(niveaus) == 4, vraag["sleutel"]
        assert all(isinstance(n, str) and n.strip() for n in niveaus), vraag["sleutel"]
        assert all(_woorden(n) <= MAX_WOORDEN_NIVEAU for n in niveaus), vraag["sleutel"]
        assert len(set(niveaus)) == 4, vraag["sleutel"]


def test_every_question_has_a_text_help_and_a_known_phase(kader):
    for up, vraag in _vragen(kader):
        assert vraag["sleutel"].startswith(f"{up['sleutel']}-"), vraag["sleutel"]
        assert vraag["fase"] in FASEN, vraag["sleutel"]
        assert vraag["tekst"].strip() and vraag["helptekst"].strip(), vraag["sleutel"]


def test_four_to_seven_questions_per_uitgangspunt_covering_every_phase(kader):
    for up in kader["uitgangspunten"]:
        vragen = up["checkvragen"]
        assert 4 <= len(vragen) <= 7, up["sleutel"]
        assert {v["fase"] for v in vragen} == FASEN, up["sleutel"]
        assert [v["volgorde"] for v in vragen] == list(range(1, len(vragen) + 1)), up["sleutel"]


def test_perspective_wordings_are_null_or_text_for_known_perspectives(kader):
    for _, vraag in _vragen(kader):
        perspectieven = vraag["perspectieven"]
        assert perspectieven, vraag["sleutel"]
        assert set(perspectieven) <= set(PERSPECTIEVEN), vraag["sleutel"]
        for waarde in perspectieven.values():
            assert waarde is None or (isinstance(waarde, str) and waarde.strip()), vraag["sleutel"]
        # A perspective-specific help text only for a perspective that answers the question.
        assert set(vraag.get("helpteksten", {})) <= set(perspectieven), vraag["sleutel"]


def test_every_perspective_answers_at_least_two_questions_per_uitgangspunt(kader):
    for up in kader["uitgangspunten"]:
        aantallen = Counter(p for v in up["checkvragen"] for p in v["perspectieven"])
        for perspectief in PERSPECTIEVEN:
            assert aantallen[perspectief] >= 2, (up["sleutel"], perspectief)


def test_inwoners_answer_from_their_own_experience(kader):
    """An inwoner is never asked about policy documents in the question's own wording."""
    beleidswoorden = ("verordening", "beleidsregel", "beleidsplan", "mandaat")
    for _, vraag in _vragen(kader):
        if "inwoner" not in vraag["perspectieven"]:
            continue
        tekst = vraag["perspectieven"]["inwoner"] or vraag["tekst"]
        assert not any(w in tekst.lower() for w in beleidswoorden), vraag["sleutel"]
        # Representatives answer too, so no "ik": and they are told they may answer for others.
        assert not re.search(r"\b(ik|mij|mijn)\b", tekst.lower()), vraag["sleutel"]
        assert vraag.get("helpteksten", {}).get("inwoner", "").strip(), vraag["sleutel"]


def test_texts_use_typographic_quotes_and_one_name_per_law(kader):
    def teksten(x):
        if isinstance(x, dict):
            return [t for k, v in x.items() if k != "url" for t in teksten(v)]
        return [t for v in x for t in teksten(v)] if isinstance(x, list) else [x]

    alles = [t for t in teksten(kader) if isinstance(t, str)]
    assert [t for t in alles if "'" in t or '"' in t] == []
    uitleg = {b["uitleg"] for b in kader["begrippen"]}
    for voluit in ("zorgverzekeringswet", "wet langdurige zorg"):
        assert [t for t in alles if voluit in t.lower() and t not in uitleg] == [], voluit
    assert "sleutel" not in kader["versie"]["toelichting"].lower()


def test_question_keys_are_unique(kader):
    sleutels = [v["sleutel"] for _, v in _vragen(kader)]
    assert [s for s, n in Counter(sleutels).items() if n > 1] == []


def test_only_keys_with_the_same_meaning_are_reused_from_version_one(kader):
    v1 = json.loads(KADER_V1.read_text(encoding="utf-8"))
    v1_vragen = {v["sleutel"]: v for _, v in _vragen(v1)}
    v2_sleutels = {v["sleutel"] for _, v in _vragen(kader)}
    assert set(v1_vragen) >= V1_SLEUTELS_ZELFDE_BETEKENIS
    assert v2_sleutels & set(v1_vragen) == V1_SLEUTELS_ZELFDE_BETEKENIS
    for _, vraag in _vragen(kader):
        if vraag["sleutel"] in V1_SLEUTELS_ZELFDE_BETEKENIS:
            assert vraag["fase"] == v1_vragen[vraag["sleutel"]]["fase"], vraag["sleutel"]


def test_glossary_terms_are_unique_and_explained_briefly(kader):
    termen = [b["term"] for b in kader["begrippen"]]
    assert [t for t, n in Counter(t.lower() for t in termen).items() if n > 1] == []
    for begrip in kader["begrippen"]:
        assert begrip["term"].strip() and begrip["uitleg"].strip(), begrip["term"]
        assert _woorden(begrip["uitleg"]) <= MAX_WOORDEN_UITLEG, begrip["term"]


def test_every_jargon_term_that_is_used_is_in_the_glossary(kader):
    termen = {b["term"].lower() for b in kader["begrippen"]}
    tekst = " ".join(t for _, v in _vragen(kader) for t in _vraagteksten(v)).lower()
    ontbreekt = [
        term
        for term, patroon in JARGON.items()
        if re.search(patroon, tekst) and term.lower() not in termen
    ]
    assert ontbreekt == []
    # The glossary at least covers the terms the brief names, used or not.
    for term in ("Zvw", "Wlz", "CIZ", "ggz", "Sociale basis", "Vindplaatsen", "Mandaat"):
        assert term.lower() in termen, term
    for term in ("Intervisie", "Accounthouder", "Caseload", "Wmo", "Jeugdwet"):
        assert term.lower() in termen, term
    for term in ("Participatiewet", "Wams", "Lokaal team"):
        assert term.lower() in termen, term


def test_every_address_is_allowed_and_a_missing_address_names_its_source(kader):
    adressen = [h["url"] for h in kader["handreikingen"] if h["url"]]
    assert set(adressen) <= TOEGESTANE_ADRESSEN
    assert len(adressen) == len(set(adressen)), "an address is listed twice"
    for h in kader["handreikingen"]:
        assert h["soort"] in SOORTEN, h["sleutel"]
        assert h["titel"].strip() and h["uitgever"].strip() and h["omschrijving"].strip()
        if not h["url"]:
            assert h.get("bron", "").strip(), f"{h['sleutel']}: no address and no source"


def test_claims_the_seeds_do_not_support_are_gone(kader):
    tekst = json.dumps(kader, ensure_ascii=False).lower()
    for claim in ("het vaakst noemen", "zonder wachttijd", "het verloop in teams is groot"):
        assert claim not in tekst, claim
    soort = {h["sleutel"]: h["soort"] for h in kader["handreikingen"]}
    assert soort["vng-merkbaar-beter-thuis"] != "goed_voorbeeld"
    assert "instrument" in next(
        h["omschrijving"] for h in kader["handreikingen"] if h["sleutel"] == "movisie-toegangsscan"
    )


def test_every_uitgangspunt_links_three_resources_of_two_kinds(kader):
    soort = {h["sleutel"]: h["soort"] for h in kader["handreikingen"]}
    for up in kader["uitgangspunten"]:
        assert set(up["handreikingen"]) <= set(soort), up["sleutel"]
        assert len(up["handreikingen"]) >= 3, up["sleutel"]
        assert len({soort[h] for h in up["handreikingen"]}) >= 2, up["sleutel"]
        assert len(up["goed_als"]) >= 3 and len(up["signalen"]) >= 3, up["sleutel"]


def test_mapping_onto_basisfunctionaliteiten_has_a_reason_per_link(kader):
    verwacht = {
        "UP1": {"BF2", "BF3"},
        "UP2": {"BF2", "BF3"},
        "UP3": {"BF1", "BF2"},
        "UP4": {"BF2", "BF3"},
        "UP5": {"BF1", "BF3"},
        "UP6": {"BF1", "BF2", "BF3"},
        "UP7": {"BF3"},
    }
    redenen = []
    for up in kader["uitgangspunten"]:
        links = {k["sleutel"]: k["reden"] for k in up["basisfunctionaliteiten"]}
        assert set(links) == verwacht[up["sleutel"]], up["sleutel"]
        assert all(r.strip() for r in links.values()), up["sleutel"]
        redenen += links.values()
    assert len(redenen) == len(set(redenen)), "every link has its own reason"


def _seedmap() -> Path | None:
    kandidaten = [ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds"]
    if os.environ.get("VIT_SEEDS"):
        kandidaten.insert(0, Path(os.environ["VIT_SEEDS"]))
    return next((p for p in kandidaten if p.is_dir()), None)


def _normaal(tekst: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", tekst.lower()).split()


def _runs(woorden: list[str]) -> set[tuple[str, ...]]:
    return {tuple(woorden[i : i + KOPIE_RUN]) for i in range(len(woorden) - KOPIE_RUN + 1)}


def _eigen_teksten(kader):
    """Every text we wrote ourselves: official titles and cited document titles are quotes."""
    yield kader["versie"]["toelichting"]
    for item in kader["antwoordschaal"] + kader["perspectieven"] + kader["begrippen"]:
        yield from (v for k, v in item.items() if isinstance(v, str) and k != "sleutel")
    for bf in kader["basisfunctionaliteiten"]:
        yield from (bf["korte_titel"], bf["omschrijving"])
    for up in kader["uitgangspunten"]:
        yield from (up["korte_titel"], up["omschrijving"], *up["goed_als"], *up["signalen"])
        yield from (k["reden"] for k in up["basisfunctionaliteiten"])
        for vraag in up["checkvragen"]:
            yield from _vraagteksten(vraag)
    for h in kader["handreikingen"]:
        yield h["omschrijving"]


def test_no_long_runs_of_words_are_copied_from_the_seeds(kader):
    seeds = _seedmap()
    if seeds is None:
        pytest.skip("the seed documents (../shared/seeds) are not on this machine")
    bron = set()
    for pad in sorted(seeds.glob("*.txt")):
        bron |= _runs(_normaal(pad.read_text(encoding="utf-8")))
    assert bron, "no seed text found"
    gekopieerd = [t for t in _eigen_teksten(kader) if _runs(_normaal(t)) & bron]
    assert gekopieerd == []
