#!/usr/bin/env python3
"""Copies the pictures the README shows out of the committed notebooks' outputs into docs/pictures/.

The notebooks are the pictures' source: refresh them with ./mlplab execute, then run this script
(any Python 3). Each picture is the image/png output of one cell, named by the cell's id.
With --check it writes nothing and fails when a picture in docs/pictures/ differs from its cell's.
"""
import base64
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# picture file, notebook, cell id
PICTURES = [
    ("playground-spiral.png", "15-playground.ipynb", "c16"),
    ("network-diagram.png", "15-playground.ipynb", "c07"),
    ("computation-graph.png", "16-computation-graph.ipynb", "c04"),
    ("backprop-step.png", "16-computation-graph.ipynb", "c14"),
]


def main(check):
    out = ROOT / "docs" / "pictures"
    out.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, notebook, cell_id in PICTURES:
        cells = json.loads((ROOT / "notebooks" / notebook).read_text())["cells"]
        cell = next((c for c in cells if c.get("id") == cell_id), None)
        if cell is None:
            raise SystemExit(f"{notebook} has no cell {cell_id!r}: update PICTURES")
        pngs = [o["data"]["image/png"] for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
        if not pngs:
            raise SystemExit(f"{notebook} cell {cell_id} has no picture: run ./mlplab execute notebooks/{notebook}")
        picture = base64.b64decode(pngs[-1])
        if check:
            if not (out / name).is_file() or (out / name).read_bytes() != picture:
                stale.append(name)
            continue
        (out / name).write_bytes(picture)
        print(f"docs/pictures/{name} from {notebook} cell {cell_id}")
    if stale:
        raise SystemExit(f"docs/pictures/ differs from the notebooks for {', '.join(stale)}: run tools/readme_pictures.py")
    if check:
        print(f"README pictures: {len(PICTURES)} match their notebooks' outputs")


if __name__ == "__main__":
    main("--check" in sys.argv[1:])
