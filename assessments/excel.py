"""CSV cells as Excel with Dutch settings reads them; used by every CSV download."""

__all__ = ["als_excel"]

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


def als_excel(waarde) -> str:
    """Excel with Dutch settings: decimal comma; text that Excel would run as a formula gets a
    leading apostrophe."""
    if waarde is None:
        return ""
    if isinstance(waarde, float):
        return f"{waarde:.1f}".replace(".", ",")
    tekst = str(waarde)
    return "'" + tekst if tekst.startswith(GEVAARLIJK) else tekst
