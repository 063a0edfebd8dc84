"""The OpenCC profiles annotate converts with, and the ones it refuses.

Only character profiles are offered (s2tw, s2hk). The ``…p`` profiles substitute vocabulary (支持→支援,
程序→程式) and change the meaning of a PRC document; they are refused.
"""

from __future__ import annotations

from ..errors import ConversionError

PROFILES: dict[str, str] = {
    "s2tw": "Taiwan standard glyphs, characters only",
    "s2hk": "Hong Kong standard glyphs, characters only",
}
# Vocabulary profiles: their phrase substitutions rewrite PRC terms into Taiwan/Hong Kong usage.
REFUSED_PROFILES: dict[str, str] = {
    "s2twp": "支持→支援, 程序→程式, 循环→迴圈, 人工智能→人工智慧, 高级人民法院→高階人民法院",
    "s2hkp": "the Hong Kong vocabulary table rewrites PRC terms the same way",
}
DEFAULT_PROFILE = "s2tw"
# OpenCC configurations back to Simplified (from a Traditional edition's text to the Simplified text it
# was converted from).
REVERSE_CONFIGS: dict[str, str] = {"s2tw": "tw2s.json", "s2hk": "hk2s.json"}


def check_profile(profile: str) -> str:
    """Return ``profile`` if it is a character-only profile we support, else raise with the reason."""
    if profile in PROFILES:
        return profile
    if profile in REFUSED_PROFILES:
        raise ConversionError(
            f"profile {profile} is refused: its vocabulary substitution changes meaning in PRC documents "
            f"({REFUSED_PROFILES[profile]}). Use s2tw or s2hk (characters only)."
        )
    raise ConversionError(f"unknown conversion profile {profile!r}: use one of {', '.join(PROFILES)}")
