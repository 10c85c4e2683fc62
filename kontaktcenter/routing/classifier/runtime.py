"""The classifier the web and worker processes use: one trained model in the database, loaded
once per process, and the memory of corrections made since it was trained.

The first suggestion on a fresh database trains the model from the shipped messages (a few
seconds); after that `kontaktcenter worker` retrains it every CLASSIFIER_RETRAIN_EVERY
corrections and nightly, and every process picks the new model up within RELOAD_SECONDS.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kontaktcenter.core.clock import now
from kontaktcenter.routing.classifier.dataset import shipped_messages, shipped_vocabulary
from kontaktcenter.routing.classifier.model import (
    Labelled,
    Suggestion,
    TrainedClassifier,
    train,
    trainable,
)
from kontaktcenter.routing.masking import mask_personal_data
from kontaktcenter.routing.models import Category, CategoryCorrection, ClassifierModel

logger = logging.getLogger(__name__)

RELOAD_SECONDS = 10.0
MEMORY_SIZE = 5000
NIGHTLY_HOUR = 2


@dataclass
class _Loaded:
    model_id: int
    classifier: TrainedClassifier
    last_correction_id: int
    memory_upto: int
    checked_at: float


_lock = threading.Lock()
_loaded: _Loaded | None = None


def training_examples() -> tuple[list[Labelled], int, int]:
    """The shipped messages and vocabulary of the categories in use, and every correction;
    with how many corrections there are and the newest one's id."""
    active = set(Category.objects.filter(is_active=True).values_list("code", flat=True))
    examples = [m.labelled() for m in shipped_messages() if m.category in active]
    examples += [v for v in shipped_vocabulary() if v.category in active]
    corrections = list(
        CategoryCorrection.objects.filter(chosen__is_active=True)
        .order_by("id")
        .values_list("id", "text", "chosen__code")
    )
    examples += [Labelled(text, code) for _id, text, code in corrections]
    last = corrections[-1][0] if corrections else 0
    return examples, len(corrections), last


def train_and_store() -> ClassifierModel | None:
    """Train on what there is now and make it the model every process uses."""
    examples, corrections, last = training_examples()
    if len({example.category for example in trainable(examples)}) < 2:
        logger.info("classifier: too few categories with examples to train")
        return None
    classifier = train(examples)
    stored = ClassifierModel.objects.create(
        trained_at=now(),
        examples=classifier.examples,
        corrections=corrections,
        last_correction_id=last,
        blob=classifier.dumps(),
    )
    # Older models are kept only for a look back; the newest two are enough.
    keep = list(ClassifierModel.objects.values_list("id", flat=True)[:2])
    ClassifierModel.objects.exclude(id__in=keep).delete()
    logger.info("classifier: trained on %d examples (%d corrections)", len(examples), corrections)
    return stored


def current() -> TrainedClassifier | None:
    """The newest trained classifier with its memory, training one if there is none."""
    global _loaded  # noqa: PLW0603 - one model per process, shared by its threads
    with _lock:
        clock = time.monotonic()
        if _loaded is not None and clock - _loaded.checked_at < RELOAD_SECONDS:
            return _loaded.classifier
        newest = ClassifierModel.objects.only("id", "last_correction_id").first()
        if newest is None:
            with transaction.atomic():
                newest = train_and_store()
            if newest is None:
                return None
        if _loaded is None or _loaded.model_id != newest.pk:
            blob = ClassifierModel.objects.values_list("blob", flat=True).get(pk=newest.pk)
            _loaded = _Loaded(
                newest.pk,
                TrainedClassifier.loads(bytes(blob)),
                newest.last_correction_id,
                -1,
                clock,
            )
        _loaded.checked_at = clock
        _refresh_memory(_loaded)
        return _loaded.classifier


def _refresh_memory(loaded: _Loaded) -> None:
    newest = CategoryCorrection.objects.order_by("-id").values_list("id", flat=True).first() or 0
    if newest == loaded.memory_upto:
        return
    rows = list(
        CategoryCorrection.objects.filter(id__gt=loaded.last_correction_id, chosen__is_active=True)
        .order_by("-id")
        .values_list("text", "chosen__code")[:MEMORY_SIZE]
    )
    loaded.classifier.remember([Labelled(text, code) for text, code in rows])
    loaded.memory_upto = newest


def forget_loaded() -> None:
    """Load again at the next use (after a correction, so it acts at once; in tests)."""
    with _lock:
        if _loaded is not None:
            _loaded.checked_at = float("-inf")


def suggest(text: str) -> tuple[list[Suggestion], str | None]:
    """The top three categories for a text, and the one to take (None: the agent chooses)."""
    if not text.strip():
        return [], None
    classifier = current()
    if classifier is None:
        return [], None
    suggestions = classifier.suggest(text)
    return suggestions, classifier.decide(suggestions, text)


def record_correction(
    *,
    text: str,
    chosen: Category,
    suggested: Category | None,
    source: str,
    recorded_by_id: int | None,
) -> CategoryCorrection | None:
    """Remember the category an agent chose for a text; the text is stored masked."""
    masked = mask_personal_data(text).strip()
    if not masked:
        return None
    correction = CategoryCorrection.objects.create(
        text=masked[:4000],
        chosen=chosen,
        suggested=suggested,
        source=source,
        recorded_by_id=recorded_by_id,
        recorded_at=now(),
    )
    transaction.on_commit(forget_loaded)
    return correction


def retrain_if_due() -> bool:
    """Retrain after CLASSIFIER_RETRAIN_EVERY new corrections, or nightly when there are any
    (the worker calls this every minute)."""
    newest = ClassifierModel.objects.only("trained_at", "last_correction_id").first()
    if newest is None:
        return train_and_store() is not None
    waiting = CategoryCorrection.objects.filter(id__gt=newest.last_correction_id).count()
    if waiting == 0:
        return False
    local = timezone.localtime(now())
    night = local.replace(hour=NIGHTLY_HOUR, minute=0, second=0, microsecond=0)
    if local < night:
        night -= timedelta(days=1)
    if waiting >= settings.CLASSIFIER_RETRAIN_EVERY or newest.trained_at < night:
        return train_and_store() is not None
    return False
