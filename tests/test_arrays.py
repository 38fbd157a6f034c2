"""``is_in`` answers exactly what ``np.isin`` answers, without importing ``numpy.ma``."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from framing.arrays import is_in, sorted_set

HASHES = st.integers(min_value=0, max_value=2**64 - 1)


@given(st.lists(HASHES, max_size=60), st.lists(HASHES, max_size=20))
def test_is_in_agrees_with_numpy(values: list[int], members: list[int]) -> None:
    array = np.asarray(values, dtype=np.uint64)
    expected = np.isin(array, np.asarray(members, dtype=np.uint64))
    assert is_in(array, sorted_set(members)).tolist() == expected.tolist()


def test_a_hook_run_does_not_import_numpy_ma() -> None:
    code = (
        "import sys; from framing.api import Analyzer; "
        "Analyzer('none').analyze('We will totally destroy them. Rocket Man is on a suicide "
        "mission.'); print('numpy.ma' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
