"""The HTTP API's OpenAPI 3 document, served at ``/api/v1/openapi.json`` (a test validates it)."""

from __future__ import annotations

from typing import Any

VERSION = "1.0.0"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("Error")}},
    }


def _ok(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


_UNAUTHORIZED = _error("No token, a wrong one or a revoked one")
_RATE = _error("Over the token's rate limit (see Retry-After)")


def _job_id_param() -> dict[str, Any]:
    return {
        "name": "job_id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    }


def _limit_param() -> dict[str, Any]:
    return {
        "name": "limit",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100},
    }


def document(server_url: str = "http://127.0.0.1:8780") -> dict[str, Any]:
    counts = {
        k: {"type": "integer"}
        for k in (
            "recipients",
            "queued",
            "sending",
            "accepted",
            "delivered",
            "undelivered",
            "rejected",
            "unknown",
            "skipped",
            "invalid",
        )
    }
    nullable_str = {"type": "string", "nullable": True}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "SMS Desktop local API",
            "version": VERSION,
            "description": (
                "Send SMS through the accounts of SMS Desktop (短信群发助手) from an office system."
                " Every request but this document needs `Authorization: Bearer <token>` (made"
                " with `sms-desktop-cli api token create NAME` or in the window). A send goes"
                " through the same checks as the window and the CLI: numbers, blacklist,"
                " frequency caps, the marketing window, the journal. Times are this PC's local"
                " time, `YYYY-MM-DD HH:MM:SS`. Webhooks (`sms-desktop-cli api webhook set NAME"
                " URL`): each job the token made that finished (`job.finished`) and each reply"
                " (`reply.received`) is POSTed there as JSON with X-SMS-Desktop-Event,"
                " X-SMS-Desktop-Delivery, X-SMS-Desktop-Timestamp and X-SMS-Desktop-Signature"
                " (`sha256=` and the hex HMAC-SHA256 of `timestamp.body` with the token's webhook"
                " secret); a failed POST is retried with backoff, at least once per event."
            ),
        },
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/messages": {
                "post": {
                    "summary": "Send a message to numbers: makes a job",
                    "operationId": "sendMessages",
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": False,
                            "description": (
                                "Repeating a request with the same key (per token) returns the"
                                " job made the first time: a retry never sends twice."
                            ),
                            "schema": {"type": "string", "maxLength": 200},
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("MessageRequest")}},
                    },
                    "responses": {
                        "201": _ok("The job made", "Job"),
                        "200": _ok("The job this Idempotency-Key made before", "Job"),
                        "400": _error("Not a valid request"),
                        "401": _UNAUTHORIZED,
                        "409": _error("The account's password is not on this PC"),
                        "413": _error("The body is too large"),
                        "422": _error(
                            "Refused, with the same cause as the CLI's send (no valid number,"
                            " text too long, a time in the past …), or an Idempotency-Key"
                            " reused for another request"
                        ),
                        "429": _RATE,
                    },
                }
            },
            "/api/v1/jobs/{job_id}": {
                "get": {
                    "summary": "A job's state and counts",
                    "operationId": "getJob",
                    "parameters": [_job_id_param()],
                    "responses": {
                        "200": _ok("The job", "Job"),
                        "401": _UNAUTHORIZED,
                        "404": _error("No such job made by this token"),
                        "429": _RATE,
                    },
                }
            },
            "/api/v1/jobs/{job_id}/recipients": {
                "get": {
                    "summary": "A job's recipients, in send order, a page at a time",
                    "operationId": "getJobRecipients",
                    "parameters": [
                        _job_id_param(),
                        {
                            "name": "offset",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 0, "default": 0},
                        },
                        _limit_param(),
                    ],
                    "responses": {
                        "200": _ok("One page of recipients", "RecipientPage"),
                        "400": _error("Bad offset or limit"),
                        "401": _UNAUTHORIZED,
                        "404": _error("No such job made by this token"),
                        "429": _RATE,
                    },
                }
            },
            "/api/v1/balance": {
                "get": {
                    "summary": "The balance of each account, asked of its gateway now",
                    "operationId": "getBalance",
                    "parameters": [
                        {"name": "account", "in": "query", "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": _ok("The balances", "Balances"),
                        "401": _UNAUTHORIZED,
                        "422": _error("No such account"),
                        "429": _RATE,
                    },
                }
            },
            "/api/v1/inbox": {
                "get": {
                    "summary": "Replies received, oldest first",
                    "operationId": "getInbox",
                    "parameters": [
                        {
                            "name": "since",
                            "in": "query",
                            "description": (
                                "The last answer's next_since (each reply is handed out once),"
                                " or a local time YYYY-MM-DD[ HH:MM:SS]"
                            ),
                            "schema": {"type": "string"},
                        },
                        _limit_param(),
                    ],
                    "responses": {
                        "200": _ok("Replies", "Inbox"),
                        "400": _error("Bad since or limit"),
                        "401": _UNAUTHORIZED,
                        "429": _RATE,
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "summary": "This document",
                    "operationId": "getOpenApi",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "The OpenAPI document",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "message_zh", "message_en"],
                    "properties": {
                        "error": {"type": "string", "example": "refused"},
                        "message_zh": {"type": "string"},
                        "message_en": {"type": "string"},
                    },
                },
                "MessageRequest": {
                    "type": "object",
                    "required": ["account", "to"],
                    "properties": {
                        "account": {"type": "string", "description": "An account's name"},
                        "to": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "oneOf": [
                                    {"type": "string"},
                                    {
                                        "type": "object",
                                        "required": ["phone"],
                                        "properties": {
                                            "phone": {"type": "string"},
                                            "name": {"type": "string"},
                                            "fields": {
                                                "type": "object",
                                                "additionalProperties": {"type": "string"},
                                            },
                                        },
                                    },
                                ]
                            },
                        },
                        "text": {"type": "string", "description": "May hold {列名} fields"},
                        "template": {"type": "string", "description": "A saved template's name"},
                        "template_id": {
                            "type": "string",
                            "description": "A gateway template's id (jsm)",
                        },
                        "template_vars": {"type": "array", "items": {"type": "string"}},
                        "fields": {
                            "type": "object",
                            "description": "Values of {列名} for every recipient",
                            "additionalProperties": {"type": "string"},
                        },
                        "at": {
                            "type": "string",
                            "description": "Send later: local time YYYY-MM-DD HH:MM:SS",
                        },
                        "kind": {"type": "string", "enum": ["notice", "marketing"]},
                        "add_optout": {
                            "type": "boolean",
                            "description": "Append the account's opt-out marker (退订回T)",
                        },
                    },
                },
                "Job": {
                    "type": "object",
                    "required": ["job_id", "account", "state", "counts"],
                    "properties": {
                        "job_id": {"type": "integer"},
                        "account": {"type": "string"},
                        "state": {
                            "type": "string",
                            "description": "queued, held, scheduled, sending, paused, done …",
                        },
                        "outcome": nullable_str,
                        "kind": {"type": "string"},
                        "created_at": {"type": "string"},
                        "send_at": nullable_str,
                        "held_for": nullable_str,
                        "error": nullable_str,
                        "replayed": {"type": "boolean"},
                        "counts": {"type": "object", "properties": counts},
                    },
                },
                "Recipient": {
                    "type": "object",
                    "properties": {
                        "seq": {"type": "integer"},
                        "phone": {"type": "string"},
                        "name": nullable_str,
                        "state": {"type": "string"},
                        "code": nullable_str,
                        "message": nullable_str,
                        "report_status": nullable_str,
                        "report_time": nullable_str,
                        "updated_at": nullable_str,
                    },
                },
                "RecipientPage": {
                    "type": "object",
                    "properties": {
                        "job_id": {"type": "integer"},
                        "total": {"type": "integer"},
                        "offset": {"type": "integer"},
                        "limit": {"type": "integer"},
                        "recipients": {"type": "array", "items": _ref("Recipient")},
                    },
                },
                "Balances": {
                    "type": "object",
                    "properties": {
                        "balances": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "account": {"type": "string"},
                                    "family": {"type": "string"},
                                    "ok": {"type": "boolean"},
                                    "messages": {"type": "number", "nullable": True},
                                    "postpaid": {"type": "boolean"},
                                    "read_at": nullable_str,
                                    "known_at": nullable_str,
                                    "low": {"type": "boolean"},
                                    "error": nullable_str,
                                },
                            },
                        }
                    },
                },
                "Inbox": {
                    "type": "object",
                    "properties": {
                        "replies": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "id": {"type": "integer"},
                                    "account": {"type": "string"},
                                    "phone": {"type": "string"},
                                    "content": {"type": "string"},
                                    "time": nullable_str,
                                    "extno": nullable_str,
                                    "opt_out": {"type": "boolean"},
                                    "received_at": {"type": "string"},
                                },
                            },
                        },
                        "next_since": {"type": "string"},
                    },
                },
            },
        },
    }
