from django.contrib import admin

from .models import Gemeente, Lidmaatschap


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
