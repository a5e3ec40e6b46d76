"""Which sense a place name has in an article: a country named by its adjective, a disease, a person's
given name, a place inside an organisation's name. Real Extractor (spaCy + gazetteer); the sentences
were written for these tests."""

from __future__ import annotations

from kg.model import Extraction


def _place_spans(x: Extraction) -> dict[str, list[tuple[str, str]]]:
    """Place/Country entity name -> its mentions as (text, kind)."""
    return {e.name: [(m.text, m.kind) for m in e.mentions] for e in x.entities if e.label in ("Place", "Country")}


def test_a_demonym_modifying_a_noun_names_its_country(extract) -> None:
    x = extract("Hungarian troops crossed the river on Monday. Officials in Vienna said the Hungarians "
                "had not warned them. The Hungarian government denied any plan to stay.")
    places = _place_spans(x)
    assert places["Hungary"] == [("Hungarian", "demonym"), ("Hungarian", "demonym")]
    country = next(e for e in x.entities if e.name == "Hungary")
    assert country.geo is not None and country.geo.country_code == "HU" and country.geo.lat is not None
    # the plural noun names people: it stays a Group and is no mention of the country
    group = next(e for e in x.entities if e.label == "Group" and e.properties.get("country_code") == "HU")
    assert "Hungarians" in [m.text for m in group.mentions]
    assert country.to_json()["mentions"][0]["kind"] == "demonym"


def test_a_demonym_joins_the_country_the_article_also_names(extract) -> None:
    x = extract("Chile said it would reopen the border. Chilean officials met their counterparts in Lima.")
    chile = next(e for e in x.entities if e.label == "Country" and e.name == "Chile")
    assert [(m.text, m.kind) for m in chile.mentions] == [("Chile", ""), ("Chilean", "demonym")]
    assert len([e for e in x.entities if e.label == "Country" and e.name == "Chile"]) == 1


def test_a_disease_named_after_a_place_is_no_place(extract) -> None:
    x = extract("Two nurses who treated patients in Liberia tested positive for Ebola, health officials said. "
                "The Ebola outbreak has killed hundreds since spring.")
    places = _place_spans(x)
    assert "Ebola" not in places and "Liberia" in places
    x = extract("Doctors confirmed a second case of Marburg virus in the district. Marburg spreads through "
                "contact with bodily fluids, the ministry in Kampala said.")
    assert not [e for e in x.entities if e.label == "Place" and e.name == "Marburg"]


def test_the_same_name_is_a_place_where_nobody_is_ill(extract) -> None:
    x = extract("Students from Marburg won the regional chess final, beating a team from Kassel in Frankfurt.")
    marburg = _place_spans(x).get("Marburg")
    assert marburg == [("Marburg", "")]


def test_a_given_name_of_a_person_named_in_full_is_that_person(extract) -> None:
    x = extract("Georgia Whitfield, 12, won the junior title at the provincial championships in Calgary. "
                "Georgia trains five mornings a week, her coach said. Georgia will compete in Halifax next.")
    places = _place_spans(x)
    assert "Georgia" not in places
    assert "Calgary" in places and "Halifax" in places


def test_a_place_the_article_names_is_a_place_inside_an_organisations_name(extract) -> None:
    text = ("Flooding closed three roads in Sheffield on Sunday. A spokesman for Sheffield City Council said "
            "crews worked overnight. Residents told BBC Sheffield the water rose within an hour.")
    x = extract(text)
    sheffield = next(e for e in x.entities if e.label == "Place" and e.name == "Sheffield")
    starts = [m.start for m in sheffield.mentions]
    assert starts == [text.index("Sheffield"), text.index("Sheffield City"), text.index("BBC Sheffield") + 4]
    assert any(e.label == "Organization" and e.name == "Sheffield City Council" for e in x.entities)


def test_a_famous_place_after_a_locative_is_found_where_ner_saw_nothing(extractor) -> None:
    from kg.extract.entities import Mention
    from kg.extract.toponyms import _after_locatives, _division_countries

    text = "Aid convoys reached families trapped in Aleppo after the ceasefire, said Mark Dunmore of Relief Now."
    doc = extractor.nlp(text)
    relief = text.index("Relief Now")
    mentions = [Mention(relief, relief + len("Relief Now"), "Relief Now", "Organization", 0)]
    found = _after_locatives(doc, mentions, extractor.gz, text, lambda _t: 0, {"SY"}, set())
    assert [(m.text, m.label) for m in found] == [("Aleppo", "Place")]
    # a name the article gives to something else stays that, and an unknown name is no place
    as_org = [*mentions, Mention(0, 4, "Aleppo", "Organization", 0)]
    assert _after_locatives(doc, as_org, extractor.gz, text, lambda _t: 0, {"SY"}, set()) == []
    # the states and provinces an article names tell which countries it is about
    provinces = [Mention(0, 10, "Queensland", "Place", 0), Mention(20, 27, "Alberta", "Place", 0)]
    assert _division_countries(extractor.gz, provinces) == {"AU", "CA"}


