"""The data of all journeys, one module per theme; import from here."""

from assessments.schaal import TOELICHTING_MAX, Waarde

from .antwoorden import Ambitie, Antwoord, VastgesteldeScore
from .gemeenten import Gemeente, Grootteklasse, Lidmaatschap, Provincie, gemeentecode_validator
from .plan import Actie, Ontwikkelplan
from .rondes import Ronde, RondeBevrorenError, RondeCijfer, RondeVergelijking
from .scans import Perspectief, Respondent, Scan
from .toegang import Aanvraag, Uitnodiging

__all__ = [
    "TOELICHTING_MAX",
    "Aanvraag",
    "Actie",
    "Ambitie",
    "Antwoord",
    "Gemeente",
    "Grootteklasse",
    "Lidmaatschap",
    "Ontwikkelplan",
    "Perspectief",
    "Provincie",
    "Respondent",
    "Ronde",
    "RondeBevrorenError",
    "RondeCijfer",
    "RondeVergelijking",
    "Scan",
    "Uitnodiging",
    "VastgesteldeScore",
    "Waarde",
    "gemeentecode_validator",
]
