"""The text classifier: top three with a confidence, abstaining when unsure, compound words,
and learning from agents' corrections at once and at the next training."""

from __future__ import annotations

import numpy as np
import pytest
from pytest_django.fixtures import Settings

from kontaktcenter.routing.classifier import runtime
from kontaktcenter.routing.classifier.dataset import shipped_messages, shipped_vocabulary
from kontaktcenter.routing.classifier.features import SwedishWords, prepare
from kontaktcenter.routing.classifier.model import TrainedClassifier, train
from kontaktcenter.routing.models import Category, CategoryCorrection, ClassifierModel


@pytest.fixture(scope="module")
def classifier() -> TrainedClassifier:
    return train([m.labelled() for m in shipped_messages()] + shipped_vocabulary())


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("gatlampan utanför min port har varit släckt hela veckan", "gata-trafik-gatubelysning"),
        ("soptunnan har int tömts på två veckor de luktar", "avfall-sophamtning"),
        ("vill boka fotbollsplanen på lördag för mitt lag", "idrott-bokning"),
        ("min mamma behöver mer hjälp av hemtjänsten", "aldre-hemtjanst"),
        ("hur ställer jag min dotter i kö till förskola", "forskola-ko"),
    ],
)
def test_resident_messages_get_the_right_category_first(
    classifier: TrainedClassifier, text: str, category: str
) -> None:
    suggestions = classifier.suggest(text)

    assert suggestions[0].category == category
    assert classifier.decide(suggestions, text) == category


def test_three_suggestions_in_falling_confidence_that_add_up_to_at_most_one(
    classifier: TrainedClassifier,
) -> None:
    suggestions = classifier.suggest("det är mögel i badrummet och kallt i lägenheten")

    confidences = [s.confidence for s in suggestions]
    assert len(suggestions) == 3
    assert confidences == sorted(confidences, reverse=True)
    assert 0 < sum(confidences) <= 1.0001


@pytest.mark.parametrize(
    "text", ["asdf qwerty zxcv", "jag undrar en sak", "hej", "Hallå!", "kan ni ringa mig", "tack"]
)
def test_it_abstains_on_text_that_says_nothing(classifier: TrainedClassifier, text: str) -> None:
    suggestions = classifier.suggest(text)

    assert len(suggestions) == 3
    assert classifier.decide(suggestions, text) is None


def test_compound_words_are_split_into_known_parts() -> None:
    words = SwedishWords(SwedishWords.vocabulary(["sopor hämtning parkering tillstånd boende"]))

    assert words.split("sophamtning") == ["sop", "hamtning"]
    assert "~parkering" in words("parkeringstillstånd")


def test_a_model_survives_storage(classifier: TrainedClassifier) -> None:
    restored = TrainedClassifier.loads(classifier.dumps())

    text = "vattnet i kranen är brunt"
    assert restored.suggest(text) == classifier.suggest(text)


@pytest.mark.django_db
def test_the_first_suggestion_trains_and_stores_the_model(
    shipped_categories: dict[str, Category],
) -> None:
    suggestions, decided = runtime.suggest("trasig gatlampa på vår gata")

    assert decided == "gata-trafik-gatubelysning"
    assert suggestions[0].category == decided
    assert ClassifierModel.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_correction_takes_effect_at_once_and_is_stored_masked(
    trained_categories: dict[str, Category],
) -> None:
    text = "Ring 070-123 45 67 om bullret från Hornsgatan 12 hela natten"
    before, _decided = runtime.suggest(text)
    chosen = trained_categories["gata-trafik-klotter"]
    assert before[0].category != chosen.code

    runtime.record_correction(
        text=text,
        chosen=chosen,
        suggested=trained_categories[before[0].category],
        source="contact",
        recorded_by_id=None,
    )
    _after, decided = runtime.suggest(text)

    assert decided == chosen.code
    stored = CategoryCorrection.objects.get()
    assert "070" not in stored.text
    assert "Hornsgatan 12" not in stored.text


@pytest.mark.django_db
def test_the_worker_retrains_after_enough_corrections(
    shipped_categories: dict[str, Category], settings: Settings
) -> None:
    settings.CLASSIFIER_RETRAIN_EVERY = 2
    runtime.train_and_store()
    chosen = shipped_categories["val-rostning"]
    runtime.record_correction(
        text="poströstning", chosen=chosen, suggested=None, source="case", recorded_by_id=None
    )
    assert runtime.retrain_if_due() is False

    runtime.record_correction(
        text="brevröstning", chosen=chosen, suggested=None, source="case", recorded_by_id=None
    )

    assert runtime.retrain_if_due() is True
    newest = ClassifierModel.objects.first()
    assert newest is not None
    assert newest.corrections == 2
    assert runtime.retrain_if_due() is False


def test_the_fast_path_scores_exactly_as_scikit_learn_does(classifier: TrainedClassifier) -> None:
    texts = [m.text for m in shipped_messages()[:40]] + ["", "Ring 08-508 000 00 om Götgatan 1"]

    fast = np.array([classifier._margins(classifier._vector(text)) for text in texts])
    reference = classifier.model.decision_function(
        classifier.features.transform([prepare(text) for text in texts])
    )

    np.testing.assert_allclose(fast, reference, atol=1e-9)
