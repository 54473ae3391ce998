#!/usr/bin/env python3
"""Cuts Noto Sans CJK down to the characters the maps print, one font per regional form.

Source: Debian's fonts-noto-cjk package, version 1:20220127+repack1-1 (Noto Sans CJK 2.004,
SIL Open Font License 1.1), whose collections hold the JP, KR, SC and TC forms. Tool: fontTools
4.55.3 (pip install fonttools==4.55.3). Run from the repository root after changing the strings
files or the names in geodata/:

    apt-get install fonts-noto-cjk
    python3 tools/cjk-fonts/subset.py

Each form gets the characters of its languages: Japanese the `ja` strings and Japanese names,
Korean the `ko` ones, and so on. The CFF outlines are converted to TrueType quadratics so the
subsets go through the same code paths as Noto Sans (the SVG subsetter, the PDF writer).
"""

import json
import sys
import tomllib
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

SOURCE = Path("/usr/share/fonts/opentype/noto")
# Index of each form in the Debian collections (NotoSansCJK-Regular.ttc, -Bold.ttc).
FORMS = {"JP": 0, "KR": 1, "SC": 2, "TC": 3}
# Languages whose texts each form draws.
LANGS = {"JP": ["ja"], "KR": ["ko"], "SC": ["zh"], "TC": ["zh-Hant"]}
# Name properties, per language, in geodata/*.geojson.
NAME_PROPERTIES = {
    "ja": ["name_ja_script", "name_ja"],
    "ko": ["name_ko"],
    "zh": ["name_zh"],
    "zh-Hant": ["name_zh_hant"],
}
# Characters the program writes itself: the Japanese era names of dates (src/model/strings.rs).
COMPUTED = {"ja": "明治大正昭和元年"}
OUT = Path("assets/fonts/cjk")


def is_cjk(c):
    """Characters Noto Sans lacks that a CJK font draws: Han, kana, Hangul, CJK punctuation."""
    o = ord(c)
    return (
        0x1100 <= o <= 0x11FF
        or 0x2E80 <= o <= 0x9FFF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF
    )


def strings_of(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings_of(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_of(v)


def characters(lang):
    chars = set(COMPUTED.get(lang, ""))
    strings = tomllib.loads(Path(f"assets/strings/{lang}.toml").read_text(encoding="utf-8"))
    for s in strings_of(strings):
        chars.update(s)
    for path in sorted(Path("geodata").glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            props = feature.get("properties") or {}
            for key in NAME_PROPERTIES[lang]:
                if isinstance(props.get(key), str):
                    chars.update(props[key])
    return {c for c in chars if is_cjk(c)}


def to_truetype(font):
    """Replaces the CFF table by glyf/loca with quadratic outlines (max error 1 unit)."""
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones maxTwilightPoints maxStorage maxFunctionDefs maxInstructionDefs "
        "maxStackElements maxSizeOfInstructions maxComponentElements"
    ).split():
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\0\1\0\0"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for form, index in FORMS.items():
        chars = set()
        for lang in LANGS[form]:
            chars |= characters(lang)
        for weight in ("Regular", "Bold"):
            source = SOURCE / f"NotoSansCJK-{weight}.ttc"
            font = TTFont(source, fontNumber=index, lazy=False)
            options = subset.Options()
            options.layout_features = ["kern", "palt", "vert"]
            options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
            options.name_languages = [0x0409]
            options.hinting = False
            options.notdef_outline = True
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=sorted(ord(c) for c in chars))
            subsetter.subset(font)
            to_truetype(font)
            out = OUT / f"NotoSansCJK{form}-{weight}.ttf"
            # No timestamps: the same inputs give the same bytes.
            font["head"].created = font["head"].modified = 0
            font.recalcTimestamp = False
            font.save(out)
            print(f"{out}: {len(chars)} characters, {out.stat().st_size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
