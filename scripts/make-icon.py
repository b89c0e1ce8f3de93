#!/usr/bin/env python3
"""Draws the application icon: seven hexagons, as on the app's map, in four of the grade
colours, on a rounded tile. Writes assets/icon.svg (the source) and, through ImageMagick,
assets/icon.png (256 px, the window icon and the .deb's icon) and assets/icon.ico (16 to
256 px, the .exe's icon). Run it again after changing the design; the outputs are committed.

    python3 scripts/make-icon.py
"""
import math
import os
import subprocess
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SIZE = 256
TILE = "#F4F6F9"
EDGE = "#08306B"
# Outstanding, Good, Requires Improvement, Inadequate (crates/peel-core/src/words/style.rs).
O, G, RI, I = "#08306B", "#4A8FCB", "#F5A05A", "#A50F15"
# Centre, then clockwise from the top right.
FILLS = [G, O, G, RI, I, RI, O]


def hexagon(cx, cy, r):
    """A pointy-top hexagon's corners."""
    return [
        (cx + r * math.cos(math.radians(a)), cy + r * math.sin(math.radians(a)))
        for a in range(-90, 270, 60)
    ]


def shapes(scale):
    c = SIZE / 2 * scale
    r = 36 * scale  # circumradius
    gap = 5 * scale
    step = math.sqrt(3) * r + gap  # centre to centre
    centres = [(c, c)] + [
        (c + step * math.cos(math.radians(a)), c + step * math.sin(math.radians(a)))
        for a in range(-60, 300, 60)
    ]
    return [(hexagon(x, y, r), f) for (x, y), f in zip(centres, FILLS)]


def svg():
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}">',
        f'  <rect x="6" y="6" width="{SIZE - 12}" height="{SIZE - 12}" rx="44" '
        f'fill="{TILE}" stroke="{EDGE}" stroke-width="8"/>',
    ]
    for pts, fill in shapes(1):
        p = " ".join(f"{x:.2f},{y:.2f}" for x, y in pts)
        out.append(f'  <polygon points="{p}" fill="{fill}"/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def draw_commands(scale):
    s = scale
    cmds = [
        "-fill", TILE, "-stroke", EDGE, "-strokewidth", str(8 * s),
        "-draw", f"roundrectangle {6 * s},{6 * s} {(SIZE - 6) * s},{(SIZE - 6) * s} {44 * s},{44 * s}",
        "-stroke", "none",
    ]
    for pts, fill in shapes(s):
        p = " ".join(f"{x:.2f},{y:.2f}" for x, y in pts)
        cmds += ["-fill", fill, "-draw", f"polygon {p}"]
    return cmds


def main():
    assets = os.path.join(ROOT, "assets")
    with open(os.path.join(assets, "icon.svg"), "w") as f:
        f.write(svg())
    scale = 4  # draw large, then shrink: smooth edges at every size
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "big.png")
        subprocess.run(
            ["convert", "-size", f"{SIZE * scale}x{SIZE * scale}", "xc:none"]
            + draw_commands(scale)
            + [big],
            check=True,
        )
        png = os.path.join(assets, "icon.png")
        subprocess.run(
            ["convert", big, "-resize", f"{SIZE}x{SIZE}", "-strip", "PNG32:" + png], check=True
        )
        subprocess.run(
            ["convert", big, "-define", "icon:auto-resize=256,64,48,32,24,16", "-depth", "8", "-strip",
             os.path.join(assets, "icon.ico")],
            check=True,
        )


if __name__ == "__main__":
    main()