def test_a_city_ner_reads_as_a_person_is_a_place_in_an_article_about_its_province(extract) -> None:
    x = extract("Police in Queensland have charged three teenagers over a string of break-ins. "
                "The Cairns juvenile unit said the arrests followed a month-long operation.")
    cairns = [e for e in x.entities if e.name == "Cairns"]
    assert [e.label for e in cairns] == ["Place"] and cairns[0].geo is not None
    assert cairns[0].geo.country_code == "AU"


def test_a_demonym_coordinated_with_a_modifying_one_names_its_country_too(extract) -> None:
    x = extract("Prosecutors said Omid Rahimi, a dual Iranian and Canadian citizen, shipped the parts through Dubai.")
    countries = {e.name: [(m.text, m.kind) for m in e.mentions] for e in x.entities if e.label == "Country"}
    assert countries.get("Canada") == [("Canadian", "demonym")], countries


def test_a_country_listed_with_countries_stays_a_country_in_an_article_naming_us_states(extract) -> None:
    x = extract("Voters in Ohio and Michigan were told little about Europe. Moscow's wars in Georgia and "
                "Ukraine worry Estonia, the senator from Wisconsin said.")
    georgia = [e for e in x.entities if e.name == "Georgia"]
    assert [e.label for e in georgia] == ["Country"] and georgia[0].geo is not None
    assert georgia[0].geo.country_code == "GE"
    x = extract("Flights from Atlanta, Georgia, to Miami were cancelled, officials in Ohio said.")
    georgia = [e for e in x.entities if e.name == "Georgia"]
    assert georgia and georgia[0].geo is not None and georgia[0].geo.country_code == "US"


def test_saint_and_st_are_one_word_for_the_gazetteer(extract) -> None:
    x = extract("Estonia is no suburb of St. Petersburg, the Finnish minister told reporters in Helsinki, "
                "as Russia moved troops near its border.")
    spb = next(e for e in x.entities if e.name in ("St. Petersburg", "Saint Petersburg"))
    assert spb.geo is not None and spb.geo.country_code == "RU"


def test_a_compass_word_a_name_suffix_or_a_legislature_is_no_place(extract) -> None:
    x = extract("The Central Asian Business Forum wrote to Congress on Monday. Robert Hale Jr. said "
                "the vote in Congress would come before the West decides, speaking in Phoenix, Arizona.")
    places = {e.name for e in x.entities if e.label in ("Place", "Country")}
    assert not places & {"Central", "Jr.", "Congress", "West"}, places
    assert {"Phoenix", "Arizona"} <= places


def test_the_baltic_states_are_a_region_not_a_village_in_ohio(extract) -> None:
    x = extract("Russian warships sailed close to the Baltic countries again, officials in Ohio and "
                "Pennsylvania were told by a NATO general.")
    baltic = next(e for e in x.entities if e.name.startswith("Baltic"))
    assert baltic.geo is not None and baltic.geo.feature_code == "RGN" and baltic.geo.lat > 50  # type: ignore[operator]


def test_a_state_named_like_a_persons_first_name_stays_a_state_when_the_surname_is_used(extract):
    x = extract("Foreign Minister Israel Katz spoke in Jerusalem on Monday. Katz said Israel would respond "
                "to the attack within days.")
    assert any(e.label == "Country" and e.name == "Israel" for e in x.entities), \
        [(e.label, e.name) for e in x.entities]


def test_a_name_before_virus_is_the_disease_even_when_unlisted(extract):
    x = extract("Doctors reported three cases of Kyoto fever at the clinic on Monday, and the patients were "
                "kept in quarantine. The outbreak in Texas was smaller.")
    places = {e.name for e in x.entities if e.label in ("Place", "Country")}
    assert "Kyoto" not in places and "Texas" in places, places


def test_a_name_without_case_is_not_malformed():
    from kg.extract.name_junk import malformed

    assert not malformed("\u0645\u062d\u0645\u062f \u0639\u0628\u0627\u0633") and not malformed("\u5317\u4eac")
    assert malformed("school")
