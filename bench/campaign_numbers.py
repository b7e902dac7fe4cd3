"""Numbers for the campaign benchmarks: random ones from the blocks of every carrier.

No import of the application here, so that a benchmark can load it before choosing which
checkout's ``sms_desktop`` to time (``bench_create_job.py --code``).
"""

from __future__ import annotations

import random

# 3-digit prefixes: China Mobile, China Unicom, China Telecom, then the virtual operators' and
# China Broadnet's
_MOBILE = "134 135 136 137 138 139 147 150 151 152 157 158 159 172 178 182 183 184 187 188 195 198"
_UNICOM = "130 131 132 145 155 156 166 175 176 185 186 196"
_TELECOM = "133 149 153 173 177 180 181 189 190 191 193 199"
_OTHERS = "170 171 165 162 192"
TELECOM = frozenset(_TELECOM.split())
PREFIXES = tuple(" ".join((_MOBILE, _UNICOM, _TELECOM, _OTHERS)).split())


def random_number(rng: random.Random) -> str:
    """An 11-digit mobile number of a random prefix and block."""
    return rng.choice(PREFIXES) + f"{rng.randrange(10**8):08d}"
