"""The keys-first queries of a job's recipients (the GUI's lazy table) and the jobs' texts."""

from __future__ import annotations

import time

from sms_desktop.core import history
from sms_desktop.core.contacts.recipients import Recipient
from sms_desktop.core.jobs.model import JobSpec


def test_message_ids_in_send_order_and_by_state(env):
    acct = env.add("ipyy")
    env.sim.sensitive_words = {"违禁"}
    recips = [
        Recipient(f"1390000000{i}", fields={"w": "违禁" if i in (1, 4) else "好"}) for i in range(6)
    ]
    recips.append(Recipient("12345"))  # invalid: skipped
    job = env.engine.create_job(JobSpec(acct, "通知{w}", recips))
    env.engine.run_job(job)
    ids = history.message_ids(env.db, job)
    assert ids.typecode == "q" and len(ids) == 7
    rows = history.messages_by_ids(env.db, list(ids))
    assert [r["seq"] for r in rows] == list(range(1, 8))  # send order
    assert [r["state"] for r in rows] == [
        "accepted",
        "rejected",
        "accepted",
        "accepted",
        "rejected",
        "accepted",
        "skipped",
    ]
    rejected = history.message_ids(env.db, job, ["rejected"])
    got = history.messages_by_ids(env.db, list(rejected))
    assert [r["phone"] for r in got] == ["13900000001", "13900000004"]
    assert all(r["code"] and r["vendor_text"] for r in got)  # the vendor's code and words
    skipped = history.messages_by_ids(env.db, list(history.message_ids(env.db, job, ["skipped"])))
    assert skipped[0]["message"]  # the skip reason stands in for an empty message
    # a page in the order asked for, None for an id that does not exist
    page = history.messages_by_ids(env.db, [ids[3], 999_999, ids[0]])
    assert page[0]["seq"] == 4 and page[1] is None and page[2]["seq"] == 1
    assert history.messages_by_ids(env.db, []) == []
    texts = history.job_texts(env.db, [job, 424242])
    assert texts[job].text == "通知{w}" and 424242 not in texts


def test_keys_of_100k_recipients_and_a_page_are_quick(env):
    acct = env.add("ipyy")
    job = env.engine.create_job(JobSpec(acct, "通知", [f"139{i:08d}" for i in range(100_000)]))
    t0 = time.perf_counter()
    ids = history.message_ids(env.db, job)
    keys = time.perf_counter() - t0
    t0 = time.perf_counter()
    page = history.messages_by_ids(env.db, list(ids[50_000:50_200]))
    one_page = time.perf_counter() - t0
    assert len(ids) == 100_000 and [r["seq"] for r in page] == list(range(50_001, 50_201))
    print(f"ids of 100k: {keys * 1000:.0f} ms; one page of 200: {one_page * 1000:.1f} ms")
    assert keys < 1.0 and one_page < 0.1
