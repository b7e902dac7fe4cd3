"""The local HTTP API's messages endpoint as the tests call it (a client of the running API)."""

from __future__ import annotations

from typing import Any

import requests

# a notice to one number: what the tests of the API's duties send
BOOKING = {"account": "i", "to": ["13800138000"], "text": "您的预约已确认", "kind": "notice"}


def post_message(
    base_url: str, token: str, body: Any = BOOKING, key: str | None = None
) -> requests.Response:
    """POST /api/v1/messages with the bearer ``token`` (and an Idempotency-Key when given)."""
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return requests.post(base_url + "/api/v1/messages", json=body, headers=headers, timeout=30)
