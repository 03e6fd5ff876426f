#!/usr/bin/env python3
"""Judges one captured dashboard screen (read from stdin) for run.sh: exit 0 when the named check holds, 1 when not.

    screen.py panels | found | plan | finished | settled | reflowed COLS ROWS | margin INST_ID

The checks mirror Tests/AnchorTUITests/DashboardEndToEndTests.swift, so the SSH run and the in-repo test judge the
screen alike. Python rather than awk because line widths must be counted in characters, not UTF-8 bytes.
"""

import sys


def margin_of(inst_id, screen):
    """The margin shown for inst_id: the figure just before its band (`9.50–10.50`), as the Swift test reads it."""
    for line in screen.split("\n"):
        if inst_id not in line or "–" not in line:
            continue
        words = [word for word in line.split(" ") if word]
        band = next((i for i, word in enumerate(words) if "–" in word), None)
        if band is None or band == 0:
            continue
        # A mark after the figure (▲, ▼) when the terminal shows no colour.
        figure = "".join(ch for ch in words[band - 1] if ch.isdigit() or ch == ".")
        try:
            return float(figure)
        except ValueError:
            return None
    return None


def log_shows_correction(screen):
    """The log pane lists a completed correction of Wu666666's CRO."""
    at = screen.find("Correction log")
    if at < 0:
        return False
    return any(
        "Wu666666" in line and "CRO-USDT-SWAP" in line and "correction" in line
        for line in screen[at + len("Correction log"):].split("\n")
    )


def main(argv):
    screen = sys.stdin.read()
    check = argv[1] if len(argv) > 1 else ""
    lines = screen.split("\n")
    if check == "panels":
        header = lines[0] if lines else ""
        return (
            "22 positions · 12 long · 10 short" in screen
            and "9 accounts · 10 positions" in screen
            and "DEMO" in header
        )
    if check == "found":
        return "Positions 1/32" in screen and "CRO-USDT-SWAP" in screen
    if check == "plan":
        return "Confirm (y)" in screen and "reduce margin" in screen
    if check == "finished":
        return "completed" in screen and "[ Close ]" in screen
    if check == "settled":
        margin = margin_of("CRO-USDT-SWAP", screen)
        return margin is not None and 9.5 <= margin <= 10.5 and log_shows_correction(screen)
    if check == "reflowed":
        cols, rows = int(argv[2]), int(argv[3])
        # capture-pane ends the last row with a newline: count rows without that empty tail.
        shown = lines[:-1] if lines and lines[-1] == "" else lines
        return (
            len(shown) >= rows
            and "Instr." in screen
            and "Instrument" not in screen
            and all(len(line) <= cols for line in shown)
        )
    if check == "margin":
        margin = margin_of(argv[2], screen)
        print("none" if margin is None else f"{margin:.2f}")
        return margin is not None
    print(f"screen.py: unknown check {check!r}", file=sys.stderr)
    sys.exit(2)


if __name__ == "__main__":
    sys.exit(0 if main(sys.argv) else 1)
