"""Who may see and change which scan. Every gemeente-level view goes through here."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from assessments.models import Gemeente, Lidmaatschap, Scan

__all__ = ["coordinator_gemeenten", "scan_voor"]


def scan_voor(request, pk, schrijven: bool = False) -> tuple[Scan, Lidmaatschap]:
    """The scan with this id if the user works for its gemeente.

    Not a member (another gemeente, a VNG-analist, anyone else): 404, revealing nothing.
    A lezer who tries to change something: 403."""
    if not request.user.is_authenticated:
        raise Http404
    scan = get_object_or_404(
        Scan.objects.select_related("gemeente", "kaderversie", "vorige_scan"), pk=pk
    )
    lid = Lidmaatschap.objects.filter(gebruiker=request.user, gemeente_id=scan.gemeente_id).first()
    if lid is None:
        raise Http404
    if schrijven and lid.rol != Lidmaatschap.Rol.COORDINATOR:
        raise PermissionDenied("Alleen een coördinator kan dit wijzigen.")
    return scan, lid


def coordinator_gemeenten(user):
    return Gemeente.objects.filter(
        leden__gebruiker=user, leden__rol=Lidmaatschap.Rol.COORDINATOR
    ).order_by("naam")
