"""Array helpers shared by the modules that score in numpy."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def runs(starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64],
         ) -> npt.NDArray[np.int64]:
    """The indices ``starts[i] .. starts[i] + lengths[i] - 1`` of each run, end to end.

    >>> runs(np.array([5, 0, 9]), np.array([2, 0, 3])).tolist()
    [5, 6, 9, 10, 11]
    """
    placed = np.cumsum(lengths) - lengths  # where each run starts in the result
    return np.repeat(starts - placed, lengths) + np.arange(int(lengths.sum()))
