"""Restore text at cluster scale with Dask (``pip install 'restore[dask]'``).

Each worker process builds one :class:`~restore.Restorer` per configuration and loads the
dictionaries once, on its first partition; partitions are then restored in place, so the
result equals the serial output item for item.

>>> import dask.bag
>>> bag = dask.bag.from_sequence(["It wo n't rain.", "Growth was 2.four%."], npartitions=2)
>>> restore_bag(bag).compute(scheduler="sync")
["It won't rain.", 'Growth was 2.4%.']

On a cluster, connect a client first (``distributed.Client("tcp://scheduler:8786")``) with
``restore`` installed on every worker; the same calls then run there.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from restore import Config, Report, Restorer
from restore.resources import warm_up

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas


@functools.cache
def worker_restorer(config: Config) -> Restorer:
    """The restorer of this process for ``config``, its dictionaries loaded."""
    warm_up()
    return Restorer(config)


def _restore_partition(texts: list[str], config: Config) -> list[str]:
    restorer = worker_restorer(config)
    return [restorer.restore(text) for text in texts]


def _explain_partition(texts: list[str], config: Config) -> list[Report]:
    restorer = worker_restorer(config)
    return [restorer.explain(text) for text in texts]


def restore_bag(bag: dask.bag.Bag, config: Config | None = None) -> dask.bag.Bag:
    """A bag of the restored texts of ``bag`` (a bag of strings), in the same order."""
    return bag.map_partitions(_restore_partition, config or Config())


def explain_bag(bag: dask.bag.Bag, config: Config | None = None) -> dask.bag.Bag:
    """A bag of :class:`~restore.Report` (restored text and corrections) for ``bag``."""
    return bag.map_partitions(_explain_partition, config or Config())


def _restore_frame(frame: pandas.DataFrame, column: str, into: str,
                   corrections: str | None, config: Config) -> pandas.DataFrame:
    restorer = worker_restorer(config)
    reports = [restorer.explain(text) for text in frame[column]]
    frame = frame.copy()
    frame[into] = [report.text for report in reports]
    if corrections is not None:
        frame[corrections] = [len(report.applied) for report in reports]
    return frame


def restore_column(frame: dask.dataframe.DataFrame, column: str, *, into: str | None = None,
                   applied_column: str | None = None,
                   config: Config | None = None) -> dask.dataframe.DataFrame:
    """``frame`` with the text column ``column`` restored, in place or into column ``into``;
    with ``applied_column``, also the number of corrections applied to each row."""
    import pandas

    target = into or column
    meta: Any = frame._meta.copy()
    meta[target] = meta[column]
    if applied_column is not None:
        meta[applied_column] = pandas.Series([], dtype="int64", index=meta.index)
    return frame.map_partitions(_restore_frame, column, target, applied_column,
                                config or Config(), meta=meta)
