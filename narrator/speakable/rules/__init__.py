"""Rewrite rules, one module per kind of written form, applied in the order of RULES.

A rule is a compiled pattern and a function from its match to the spoken words. Earlier
rules take the more specific forms (an e-mail address before its dots, a date before
its numbers); the plain-number rule comes last of the number rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
