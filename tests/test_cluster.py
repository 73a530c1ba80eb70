"""Dask integration: a real two-worker LocalCluster gives the serial output."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from restore import Config, restore
from tests.conftest import PROJECT

dask_bag = pytest.importorskip("dask.bag")
dask_dataframe = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pandas = pytest.importorskip("pandas")

from restore.cluster import explain_bag, restore_bag, restore_column  # noqa: E402

TEXTS = [
    "We do n't know if the U. S. sent 11, 000 troops.",
    "Growth was 2.four% last year.",
    "The corporate stated its income had been buoyed by gross sales abroad, in keeping with "
    "a report to the UN Safety Council.",
    "A clean sentence stays as it is.",
    "",
    *(PROJECT / "seeds" / "004.spun.txt").read_text(encoding="utf-8").splitlines(),
]


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as connected:
        yield connected


def test_bag_on_two_workers_equals_serial(client: object) -> None:
    bag = dask_bag.from_sequence(TEXTS, npartitions=4)
    assert restore_bag(bag).compute() == [restore(text) for text in TEXTS]
    config = Config(min_confidence=0.95, families=frozenset({"spacing"}))
    reports = explain_bag(bag, config).compute()
    assert [r.text for r in reports] == [
        restore(t, min_confidence=0.95, families=["spacing"]) for t in TEXTS]


def test_dataframe_column_on_two_workers_equals_serial(client: object) -> None:
    frame = pandas.DataFrame({"id": range(len(TEXTS)), "body": TEXTS})
    distributed_frame = dask_dataframe.from_pandas(frame, npartitions=3)
    result = restore_column(distributed_frame, "body", into="restored",
                            applied_column="applied").compute()
    assert list(result["restored"]) == [restore(text) for text in TEXTS]
    assert list(result["body"]) == TEXTS
    assert list(result["id"]) == list(range(len(TEXTS)))
    assert result["applied"].iloc[0] == 3 and result["applied"].iloc[3] == 0
    in_place = restore_column(distributed_frame, "body").compute()
    assert list(in_place["body"]) == [restore(text) for text in TEXTS]
