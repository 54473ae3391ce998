"""Writes a copy of the bundled data with COUNT agreements: the agreements of geodata/
treaties.toml repeated, each copy shifted fifty years later (past the span of the one before),
so `--all` draws COUNT maps. The 1917 lapse is left out so every year keeps its spheres.
Usage: python3 benches/many-treaties.py COUNT OUT_DIR   (from the repository root)"""
import re
import shutil
import sys
from pathlib import Path

count, out = int(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for f in Path("geodata").glob("*.geojson"):
    shutil.copy(f, out / f.name)
text = Path("geodata/treaties.toml").read_text()
head, rest = text.split("[[agreements]]", 1)
agreements, tail = rest.split("[[events]]", 1)
blocks = ["[[agreements]]" + b for b in ("[[agreements]]" + agreements).split("[[agreements]]")[1:]]
tail = "[[events]]" + tail.split("[lapse]", 1)[0]

copies = []
for i in range(count):
    shift, block = 50 * (i // len(blocks)), blocks[i % len(blocks)]
    block = re.sub(r'^id = "(\d+)"', lambda m: f'id = "a{i}"', block, count=1, flags=re.M)
    block = re.sub(
        r"^signed = (\d{4})",
        lambda m: f"signed = {int(m.group(1)) + shift}",
        block,
        count=1,
        flags=re.M,
    )
    copies.append(block)
last = max(int(y) for y in re.findall(r"^signed = (\d{4})", "".join(copies), flags=re.M))
head = re.sub(r"^last_year = \d+", f"last_year = {last}", head, count=1, flags=re.M)
(out / "treaties.toml").write_text(head + "".join(copies) + tail)
