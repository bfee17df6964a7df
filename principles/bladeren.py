"""Paging between the uitgangspunten of a framework version, in their order: the questionnaire,
the vaststellen pages and the public kader pages page the same way."""

__all__ = ["buren", "zoek_uitgangspunt"]


def zoek_uitgangspunt(uitgangspunten: list, sleutel: str):
    """(index, uitgangspunt) of the one with this key (any case) in the ordered list, or None."""
    for index, up in enumerate(uitgangspunten):
        if up.sleutel.lower() == sleutel.lower():
            return index, up
    return None


def buren(uitgangspunten: list, index: int) -> tuple:
    """The previous and the next uitgangspunt (None at either end)."""
    vorige = uitgangspunten[index - 1] if index > 0 else None
    volgende = uitgangspunten[index + 1] if index + 1 < len(uitgangspunten) else None
    return vorige, volgende
