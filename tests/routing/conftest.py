from tests.routing.fixtures import (
    _fresh_classifier,
    shipped_categories,
    trained_blob,
    trained_categories,
)

__all__ = ["_fresh_classifier", "shipped_categories", "trained_blob", "trained_categories"]
