"""Segment (billing part) counting by the Chinese rule.

A text of 70 characters or fewer is one part; a longer text is billed at 67 characters a part.
Every Han character, letter, digit, space or punctuation mark counts as one. The signature, such
as ``【公司名】`` including its brackets, counts toward the length.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

SINGLE_LIMIT = 70
MULTI_PART = 67

_SIGNATURE_RE = re.compile(r"^\s*【[^【】]{1,20}】|【[^【】]{1,20}】\s*$")


def char_count(text: str) -> int:
    """Characters as the carriers count them: one per Unicode code point.

    A character outside the Basic Multilingual Plane (an emoji) travels as two UCS-2 units, so it
    counts as two.
    """
    # UTF-16 code units, counted in C: the estimate measures 100,000 texts per keystroke
    return len(text.encode("utf-16-le", "surrogatepass")) >> 1


def parts_for_length(length: int) -> int:
    if length <= 0:
        return 0
    if length <= SINGLE_LIMIT:
        return 1
    return math.ceil(length / MULTI_PART)


def has_signature(text: str) -> bool:
    return "【" in text and bool(_SIGNATURE_RE.search(text))


def with_signature(text: str, signature: str) -> str:
    """The text as it will be sent: the signature prepended unless the text already carries one."""
    sig = normalise_signature(signature)
    if not sig or has_signature(text):
        return text
    return sig + text


def normalise_signature(signature: str) -> str:
    s = signature.strip()
    if not s:
        return ""
    if not (s.startswith("【") and s.endswith("】")):
        s = "【" + s.strip("【】[]") + "】"
    return s


@dataclass(frozen=True)
class SegmentInfo:
    chars: int
    parts: int
    chars_left_in_part: int

    @property
    def multipart(self) -> bool:
        return self.parts > 1


def count(text: str, signature: str = "") -> SegmentInfo:
    """Count the billed characters and parts of ``text`` as sent with ``signature``."""
    n = char_count(with_signature(text, signature))
    parts = parts_for_length(n)
    if parts <= 1:
        left = SINGLE_LIMIT - n
    else:
        left = parts * MULTI_PART - n
    return SegmentInfo(chars=n, parts=parts, chars_left_in_part=left)
