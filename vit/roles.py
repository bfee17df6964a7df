"""Who may do what: the groups and the checks every view uses."""

from django.contrib.auth.models import Group

__all__ = [
    "INHOUDSBEHEERDER",
    "RONDEBEHEERDER",
    "VNG_ANALIST",
    "ROLGROEPEN",
    "is_inhoudsbeheerder",
    "is_vng_analist",
    "mag_publiceren",
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


def _in_groep(user, naam: str) -> bool:
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_vit_groepen", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._vit_groepen = cache
    return naam in cache


def is_vng_analist(user) -> bool:
    return _in_groep(user, VNG_ANALIST)


def is_inhoudsbeheerder(user) -> bool:
    return _in_groep(user, INHOUDSBEHEERDER)


def mag_publiceren(user) -> bool:
    """Rondebeheerders publish rondes (superusers too, as for every permission)."""
    return user.is_authenticated and (user.is_superuser or _in_groep(user, RONDEBEHEERDER))


def vereist_tweede_factor(user) -> bool:
    """VNG-analisten, rondebeheerders, inhoudsbeheerders and superusers log in with a second
    factor (TOTP)."""
    return user.is_authenticated and (
        user.is_superuser
        or is_vng_analist(user)
        or is_inhoudsbeheerder(user)
        or _in_groep(user, RONDEBEHEERDER)
    )


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
