"""The stand-in store offers everything the store does.

The window is built on a :class:`DeferredStore` before the store is open; a store method it
lacks is an ``AttributeError`` that only the fast start path meets (a new feature tested on a
real ``Store`` passes, and the first user to start the program finds it). So every public
method of the store must be forwarded, and declared in the window's ``StoreApi``.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from calllist_desktop.store.deferred import DeferredStore, StoreApi
from calllist_desktop.store.store import Store


def _public(cls: type) -> dict[str, object]:
    return {name: member for name, member in inspect.getmembers(cls) if not name.startswith("_")}


def test_every_public_store_method_is_forwarded_with_the_same_parameters() -> None:
    deferred = _public(DeferredStore) | vars(DeferredStore("sqlite://"))  # url: the stand-in's own
    for name, member in _public(Store).items():
        if name == "open":  # a classmethod on Store, the stand-in's own opener
            continue
        assert name in deferred, f"DeferredStore lacks Store.{name}"
        if inspect.isfunction(member):  # the same parameters (annotations may be spelt differently)
            assert _parameters(member) == _parameters(deferred[name]), name


def _parameters(function: object) -> list[tuple[str, object, object]]:
    signature = inspect.signature(function)  # type: ignore[arg-type]
    return [(p.name, p.kind, p.default) for p in signature.parameters.values()]


def test_the_window_api_declares_every_public_store_method() -> None:
    declared = _public(StoreApi) | dict.fromkeys(StoreApi.__annotations__)
    missing = [name for name in _public(Store) if name != "open" and name not in declared]
    assert not missing, f"StoreApi lacks {missing}"


def test_a_forwarded_method_reaches_the_opened_store(tmp_path: Path) -> None:
    stand_in = DeferredStore(f"sqlite:///{tmp_path / 'calllist.sqlite3'}")
    try:
        assert not stand_in.is_open
        assert stand_in.store_setting("recording") is None
        assert stand_in.is_open
        assert stand_in.report.__self__ is stand_in  # type: ignore[attr-defined]
    finally:
        stand_in.close()
