"""Demo data, so that a first start shows a working program: users, lists, targets and calls.

It goes through the same operations as real use (a CSV import, assignments, call records), so
the demo also exercises them. Deterministic: the same store every time.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from calllist_desktop.core.campaign_rules import ListRules
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store

DEMO_OPERATOR = "sato"

_USERS = (
    # login, name, role, auto-call
    ("kanri", "管理 花子", "admin", True),
    ("sato", "佐藤 美咲", "operator", True),
    ("tanaka", "田中 翔", "operator", False),
    ("suzuki", "鈴木 一郎", "operator", True),
)

_COMPANIES = (
    "株式会社さくら商事",
    "山田スポーツ株式会社",
    "豊島造船株式会社",
    "加藤整形外科",
    "片口テクノロジー株式会社",
    "㈱髙橋工務店",
    "みなと物流株式会社",
    "北斗システム株式会社",
    "青葉不動産",
    "株式会社ひかり電機",
    "東海フーズ株式会社",
    "松本法律事務所",
    "大和印刷株式会社",
    "こころ歯科クリニック",
    "株式会社ミライ製作所",
    "浪速精機株式会社",
    "Acme Japan K.K.",
    "",
    "丸の内コンサルティング",
    "株式会社つばさ旅行",
)
_PEOPLE = (
    "長田 翔",
    "山田 圭",
    "豊島 章",
    "加藤 さおり",
    "片口 剛",
    "髙橋 誠",
    "山川 緑",
    "中村 陽子",
    "小林 大輔",
    "伊藤 真由美",
    "渡辺 健",
    "斎藤 由紀",
    "清水 拓海",
    "森 あかり",
    "池田 誠一",
    "橋本 直樹",
    "石井 里奈",
)
_CATEGORIES = ("イベントからのリード", "製品A", "製品B", "製品C", "既存顧客", "資料請求", "要フォロー")
_AREAS = ("3", "6", "52", "45", "11", "92", "90", "80")


def _phone(rng: random.Random) -> str:
    area = rng.choice(_AREAS)
    if area in ("90", "80"):
        return f"0{area}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    if len(area) == 1:
        return f"0{area}-{rng.randint(5000, 6999)}-{rng.randint(1000, 9999)}"
    return f"0{area}-{rng.randint(200, 899)}-{rng.randint(1000, 9999)}"


def _csv(rows: list[tuple[str, str, str, str]]) -> bytes:
    lines = ["取引先会社名,取引先担当者名,電話番号,カテゴリー"]
    lines += [",".join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp932")  # as Japanese Excel saves it


def seed_demo_data(store: Store, *, now: datetime | None = None) -> bool:
    """Fill an empty store with demo data; a store that has users already is left alone."""
    if store.users():
        return False
    rng = random.Random(20261125)
    now = now or datetime.now(UTC)
    for login, name, role, autocall in _USERS:
        store.add_user(login, name, role=role, autocall=autocall)

    phones: list[str] = []
    while len(phones) < 60:
        phone = _phone(rng)
        if phone not in phones:
            phones.append(phone)
    rows = [
        (
            _COMPANIES[i % len(_COMPANIES)],
            _PEOPLE[i % len(_PEOPLE)] if i % 9 else "",
            phone,
            "|".join(rng.sample(_CATEGORIES, rng.randint(1, 2))),
        )
        for i, phone in enumerate(phones)
    ]
    events = store.create_list("12月 展示会フォロー")
    renewals = store.create_list("既存顧客 更新案内")
    store.import_csv(events.id, _csv(rows[:40]), assignee=DEMO_OPERATOR)
    # The second list shares ten numbers with the first: one assignee per number, in both lists.
    store.import_csv(renewals.id, _csv(rows[30:60]), assignee="tanaka")

    targets = store.targets(events.id)
    store.set_assignee(events.id, [t.phone for t in targets[12:20]], "suzuki")
    store.set_excluded(events.id, [targets[3].phone, targets[7].phone], True)

    outcomes = [Outcome.ANSWERED, Outcome.NO_ANSWER, Outcome.BUSY, Outcome.NO_ANSWER, Outcome.REJECTED]
    for index, target in enumerate(store.targets(events.id)[:18]):
        started = now - timedelta(days=rng.randint(0, 6), hours=rng.randint(0, 8), minutes=rng.randint(0, 59))
        outcome = outcomes[index % len(outcomes)]
        agent = target.assignee_login if index % 4 else "tanaka"
        call = store.start_call(
            target.phone, Direction.OUTBOUND, user=agent, list_id=events.id, started_at=started
        )
        answered = started + timedelta(seconds=rng.randint(5, 25)) if outcome is Outcome.ANSWERED else None
        ended = (answered or started) + timedelta(seconds=rng.randint(20, 300))
        status = {Outcome.ANSWERED: 200, Outcome.NO_ANSWER: 487, Outcome.BUSY: 486, Outcome.REJECTED: 603}[
            outcome
        ]
        store.finish_call(call, outcome, sip_status=status, answered_at=answered, ended_at=ended)
    # One inbound call, from a number of the second list, that nobody answered.
    inbound = store.targets(renewals.id)[-1]
    call = store.start_call(
        inbound.phone, Direction.INBOUND, user="tanaka", started_at=now - timedelta(hours=2)
    )
    store.finish_call(call, Outcome.MISSED, ended_at=now - timedelta(hours=2) + timedelta(seconds=25))
    _seed_campaign(store, events.id, now)
    return True


def _seed_campaign(store: Store, list_id: int, now: datetime) -> None:
    """Rules, wrap-ups, callbacks, notes and blocked numbers, so the campaign views show
    something real (no calling hours: the demo must be callable whenever it is tried).

    山田スポーツ (the second target) has a story: two calls nobody took, then 山田様 was out and
    asked to be called in the afternoon; a manager booked that callback, now overdue."""
    store.set_list_rules(
        list_id,
        ListRules(max_attempts=5, retry_delays={"no_answer": timedelta(hours=1), "busy": timedelta(minutes=30)}),
    )
    targets = store.targets(list_id)
    first = store.history(targets[0].phone)
    if first:
        store.annotate_call(first[0].id, disposition="資料送付", note="カタログを郵送、来週フォロー")
    yamada = targets[1].phone
    story = (
        (timedelta(days=3, hours=2), Outcome.NO_ANSWER, None, None, None),
        (timedelta(days=2, hours=5), Outcome.BUSY, None, None, None),
        (
            timedelta(hours=1, minutes=10),
            Outcome.ANSWERED,
            102,
            "担当者不在",
            "山田様は外出中。午後なら在席とのこと",
        ),
    )
    for ago, outcome, talk, disposition, note in story:
        started = now - ago
        call = store.start_call(
            yamada, Direction.OUTBOUND, user=DEMO_OPERATOR, list_id=list_id, started_at=started
        )
        answered = started + timedelta(seconds=8) if talk is not None else None
        ended = (answered or started) + timedelta(seconds=talk or 30)
        status = {Outcome.ANSWERED: 200, Outcome.NO_ANSWER: 487, Outcome.BUSY: 486}[outcome]
        store.finish_call(call, outcome, sip_status=status, answered_at=answered, ended_at=ended)
        if disposition or note:
            store.annotate_call(call, disposition=disposition, note=note)
    store.add_note(yamada, "受付の方: 決裁は営業部長の山田様。直通は教えていただけず", user=DEMO_OPERATOR)
    store.add_callback(
        yamada, list_id=list_id, due_at=now - timedelta(minutes=30), by="kanri", to=DEMO_OPERATOR,
        note="午後なら在席とのこと",
    )
    store.add_callback(targets[2].phone, list_id=list_id, due_at=now + timedelta(days=1), by=DEMO_OPERATOR)
    store.add_note(targets[5].phone, "受付の方: 山本様。担当は月曜在席", user=DEMO_OPERATOR)
    store.add_dnc([targets[-1].phone], reason="本人から発信停止の依頼", by="kanri")
    store.add_dnc(["+81362621180"], reason="他社リストからの番号: 営業電話お断り", by="kanri")
    store.add_dnc(["+819012345678"], reason="番号誤り (個人の携帯電話)", by="kanri")
