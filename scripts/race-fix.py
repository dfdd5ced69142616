#!/usr/bin/env python3
"""Race `pagelint --fix` against another process appending to the page
(issue 10 item 2): counts appends lost out of N runs.

Each run writes a 20,000-line page with trailing spaces (every line has a
fix), starts `pagelint --fix` on it, appends a line after a random delay
within the run's duration, and checks that the appended line is still in
the file afterwards. pagelint either writes its fixes before the append
(the append lands on the fixed file), or notices the change and keeps the
other process's version (exit 2, "changed on disk"): both keep the append.

With --signals, each run instead interrupts `pagelint --fix` on a folder
of 200 such pages with SIGINT or SIGTERM at a random moment and counts the
`.pagelint-*.tmp` files left behind.

Usage: scripts/race-fix.py [--runs N] [--bin target/release/pagelint] [--signals]
"""
import signal
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "pagelint"))
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("--signals", action="store_true")
    ap.add_argument("--pages", type=int, default=200)
    args = ap.parse_args()
    if args.signals:
        return signals(args)
    page = "".join(f"line {i} with words   \n" for i in range(args.lines)).encode()
    marker = b"APPENDED BY ANOTHER PROCESS\n"
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "page.md")
        # The run's duration, to spread the appends over it.
        with open(path, "wb") as f:
            f.write(page)
        t0 = time.monotonic()
        subprocess.run([args.bin, "--fix", "--no-cache", "--quiet", path], capture_output=True)
        duration = time.monotonic() - t0
        lost = refused = after = before = 0
        for _ in range(args.runs):
            with open(path, "wb") as f:
                f.write(page)
            p = subprocess.Popen([args.bin, "--fix", "--no-cache", "--quiet", path],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(random.uniform(0, duration * 1.1))
            with open(path, "ab") as f:
                f.write(marker)
            _, err = p.communicate()
            with open(path, "rb") as f:
                now = f.read()
            if marker not in now:
                lost += 1
            elif b"changed on disk" in err:
                refused += 1
            elif now.startswith(page):
                before += 1  # append landed before pagelint read the page
            else:
                after += 1   # fixes written, then the append
        left = [n for n in os.listdir(d) if n.startswith(".pagelint-")]
    print(f"race-fix: {lost} of {args.runs} appends lost "
          f"({refused} runs noticed the change and kept it, {after} appended after the write, "
          f"{before} before the read; one run {duration * 1000:.0f} ms; {len(left)} temporary files left)")
    return 1 if lost or left else 0


def signals(args):
    page = "".join(f"line {i} with words   \n" for i in range(2000)).encode()
    left_total = killed = 0
    with tempfile.TemporaryDirectory() as d:
        def fill():
            for i in range(args.pages):
                with open(os.path.join(d, f"p{i:03}.md"), "wb") as f:
                    f.write(page)
        fill()
        t0 = time.monotonic()
        subprocess.run([args.bin, "--fix", "--no-cache", "--quiet", d], capture_output=True)
        duration = time.monotonic() - t0
        for n in range(args.runs):
            fill()
            p = subprocess.Popen([args.bin, "--fix", "--no-cache", "--quiet", d],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(random.uniform(0, duration))
            p.send_signal(signal.SIGINT if n % 2 else signal.SIGTERM)
            if p.wait() < 0:
                killed += 1
            left = [x for x in os.listdir(d) if x.startswith(".pagelint-")]
            left_total += len(left)
            for x in left:
                os.remove(os.path.join(d, x))
    print(f"race-fix --signals: {left_total} temporary files left after {args.runs} interrupted runs "
          f"({killed} ended by the signal; one run {duration * 1000:.0f} ms)")
    return 1 if left_total else 0


if __name__ == "__main__":
    sys.exit(main())
