"""Reading the DGFiP's DELTA deliberation file: the demo fixture, the shapes it may take, and refusals."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

import hostspace.tax
from hostspace.tax import delta
from hostspace.tax.engine import (
    DEPARTMENTAL,
    FORFAIT,
    FOUR_STARS,
    IDF,
    IDF_MOBILITY,
    NATIONAL_GRID,
    ONE_STAR,
    PALACE,
    REEL,
    REGIONAL,
    THREE_STARS,
    UNCLASSIFIED,
    Stay,
    check_tariffs,
    compute,
)

D = Decimal
FIXTURE = Path(hostspace.tax.__file__).parent / "fixtures" / "delta_example.xml"

TARIFFS = """
        <tarifs>
          <tarif categorieId="1">4.00</tarif>
          <tarif categorieId="4">1.50</tarif>
          <tarif categorieId="9">5</tarif>
        </tarifs>"""


def period(start="01 janvier", end="31 décembre", tariffs=TARIFFS):
    return f"""
      <periode>
        <dateDebut>{start}</dateDebut>
        <dateFin>{end}</dateFin>{tariffs}
      </periode>"""


def deliberation(
    siren="200099018",
    name="CC démo",
    periods=None,
    flags="",
    regimes='<regime natureId="4">Réel</regime>',
    extra="",
):
    return f"""
  <deliberation>
    <saisie>
      <collectiviteDeliberante siren="{siren}">
        <nom>{name}</nom>
        <departement><numero>05</numero></departement>
      </collectiviteDeliberante>
    </saisie>
    <date>10/09/2026</date>{flags}{extra}
    <regimes>{regimes}</regimes>
    <periodes>{period() if periods is None else periods}
    </periodes>
  </deliberation>"""


def document(*deliberations, date="01/01/2027"):
    body = "".join(deliberations) if deliberations else deliberation()
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<delta>\n  <version>1.0</version>\n  <date>{date}</date>\n  <deliberations>{body}\n  </deliberations>\n</delta>\n'


def messages_of(data, **kwargs):
    with pytest.raises(delta.DeltaError) as caught:
        delta.parse(data, **kwargs)
    return caught.value.messages


# --- The demo fixture ---------------------------------------------------------------


def test_the_fixture_holds_both_demo_collectivities_for_2027():
    read = delta.parse(FIXTURE.read_bytes())

    assert read.year == 2027
    assert read.date == datetime.date(2027, 1, 1)
    ecrins, serre_poncon = read.deliberations
    assert ecrins.collectivity.name == "Communauté de communes du Pays des Écrins"
    assert ecrins.collectivity.siren == "200099018"
    assert ecrins.collectivity.department == "05"
    assert [member.insee_code for member in ecrins.members] == ["05901", "05902"]
    assert serre_poncon.collectivity.name == "Communauté de communes de Serre-Ponçon"
    for deliberation_read in read.deliberations:
        assert deliberation_read.valid_from == datetime.date(2027, 1, 1)
        assert deliberation_read.valid_until == datetime.date(2027, 12, 31)
        assert deliberation_read.single_regime == REEL
        assert deliberation_read.surcharges == {DEPARTMENTAL}
        assert deliberation_read.low_rent_threshold == D("1.00")


def test_the_fixture_carries_the_demo_tariffs_of_the_spec():
    ecrins, serre_poncon = delta.parse(FIXTURE.read_bytes()).deliberations

    assert dict(ecrins.periods[0].tariffs) == {
        "palace": D("4.00"),
        "5-stars": D("2.80"),
        "4-stars": D("2.00"),
        "3-stars": D("1.50"),
        "2-stars": D("0.90"),
        "1-star": D("0.80"),
        "camping-3-5-stars": D("0.60"),
        "camping-1-2-stars": D("0.20"),
    }
    assert ecrins.periods[0].unclassified_rate == D(5)
    assert dict(serre_poncon.periods[0].tariffs) == {
        "palace": D("4.20"),
        "5-stars": D("3.00"),
        "4-stars": D("2.20"),
        "3-stars": D("1.20"),
        "2-stars": D("0.85"),
        "1-star": D("0.75"),
        "camping-3-5-stars": D("0.55"),
        "camping-1-2-stars": D("0.20"),
    }
    assert serre_poncon.periods[0].unclassified_rate == D(4)


def test_the_fixture_feeds_the_engine_and_fits_the_latest_known_grid():
    read = delta.parse(FIXTURE.read_bytes())
    ecrins = read.find(siren="200099018")
    serre_poncon = read.find(insee_code="05904")

    assert compute(ecrins.tariffs(), THREE_STARS, Stay(nights=2, persons=2)).total == D("6.60")
    # 300 € for 2 at 4 % is 6 €, capped at Serre-Ponçon's palace tariff 4.20 €, × 1.10 = 4.62 €.
    unclassified = compute(serre_poncon.tariffs(), UNCLASSIFIED, Stay(1, 2, price_per_night=D(300)))
    assert unclassified.amount_per_person_night == D("4.62")
    assert check_tariffs(ecrins.tariffs(), NATIONAL_GRID[2026]) is None
    assert check_tariffs(serre_poncon.tariffs(), NATIONAL_GRID[2026]) is None


def test_the_fixture_says_what_is_inferred_rather_than_verified():
    head = FIXTURE.read_text(encoding="utf-8")[:3000]

    assert "NOT verified" in head
    assert "official XSD" in head
    assert "categorieId" in head
    assert "fictitious" in head


# --- Shapes the reader accepts ----------------------------------------------------------


def test_additional_tax_flags_map_to_the_engine_surcharges():
    flags = """
    <taxeAdditionnelleDepartementale>false</taxeAdditionnelleDepartementale>
    <taxeAdditionnelleRegionale>true</taxeAdditionnelleRegionale>
    <taxeAdditionnelleLGV>true</taxeAdditionnelleLGV>
    <taxeAdditionnelleArticleL2531-18>true</taxeAdditionnelleArticleL2531-18>"""

    (read,) = delta.parse(document(deliberation(flags=flags))).deliberations

    assert read.surcharges == {IDF, REGIONAL, IDF_MOBILITY}
    assert read.surcharge_rates() == {IDF: D(15), IDF_MOBILITY: D(200), REGIONAL: D(34)}


def test_regimes_are_kept_by_nature_and_a_mixed_deliberation_has_no_single_regime():
    regimes = '<regime natureId="4">Forfaitaire</regime><regime natureId="10">réel</regime>'

    (read,) = delta.parse(document(deliberation(regimes=regimes))).deliberations

    assert read.regime_for(4) == FORFAIT
    assert read.regime_for("10") == REEL
    assert read.regime_for("7") is None
    assert read.single_regime is None


def test_dates_may_carry_their_year_in_several_forms():
    periods = period("1er janvier 2028", "31/03/2028") + period("2028-04-01", "31 décembre 2028")

    (read,) = delta.parse(document(deliberation(periods=periods))).deliberations

    assert [(item.start, item.end) for item in read.periods] == [
        (datetime.date(2028, 1, 1), datetime.date(2028, 3, 31)),
        (datetime.date(2028, 4, 1), datetime.date(2028, 12, 31)),
    ]


def test_the_year_argument_dates_periods_written_without_one():
    read = delta.parse(document(date="15/10/2026"), year=2027)

    assert read.year == 2027
    assert read.deliberations[0].valid_from == datetime.date(2027, 1, 1)


def test_the_file_version_and_date_may_be_attributes_of_the_root():
    text = document().replace("<delta>", '<delta version="2.5.0" date="2027-01-01">')
    text = text.replace("  <version>1.0</version>\n  <date>01/01/2027</date>\n", "")

    read = delta.parse(text)

    assert read.version == "2.5.0"
    assert read.date == datetime.date(2027, 1, 1)
    assert read.deliberations[0].valid_from == datetime.date(2027, 1, 1)


def test_several_periods_each_give_their_tariffs():
    low = '<tarifs><tarif categorieId="4">1.00</tarif></tarifs>'
    high = '<tarifs><tarif categorieId="4">1.50</tarif></tarifs>'
    periods = period("01 janvier", "30 juin", low) + period("01 juillet", "31 décembre", high)

    (read,) = delta.parse(document(deliberation(periods=periods))).deliberations

    summer = read.period_on(datetime.date(2027, 7, 14))
    assert read.tariffs(summer).classified[THREE_STARS] == D("1.50")
    assert read.period_on(datetime.date(2027, 3, 1)).tariffs[THREE_STARS] == D("1.00")
    assert read.period_on(datetime.date(2028, 1, 1)) is None
    with pytest.raises(ValueError):
        read.tariffs()


def test_abatements_apply_by_nights_open():
    extra = """
    <abattements>
      <abattement><taux>20</taux><nuiteMin>1</nuiteMin><nuiteMax>60</nuiteMax></abattement>
      <abattement><taux>40</taux><nuiteMin>61</nuiteMin><nuiteMax>105</nuiteMax></abattement>
      <abattement><taux>50</taux><nuiteMin>106</nuiteMin><nuiteMax></nuiteMax></abattement>
    </abattements>"""

    (read,) = delta.parse(document(deliberation(extra=extra))).deliberations

    assert read.abatement_for(30) == D(20)
    assert read.abatement_for(100) == D(40)
    assert read.abatement_for(200) == D(50)
    assert read.abatement_for(0) == D(0)


def test_a_bare_abatements_element_is_one_abatement():
    extra = "<abattements><taux>30</taux><nuiteMin>0</nuiteMin></abattements>"

    (read,) = delta.parse(document(deliberation(extra=extra))).deliberations

    assert read.abatements == (delta.Abatement(rate=D(30), nights_min=0, nights_max=None),)


def test_a_file_declaring_latin_1_is_decoded_as_such():
    text = document(deliberation(name="Communauté démo")).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')

    read = delta.parse(text.encode("iso-8859-1"))

    assert read.deliberations[0].collectivity.name == "Communauté démo"


def test_namespaces_and_the_ocsitan_era_root_are_read():
    namespaced = document().replace("<delta>", '<delta xmlns="urn:example:delta">')
    ocsitan = f"<deliberations>{deliberation()}</deliberations>"

    assert delta.parse(namespaced).deliberations[0].collectivity.siren == "200099018"
    assert delta.parse(ocsitan, year=2027).deliberations[0].valid_until == datetime.date(2027, 12, 31)


def test_another_category_numbering_can_be_given():
    numbering = {**delta.DELTA_CATEGORY_IDS, "4": FOUR_STARS, "12": ONE_STAR}
    tariffs = '<tarifs><tarif categorieId="4">2.00</tarif><tarif categorieId="12">0.50</tarif></tarifs>'

    (read,) = delta.parse(document(deliberation(periods=period(tariffs=tariffs))), category_ids=numbering).deliberations

    assert dict(read.periods[0].tariffs) == {FOUR_STARS: D("2.00"), ONE_STAR: D("0.50")}


# --- Refusals --------------------------------------------------------------------------------


def test_a_doctype_is_refused_before_parsing():
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE delta [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
        "<delta><date>&lol2;</date></delta>"
    )

    messages = messages_of(laughs)

    assert messages == ["Le fichier contient une déclaration DOCTYPE ou ENTITY : refusée par sécurité."]


@pytest.mark.parametrize(
    "payload",
    [
        '<!doctype delta SYSTEM "file:///etc/passwd"><delta/>',
        '<delta><!ENTITY x "y"></delta>',
    ],
)
def test_doctypes_and_entities_are_refused_whatever_their_case(payload):
    assert "DOCTYPE" in messages_of(payload)[0]


def test_a_doctype_hidden_in_utf_16_is_refused_too():
    payload = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE delta SYSTEM "http://example.invalid/x"><delta/>'

    assert "DOCTYPE" in messages_of(payload.encode("utf-16"))[0]


def test_malformed_xml_names_its_line_and_column():
    broken = document().replace("</deliberations>", "</deliberation>")
    # The wrong closing tag is on the line before </delta>, the last one.
    line = len(broken.splitlines()) - 1

    (message,) = messages_of(broken)

    assert message.startswith(f"Ligne {line}, colonne 5 ")
    assert "bien formé" in message


def test_a_bad_amount_names_its_line_and_element():
    tariffs = """
        <tarifs>
          <tarif categorieId="4">un euro</tarif>
        </tarifs>"""
    text = document(deliberation(periods=period(tariffs=tariffs)))
    line = text.splitlines().index('          <tarif categorieId="4">un euro</tarif>') + 1

    messages = messages_of(text)

    assert f"Ligne {line}, élément <tarif> : montant « un euro » invalide." in messages


def test_every_problem_of_every_deliberation_is_listed_at_once():
    first = deliberation(siren="12345", regimes='<regime natureId="4">Mixte</regime>')
    second = deliberation(
        siren="200099026",
        periods=period(tariffs='<tarifs><tarif categorieId="42">1.00</tarif></tarifs>'),
        flags="<taxeAdditionnelleDepartementale>peut-être</taxeAdditionnelleDepartementale>",
    )

    messages = messages_of(document(first, second))

    joined = "\n".join(messages)
    assert "SIREN « 12345 » invalide" in joined
    assert "régime « Mixte » inconnu" in joined
    assert "catégorie « 42 » inconnue" in joined
    assert "« peut-être » n'est ni « true » ni « false »" in joined


def test_a_category_given_twice_in_a_period_is_refused():
    tariffs = '<tarifs><tarif categorieId="4">1.00</tarif><tarif categorieId="4">1.20</tarif></tarifs>'

    messages = messages_of(document(deliberation(periods=period(tariffs=tariffs))))

    assert any("apparaît deux fois" in message for message in messages)


def test_overlapping_or_backward_periods_are_refused():
    overlapping = period("01 janvier", "30 juin") + period("15 juin", "31 décembre")
    # Both ends are included: a period may not start on the day the previous one ends.
    sharing_a_day = period("01 janvier", "30 juin") + period("30 juin", "31 décembre")
    backward = period("31 décembre", "01 janvier")

    assert any("se chevauchent" in message for message in messages_of(document(deliberation(periods=overlapping))))
    assert any("se chevauchent" in message for message in messages_of(document(deliberation(periods=sharing_a_day))))
    assert any("commence après sa fin" in message for message in messages_of(document(deliberation(periods=backward))))


def test_dates_without_a_year_need_the_file_date_or_the_year_argument():
    text = document().replace("  <date>01/01/2027</date>\n", "")

    messages = messages_of(text)

    assert any("n'a pas d'année" in message for message in messages)
    assert delta.parse(text, year=2027).year == 2027


def test_a_collectivity_deliberating_twice_is_refused():
    text = document(deliberation(), deliberation(name="Doublon"))

    messages = messages_of(text)

    assert any("200099018 a déjà une délibération ligne 6" in message for message in messages)


def test_a_deliberating_collectivity_needs_a_name_and_an_identifier():
    text = document(deliberation()).replace(' siren="200099018"', "").replace("<nom>CC démo</nom>", "")

    messages = "\n".join(messages_of(text))

    assert "le nom de la collectivité manque" in messages
    assert "ni SIREN ni code INSEE" in messages


def test_a_member_with_a_wrong_insee_code_is_refused():
    extra = "<collectivites><collectivite><nom>X</nom><codeInsee>5901</codeInsee></collectivite></collectivites>"

    assert any(
        "code INSEE « 5901 » invalide" in message for message in messages_of(document(deliberation(extra=extra)))
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "Le fichier est vide."),
        ("<delta><version>1</version></delta>", "aucune délibération"),
        ("<root/>", "<delta> attendu"),
    ],
)
def test_files_without_deliberations_are_refused(text, expected):
    assert expected in messages_of(text)[0]


def test_a_deliberation_without_periods_is_refused():
    messages = messages_of(document(deliberation(periods="")))

    assert any("aucune période de perception" in message for message in messages)


def test_an_oversized_file_is_refused_before_reading():
    assert messages_of(document().encode(), max_bytes=100) == ["Le fichier est trop volumineux."]


def test_bytes_that_are_not_utf_8_are_refused_with_a_message():
    messages = messages_of(document(deliberation(name="Écrins")).encode("iso-8859-1"))

    assert "n'est pas lisible en utf-8" in messages[0].lower()


def test_the_palace_tariff_of_the_fixture_is_the_highest():
    # isMax marks categories at the national ceiling (meaning inferred); the cap is computed, never read from it.
    ecrins = delta.parse(FIXTURE.read_bytes()).deliberations[0]

    assert PALACE not in ecrins.periods[0].at_ceiling
    assert UNCLASSIFIED in ecrins.periods[0].at_ceiling
    assert max(ecrins.periods[0].tariffs.values()) == ecrins.periods[0].tariffs[PALACE]
