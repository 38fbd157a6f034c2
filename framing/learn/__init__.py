"""The calibrator: detector outputs in, calibrated probabilities per gold label out.

``framing train GOLD.jsonl`` fits it (scikit-learn, cross-validated, seeded) and stores it as
JSON inside the package; :func:`calibrate` applies it with plain Python, so using it needs
neither scikit-learn nor pickle.
"""

from framing.learn.features import FEATURES, feature_vector
from framing.learn.model import Calibrator, TierModel, calibrate, load_calibrator

__all__ = ["FEATURES", "Calibrator", "TierModel", "calibrate", "feature_vector", "load_calibrator"]
