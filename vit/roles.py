"""Who may do what: the groups and the checks every view uses."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import CharField, Value

__all__ = [
    "INHOUDSBEHEERDER",
    "RONDEBEHEERDER",
    "VNG_ANALIST",
    "ROLGROEPEN",
    "is_inhoudsbeheerder",
    "is_vng_analist",
    "mag_publiceren",
    "tweede_factor_aan",
    "tweede_factor_verplicht",
    "vereist_tweede_factor",
    "zorg_voor_rolgroepen",
]

VNG_ANALIST = "VNG-analist"
INHOUDSBEHEERDER = "Inhoudsbeheerder"
# Publishes the rondes of the comparison (a VNG role beside the analist, who only reads).
RONDEBEHEERDER = "VNG-rondebeheerder"

# Permissions per group, as (app_label, codename-prefixes, models).
_INHOUDSBEHEER_MODELLEN = (
    "kaderversie",
    "antwoordniveau",
    "basisfunctionaliteit",
    "uitgangspunt",
    "koppeling",
    "checkvraag",
    "handreiking",
    "kaderperspectief",
    "vraagperspectief",
    "begrip",
)
ROLGROEPEN = {
    VNG_ANALIST: [],
    INHOUDSBEHEERDER: [
        ("principles", f"{actie}_{model}")
        for model in _INHOUDSBEHEER_MODELLEN
        for actie in ("view", "add", "change", "delete")
    ]
    + [("auditlog", "view_logentry")],
    RONDEBEHEERDER: [("assessments", "publiceer_ronde")],
}


# Markers in the per-request cache beside the group names (group names never start with "#").
_APP_GEKOPPELD = "#app"
_COORDINATOR = "#coordinator"


def _kenmerken(user) -> set[str]:
    """Group names, whether a confirmed authenticator app exists and whether the user is a
    coördinator somewhere: one query per request (the middleware asks on every request)."""
    cache = getattr(user, "_vit_groepen", None)
    if cache is None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        def marker(waarde):
            return Value(waarde, output_field=CharField())

        namen = user.groups.order_by().values_list("name", flat=True)
        app = (
            TOTPDevice.objects.filter(user=user, confirmed=True)
            .order_by()
            .annotate(m=marker(_APP_GEKOPPELD))
            .values_list("m", flat=True)
        )
        coordinator = (
            user.lidmaatschappen.filter(rol="coordinator")
            .order_by()
            .annotate(m=marker(_COORDINATOR))
            .values_list("m", flat=True)
        )
        cache = set(namen.union(app, coordinator))
        user._vit_groepen = cache
    return cache


def _in_groep(user, naam: str) -> bool:
    return user.is_authenticated and naam in _kenmerken(user)


def is_vng_analist(user) -> bool:
    return _in_groep(user, VNG_ANALIST)


def is_inhoudsbeheerder(user) -> bool:
    return _in_groep(user, INHOUDSBEHEERDER)


def mag_publiceren(user) -> bool:
    """Rondebeheerders publish rondes (superusers too, as for every permission)."""
    return user.is_authenticated and (user.is_superuser or _in_groep(user, RONDEBEHEERDER))


def tweede_factor_verplicht(user) -> bool:
    """VNG-analisten, rondebeheerders, inhoudsbeheerders and superusers always log in with a
    second factor (TOTP); coördinatoren too when ``VIT_TWEEDE_STAP_COORDINATOREN`` is on (they
    see names and e-mail addresses of respondents). These users cannot turn it off."""
    return user.is_authenticated and (
        user.is_superuser
        or is_vng_analist(user)
        or is_inhoudsbeheerder(user)
        or _in_groep(user, RONDEBEHEERDER)
        or (settings.VIT_TWEEDE_STAP_COORDINATOREN and _in_groep(user, _COORDINATOR))
    )


def tweede_factor_aan(user) -> bool:
    """The user has a confirmed authenticator app (chosen or required)."""
    return _in_groep(user, _APP_GEKOPPELD)


def vereist_tweede_factor(user) -> bool:
    """Who must give the second step at login: everyone for whom it is required, and everyone
    who turned it on themselves."""
    return tweede_factor_verplicht(user) or tweede_factor_aan(user)


def zorg_voor_rolgroepen(**kwargs):
    """Create the role groups with their permissions (runs after every migrate)."""
    from django.contrib.auth.models import Permission

    for naam, perms in ROLGROEPEN.items():
        groep, _ = Group.objects.get_or_create(name=naam)
        gevonden = [
            Permission.objects.filter(content_type__app_label=app, codename=codename).first()
            for app, codename in perms
        ]
        groep.permissions.set([p for p in gevonden if p is not None])
