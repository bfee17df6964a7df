"""Guard many-to-many changes: links of a published version are frozen too."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import Handreiking, KaderBevrorenError, KaderVersie, Uitgangspunt


@receiver(m2m_changed, sender=Handreiking.uitgangspunten.through)
def weiger_wijziging_bevroren_koppeling(sender, instance, action, pk_set, **kwargs):
    if not action.startswith("pre_"):
        return
    versie_ids = set()
    if isinstance(instance, Handreiking):
        versie_ids.add(instance.versie_id)
        if pk_set:
            versie_ids.update(
                Uitgangspunt.objects.filter(pk__in=pk_set).values_list("versie_id", flat=True)
            )
    elif isinstance(instance, Uitgangspunt):
        versie_ids.add(instance.versie_id)
    if (
        KaderVersie.objects.filter(pk__in=versie_ids)
        .exclude(status=KaderVersie.Status.CONCEPT)
        .exists()
    ):
        raise KaderBevrorenError(
            "Deze kaderversie is gepubliceerd en kan niet meer worden gewijzigd."
        )
