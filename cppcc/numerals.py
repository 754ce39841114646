"""Chinese numerals as committees write them in meeting names (六届八次, 第十二次)."""

from __future__ import annotations

from decimal import Decimal

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"


def number(value: Decimal | int | float) -> str:
    """A score as people write it: 130, 7.5, 7.38 — never 1.3E+2 or 130.00."""
    text = format(Decimal(str(value)).quantize(Decimal("0.01")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
