from django.contrib import admin

from .models import Aanvraag, Gemeente, Lidmaatschap


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ("code", "naam", "provincie", "grootteklasse", "actief")
    list_filter = ("provincie", "grootteklasse", "actief")
    search_fields = ("code", "naam")
    readonly_fields = ("grootteklasse",)


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(admin.ModelAdmin):
    list_display = ("gebruiker", "gemeente", "rol")
    list_filter = ("rol",)
    search_fields = ("gebruiker__username", "gebruiker__email", "gemeente__naam")
    autocomplete_fields = ("gebruiker", "gemeente")


@admin.register(Aanvraag)
class AanvraagAdmin(admin.ModelAdmin):
    """Read only: requests are decided on /aanvragen/, where the rules and the mails live."""

    list_display = ("naam", "email", "gemeente", "status", "beoordelaar", "aangemaakt_op")
    list_filter = ("status", "beoordelaar")
    search_fields = ("naam", "email", "gemeente__naam")
    list_select_related = ("gemeente",)
    exclude = ("token_hash", "ip_hash", "versie")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
