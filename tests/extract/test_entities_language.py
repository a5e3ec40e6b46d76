"""The cheap English check that keeps non-English articles out of an English spaCy model."""

from __future__ import annotations

from kg.extract.language import not_english

ENGLISH = ("Officials said on Tuesday that the talks in Geneva had ended without an agreement, and that "
           "both sides would return next month to discuss the remaining issues with the mediators.")


def test_english_prose_passes() -> None:
    assert not_english(ENGLISH) is None


def test_short_texts_get_the_benefit_of_the_doubt() -> None:
    assert not_english("Putin Meets Xi in Beijing") is None
    assert not_english("") is None


def test_other_languages_are_flagged_with_the_measured_share() -> None:
    french = ("Le président de la République a annoncé mardi à Paris une nouvelle série de mesures pour "
              "soutenir les agriculteurs touchés par la sécheresse, selon un communiqué publié par son cabinet.")
    spanish = ("El gobierno anunció el lunes en Madrid un nuevo paquete de medidas económicas para apoyar a "
               "las familias afectadas por la inflación, según un comunicado oficial del ministerio.")
    russian = ("Президент заявил во вторник, что переговоры в Женеве завершились без соглашения, и стороны "
               "вернутся к обсуждению оставшихся вопросов в следующем месяце вместе с посредниками.")
    for text in (french, spanish, russian):
        warning = not_english(text)
        assert warning is not None and warning.startswith("not English (")
