"""The house keeps its shape: which package may import which, no circles, views only at the top,
one place that raises versions, and modules a reader can take in. The rules are those of the
README's architecture note; a change that breaks one fails here, with the arrow that broke it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAKKETTEN = ("assessments", "principles", "vit")

# The floors of assessments, bottom first; a floor may import its own and the floors below it.
# Beside the floors, principles (the framework) sits below everything in assessments.
VLOEREN = {
    "kern": 0,  # models, schaal, scoring, opslaan, formvelden, grafieken, excel
    "gemeenten": 1,
    "vergelijken": 2,
    "scans": 2,
    "vragenlijst": 3,
    "spiegel": 3,
}
MAG_OOK = {
    # Same floor, one arrow: the spiegel reads the published ronde of its period; answering
    # uses the scan's token and question checks.
    "spiegel": {"vergelijken", "scans"},
    "vragenlijst": {"scans"},
}
KERN = {"models", "schaal", "scoring", "opslaan", "formvelden", "grafieken", "excel"}
BOVEN = {"urls", "apps", "admin", "demodata", "management"}  # may import anything
VIT_ONDER = {
    "vit.roles",
    "vit.eenmalig",
    "vit.models",
    "vit.netwerk",
    "vit.logboek",
    "vit.backup",
}


def _modules():
    for pakket in PAKKETTEN:
        for pad in sorted((ROOT / pakket).rglob("*.py")):
            if "migrations" in pad.parts:
                continue
            naam = ".".join(pad.relative_to(ROOT).with_suffix("").parts)
            yield naam.removesuffix(".__init__"), pad


MODULES = dict(_modules())


def _imports(naam: str, pad: Path) -> set[str]:
    """Project modules imported anywhere in the module (also inside functions)."""
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
    gevonden = set()
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            kandidaten = [a.name for a in knoop.names]
        elif isinstance(knoop, ast.ImportFrom):
            basis = knoop.module or ""
            if knoop.level:
                delen = pakket.split(".")
                delen = delen[: len(delen) - knoop.level + 1]
                basis = ".".join(delen + ([basis] if basis else []))
            kandidaten = [f"{basis}.{a.name}" for a in knoop.names] + [basis]
        else:
            continue
        for kandidaat in kandidaten:
            while kandidaat and kandidaat not in MODULES:
                kandidaat = kandidaat.rpartition(".")[0]
            if kandidaat and kandidaat != naam:
                gevonden.add(kandidaat)
    return gevonden


GRAAF = {naam: _imports(naam, pad) for naam, pad in MODULES.items()}


def _kamer(module: str) -> str | None:
    """The floor of an assessments module, "boven" for the top, None outside assessments."""
    delen = module.split(".")
    if delen[0] != "assessments" or len(delen) == 1:
        return None
    if delen[1] in BOVEN:
        return "boven"
    if delen[1] in KERN:
        return "kern"
    return delen[1]


def test_every_package_of_the_house_is_found():
    kamers = {_kamer(m) for m in MODULES} - {None}
    assert kamers == set(VLOEREN) | {"boven"}


def test_no_import_circles():
    bezocht, pad, cirkels = set(), [], []

    def bezoek(module):
        if module in pad:
            cirkels.append(pad[pad.index(module) :] + [module])
            return
        if module in bezocht:
            return
        pad.append(module)
        for doel in sorted(GRAAF[module]):
            bezoek(doel)
        pad.pop()
        bezocht.add(module)

    for module in sorted(GRAAF):
        bezoek(module)
    assert cirkels == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _kamer(m) not in (None, "boven")))
def test_no_arrow_runs_back_up(module):
    van = _kamer(module)
    verkeerd = []
    for doel in GRAAF[module]:
        naar = _kamer(doel)
        if naar is None or naar == van or naar in MAG_OOK.get(van, ()):
            continue
        if naar == "boven" or VLOEREN[naar] >= VLOEREN[van]:
            verkeerd.append(doel)
    assert verkeerd == [], f"{module} imports {verkeerd}"


def test_the_framework_and_the_project_layer_import_no_gemeente_code():
    verkeerd = [
        (module, doel)
        for module, doelen in GRAAF.items()
        for doel in doelen
        if doel.startswith("assessments")
        and (module.startswith("principles") or module in VIT_ONDER)
    ]
    assert verkeerd == []


def test_only_views_and_urls_import_views():
    def is_view(module):
        laatste = module.rpartition(".")[2]
        return laatste == "views" or laatste.startswith("views_")

    verkeerd = [
        (module, doel)
        for module, doelen in GRAAF.items()
        for doel in doelen
        if is_view(doel) and not (is_view(module) or module.rpartition(".")[2] == "urls")
    ]
    assert verkeerd == []


def test_only_the_write_module_raises_a_version():
    """Every version-checked write goes through assessments.opslaan."""
    verkeerd = [
        naam
        for naam, pad in MODULES.items()
        if naam != "assessments.opslaan"
        and any(
            teken in pad.read_text(encoding="utf-8")
            for teken in ('F("versie")', "versie += 1", "versie=F(")
        )
    ]
    assert verkeerd == []


def test_no_module_is_longer_than_a_reader_takes_in():
    te_lang = {
        naam: n
        for naam, pad in MODULES.items()
        if (n := len(pad.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert te_lang == {}
