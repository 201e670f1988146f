"""A person opens each collectivity's home page in Chromium: accessible, self-contained, branded."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def two_collectivities(collectivity, other_collectivity):
    return collectivity, other_collectivity


@pytest.mark.parametrize("hostname", ["paysdesecrins.localhost", "serreponcon.localhost"])
@pytest.mark.parametrize("path", ["/", "/en/"])
def test_home_page_has_no_accessibility_violation_and_loads_nothing_from_outside(
    two_collectivities, page_factory, axe, hostname, path
):
    page = page_factory(hostname)
    response = page.goto(path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert axe(page) == []
    assert page.outside_requests == []


def test_each_collectivity_shows_its_own_colours(two_collectivities, page_factory):
    colours = {}
    for hostname in ("paysdesecrins.localhost", "serreponcon.localhost"):
        page = page_factory(hostname)
        page.goto("/")
        colours[hostname] = page.eval_on_selector(".site-header", "el => getComputedStyle(el).backgroundColor")
    assert colours["paysdesecrins.localhost"] == "rgb(29, 79, 145)"
    assert colours["serreponcon.localhost"] == "rgb(11, 107, 93)"


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(two_collectivities, page_factory):
    page = page_factory()
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_layout_fits_a_360_pixel_screen(two_collectivities, page_factory, axe):
    page = page_factory(viewport={"width": 360, "height": 740})
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(page) == []
