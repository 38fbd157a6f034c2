"""Membership of an attribute array in a small sorted set, without ``np.isin``.

``np.isin`` passes its second argument through ``np.unique``, whose first plain call imports
``numpy.ma`` (18 ms, a pre-commit hook's largest single cost after spaCy's own start-up). The
sets here are sorted once when built, so a binary search per element does the same job.
"""

from __future__ import annotations

from typing import Any


def sorted_set(values: Any) -> Any:
    """A sorted, duplicate-free ``uint64`` array of hashes, for :func:`is_in`."""
    import numpy as np

    return np.asarray(sorted(set(values)), dtype=np.uint64)


def is_in(values: Any, members: Any) -> Any:
    """A boolean array: which of ``values`` are in ``members`` (made by :func:`sorted_set`)."""
    import numpy as np

    if not len(members):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(members, values)
    at[at == len(members)] = 0
    return members[at] == values
