"""Phone sizes for the browser tests, and the check that a page does not scroll sideways."""

TELEFOON = {"width": 390, "height": 844}
SMAL = {"width": 320, "height": 640}


def past(page, naam, maten=(SMAL, TELEFOON)):
    """No horizontal overflow of the page itself (WCAG 1.4.10) at each size; the page is left at
    the last size (390 px by default)."""
    for maat in maten:
        page.set_viewport_size(maat)
        breed, venster = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert breed <= venster, f"{naam} is {breed} px wide at {venster} px"
