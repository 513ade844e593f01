"""IPA to eSpeak NG phoneme mnemonics (its Kirshenbaum-like `[[ ]]` input), for English.

A lexicon entry is written once, in IPA; eSpeak NG cannot read IPA, so it is given the
same sounds in its own mnemonics. Piper's phonemizer is eSpeak NG itself and its models
were trained on eSpeak NG's IPA output, so entries are best written in that IPA (what
`espeak-ng --ipa WORD` prints: "ɹ" for r, "ɐ", "ᵻ").
"""

from __future__ import annotations

_IPA_TO_ESPEAK: dict[str, str] = {
    # diphthongs and long vowels first: the longest match wins
    "aɪ": "aI", "aʊ": "aU", "eɪ": "eI", "ɔɪ": "OI", "oʊ": "oU", "əʊ": "oU",
    "ɪə": "i@", "iə": "i@", "ɛə": "e@", "ɛɹ": "e@", "ʊə": "U@",
    "iː": "i:", "uː": "u:", "ɑː": "A:", "ɔː": "O:", "ɜː": "3:", "ɜ": "3:", "ɝ": "3:",
    "tʃ": "tS", "dʒ": "dZ",
    # vowels
    "æ": "a", "a": "a", "ɑ": "A:", "ɒ": "0", "ɔ": "O", "ɛ": "E", "e": "e", "ɪ": "I", "i": "i",
    "ʊ": "U", "u": "u:", "ʌ": "V", "ə": "@", "ɚ": "3", "ɐ": "a#", "ᵻ": "I#", "o": "o",
    # consonants
    "θ": "T", "ð": "D", "ʃ": "S", "ʒ": "Z", "ŋ": "N", "ɹ": "r", "r": "r", "ɾ": "*", "ʔ": "?",
    "ɡ": "g", "g": "g", "x": "x", "ç": "C",
    "p": "p", "b": "b", "t": "t", "d": "d", "k": "k", "f": "f", "v": "v", "s": "s", "z": "z",
    "h": "h", "m": "m", "n": "n", "l": "l", "j": "j", "w": "w",
    # stress and length
    "ˈ": "'", "ˌ": ",", "ː": ":", " ": " ",
}  # fmt: skip
_LONGEST = max(map(len, _IPA_TO_ESPEAK))
_IGNORED = ".‿"
"""Syllable breaks and ties: eSpeak NG places its own."""


def ipa_to_espeak(ipa: str) -> str:
    """`ipa` in eSpeak NG mnemonics; a ValueError names a symbol it has no mnemonic for."""
    out: list[str] = []
    i = 0
    while i < len(ipa):
        if ipa[i] in _IGNORED:
            i += 1
            continue
        for size in range(min(_LONGEST, len(ipa) - i), 0, -1):
            mnemonic = _IPA_TO_ESPEAK.get(ipa[i : i + size])
            if mnemonic is not None:
                out.append(mnemonic)
                i += size
                break
        else:
            raise ValueError(f"no eSpeak NG phoneme for the IPA symbol {ipa[i]!r} in /{ipa}/")
    return "".join(out)


def possessive(ipa: str) -> str:
    """The sound of "'s" after a word ending in `ipa`: /ɪz/ after a sibilant, /s/ after a
    voiceless sound, /z/ otherwise."""
    last = ipa.rstrip("ˈˌː. ")[-1:]
    if last in ("s", "z", "ʃ", "ʒ") or ipa.endswith(("tʃ", "dʒ")):
        return "ɪz"
    return "s" if last in ("p", "t", "k", "f", "θ") else "z"
