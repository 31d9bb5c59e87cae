"""The dispositions dialog's save is one write (issue 14): the whole vocabulary in its order,
names swapped, words added and removed together, or nothing at all."""

from __future__ import annotations

import pytest

from calllist_desktop.store.campaign_views import DispositionInfo
from calllist_desktop.store.errors import AlreadyExists, NotFound, PermissionDenied
from calllist_desktop.store.store import Store


@pytest.fixture
def words(store: Store) -> list[DispositionInfo]:
    """A vocabulary of three, kept by boss."""
    store.add_user("sato")
    store.add_user("boss", role="admin")
    for info in store.dispositions():
        store.remove_disposition(info.id, by="boss")
    for name in ("再架電", "資料送付", "不要"):
        store.add_disposition(name, ends_target=name == "不要", by="boss")
    return store.dispositions()


def shape(infos: list[DispositionInfo]) -> list[tuple[int, str, bool, bool]]:
    return [(info.id, info.name, info.ends_target, info.blocks_number) for info in infos]


def test_names_swap_words_come_and_go_and_the_order_is_kept(
    store: Store, words: list[DispositionInfo]
) -> None:
    callback, leaflet, unwanted = words
    wanted = [
        leaflet._replace(name="再架電"),
        DispositionInfo(0, "発信停止", False, True, 0),
        callback._replace(name="資料送付", ends_target=True),
    ]
    saved = store.save_dispositions(wanted, by="boss")
    assert saved == store.dispositions()
    new_id = saved[1].id
    assert shape(saved) == [
        (leaflet.id, "再架電", False, False),
        (new_id, "発信停止", False, True),
        (callback.id, "資料送付", True, False),
    ]
    assert unwanted.name not in {info.name for info in saved}
    assert [info.position for info in saved] == [1, 2, 3]


def test_a_bad_vocabulary_writes_nothing(store: Store, words: list[DispositionInfo]) -> None:
    callback, leaflet, unwanted = words
    with pytest.raises(AlreadyExists):
        store.save_dispositions([callback, leaflet._replace(name=" 再架電 ")], by="boss")
    with pytest.raises(PermissionDenied):
        store.save_dispositions([callback], by="sato")
    store.remove_disposition(unwanted.id, by="boss")  # another manager, meanwhile
    with pytest.raises(NotFound):
        store.save_dispositions([leaflet._replace(name="変えた"), callback, unwanted], by="boss")
    assert shape(store.dispositions()) == shape([callback, leaflet])
