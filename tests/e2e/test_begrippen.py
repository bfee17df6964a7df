"""A term linked from a question leads to its explanation, and that explanation stands out
among the others on the begrippen page."""

from playwright.sync_api import expect


def test_a_term_link_leads_to_its_highlighted_explanation(page, axe, kader_v2):
    page.goto("/kader/up1/")
    page.locator('a[href^="/kader/begrippen/#"]').first.click()
    anker = page.url.rpartition("#")[2]
    doel = page.locator(f"#{anker}")
    expect(doel).to_be_in_viewport()
    kleur = doel.evaluate("e => getComputedStyle(e.parentElement).backgroundColor")
    ander = page.locator(".vit-begrippen .vit-scale__item").filter(has_not=doel).first
    assert kleur != ander.evaluate("e => getComputedStyle(e).backgroundColor")
    axe(page, "begrippen with a term targeted")
