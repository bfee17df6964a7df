import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from assessments.models import Gemeente, Lidmaatschap, Provincie
from vit.roles import INHOUDSBEHEERDER, RONDEBEHEERDER, VNG_ANALIST

WACHTWOORD = "een-lang-test-wachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", WACHTWOORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM9{n:03d}")
    naam = factory.Sequence(lambda n: f"Testgemeente {n}")
    provincie = Provincie.UTRECHT
    inwoners = 45_000


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    gebruiker = factory.SubFactory(UserFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    rol = Lidmaatschap.Rol.COORDINATOR


def coordinator(gemeente=None, **kwargs):
    lid = LidmaatschapFactory(
        gemeente=gemeente or GemeenteFactory(), rol=Lidmaatschap.Rol.COORDINATOR, **kwargs
    )
    return lid.gebruiker


def lezer(gemeente=None, **kwargs):
    lid = LidmaatschapFactory(
        gemeente=gemeente or GemeenteFactory(), rol=Lidmaatschap.Rol.LEZER, **kwargs
    )
    return lid.gebruiker


def vng_analist(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=VNG_ANALIST))
    return user


def rondebeheerder(**kwargs):
    """A VNG-analist who may also publish rondes."""
    user = vng_analist(**kwargs)
    user.groups.add(Group.objects.get(name=RONDEBEHEERDER))
    return user


def inhoudsbeheerder(**kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=INHOUDSBEHEERDER))
    return user


class ScanFactory(factory.django.DjangoModelFactory):
    """A scan on the current published framework version (load the ``kader`` fixture first)."""

    class Meta:
        model = "assessments.Scan"

    gemeente = factory.SubFactory(GemeenteFactory)
    titel = factory.Sequence(lambda n: f"Verkenning toegang {n}")
    periode = 2026
    kaderversie = factory.LazyFunction(
        lambda: __import__(
            "principles.models", fromlist=["KaderVersie"]
        ).KaderVersie.objects.huidige()
    )


def uitnodiging(scan, perspectief="uitvoering", **kwargs):
    """An invitation with its plain token: (respondent, token)."""
    from assessments.models import Perspectief
    from assessments.scans.services import nodig_uit

    return nodig_uit(scan, Perspectief.objects.get(sleutel=perspectief), **kwargs)
