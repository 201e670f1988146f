"""The host an activation letter is addressed to in the letters' tests, and what every letter to her says."""

from tests.factories import HostFactory

JEANNE_DUPONT = {
    "civility": "mme",
    "first_name": "Jeanne",
    "last_name": "Dupont",
    "address_line1": "3 chemin des Mélèzes",
    "postal_code": "05340",
    "city": "Pelvoux",
}


def addressee(collectivity, **kwargs):
    """Mme Jeanne Dupont, 3 chemin des Mélèzes, 05340 Pelvoux: a host of ``collectivity``."""
    return HostFactory(site=collectivity.site, **JEANNE_DUPONT, **kwargs)


def assert_letter_to_jeanne_dupont(html):
    """The letter's sender, address, greeting, steps and guide, as Pays des Écrins writes them to her."""
    assert "Communauté de communes Pays des Écrins" in html
    assert "Jeanne Dupont" in html and "3 chemin des Mélèzes" in html and "05340 Pelvoux" in html
    assert "Madame," in html
    assert "validez les CGU, pour pouvoir accéder à votre tableau de bord" in html
    assert "Le guide de la télédéclaration" in html
