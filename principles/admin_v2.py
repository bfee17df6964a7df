"""Content editing of the framework-v2 parts: perspectives, the begrippenlijst and, on a
check-vraag's page, the perspectives it is asked of (with their own wording)."""

from django.contrib import admin
from django.utils.text import Truncator

from .admin_basis import AlleenConceptBewerkbaar, VersieFilter, VersieOnderdeelAdmin
from .models import Begrip, KaderPerspectief, VraagPerspectief

__all__ = ["VraagPerspectiefInline"]


class VraagPerspectiefInline(AlleenConceptBewerkbaar, admin.StackedInline):
    """On a check-vraag: who answers it. No rows at all means everyone (as in version 1)."""

    model = VraagPerspectief
    extra = 0
    fields = ("perspectief", "tekst", "helptekst")
    verbose_name = "perspectief dat de vraag krijgt"
    verbose_name_plural = (
        "Gesteld aan (geen enkel perspectief: de vraag gaat naar iedereen, zoals in versie 1)"
    )

    def get_formset(self, request, obj=None, **kwargs):
        request._vit_vraag_versie_id = obj.uitgangspunt.versie_id if obj is not None else None
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "perspectief":
            versie_id = getattr(request, "_vit_vraag_versie_id", None)
            kwargs["queryset"] = KaderPerspectief.objects.filter(versie_id=versie_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(KaderPerspectief)
class KaderPerspectiefAdmin(VersieOnderdeelAdmin):
    # Answers are grouped on the key (beleid, inwoner, ...): it stays once it exists.
    vaste_velden = ("versie", "sleutel")
    list_display = ("volgorde", "naam", "sleutel", "versie_kolom")
    list_filter = (VersieFilter,)
    list_select_related = ("versie",)
    search_fields = ("naam", "sleutel")


@admin.register(Begrip)
class BegripAdmin(VersieOnderdeelAdmin):
    vaste_velden = ("versie",)
    list_display = ("term", "uitleg_kort", "versie_kolom")
    list_filter = (VersieFilter,)
    list_select_related = ("versie",)
    search_fields = ("term", "uitleg")

    @admin.display(description="uitleg")
    def uitleg_kort(self, obj):
        return Truncator(obj.uitleg).words(16)
