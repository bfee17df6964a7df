"""Who reads which part of the audit log in the beheer.

Content editors (inhoudsbeheerders) see the history of the framework only; entries about
gemeenten, accounts, scans and respondents hold names and e-mail addresses, which only the
functioneel beheerder (superuser) reads here."""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from .wijzigingslog import NederlandsLogboek

INHOUD_APPS = ("principles",)


class LogboekAdmin(NederlandsLogboek, LogEntryAdmin):
    def get_queryset(self, request):
        entries = super().get_queryset(request)
        if request.user.is_superuser:
            return entries
        return entries.filter(content_type__app_label__in=INHOUD_APPS)


admin.site.unregister(LogEntry)
admin.site.register(LogEntry, LogboekAdmin)
