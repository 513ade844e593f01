"""Quantities with units: '12kg/kg' -> 'twelve kilograms per kilogram', '1°C' -> 'one degree
Celsius', '40%' -> 'forty percent', '4 1/2 lbs' -> 'four and a half pounds'."""

from __future__ import annotations

import re

from narrator.speakable.numbers import number
from narrator.speakable.rules import Rule
from narrator.speakable.rules.fractions import MIXED, speak_fraction

UNITS: dict[str, tuple[str, str]] = {
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "km": ("kilometer", "kilometers"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"),
    "m": ("meter", "meters"),
    "mi": ("mile", "miles"),
    "ft": ("foot", "feet"),
    "yd": ("yard", "yards"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "mph": ("mile per hour", "miles per hour"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "l": ("liter", "liters"),
    "ml": ("milliliter", "milliliters"),
    "ha": ("hectare", "hectares"),
    "sq mi": ("square mile", "square miles"),
    "sq km": ("square kilometer", "square kilometers"),
    "sq ft": ("square foot", "square feet"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
    "%": ("percent", "percent"),
    "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "GB": ("gigabyte", "gigabytes"),
    "MB": ("megabyte", "megabytes"),
    "TB": ("terabyte", "terabytes"),
    "GHz": ("gigahertz", "gigahertz"),
    "MHz": ("megahertz", "megahertz"),
    "in.": ("inch", "inches"),
    "sec": ("second", "seconds"),
    "hrs": ("hour", "hours"),
    "min": ("minute", "minutes"),
}
_SCALES = r"thousand|million|billion|trillion"
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_NUMBER = r"-?\d[\d,]*(?:\.\d+)?|\.\d+"
QUANTITY = re.compile(
    rf"(?<![\w.])(?P<n>{_NUMBER})(?:\s(?P<scale>{_SCALES}))?\s?(?P<unit>{_UNIT})(?:/(?P<per>{_UNIT}))?(?![\w°])"
)
MIXED_QUANTITY = re.compile(rf"(?<![\w.]){MIXED}\s?(?P<unit>{_UNIT})(?![\w°])")


def _unit(name: str, plural: bool) -> str:
    return UNITS[name][1 if plural else 0]


def _quantity(m: re.Match[str]) -> str:
    amount = m.group("n")
    plural = bool(m.group("scale")) or amount.replace(",", "") not in ("1", "-1")
    words = number(amount) + (f" {m.group('scale')}" if m.group("scale") else "")
    words += " " + _unit(m.group("unit"), plural)
    if m.group("per"):
        words += " per " + _unit(m.group("per"), False)
    return words


def _mixed(m: re.Match[str]) -> str:
    return speak_fraction(m, mixed=True) + " " + _unit(m.group("unit"), True)


RULES: list[Rule] = [
    (MIXED_QUANTITY, _mixed),
    (QUANTITY, _quantity),
]
