#!/usr/bin/env python3
"""Lists the lines of C# and Razor sources longer than the .editorconfig's max_line_length (in characters).
Generated code (EF migrations, the Kiota client) is left out. Exit code 1 when any line is too long."""
import os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
config = open(os.path.join(root, ".editorconfig"), encoding="utf-8").read()
limit = int(re.search(r"^max_line_length\s*=\s*(\d+)", config, re.M).group(1))
files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.cs", "*.razor"],
                       cwd=root, capture_output=True, text=True, check=True).stdout.split()
skip = ("/Migrations/", "/Generated/")
long_lines = []
for f in files:
    if any(s in "/" + f for s in skip):
        continue
    with open(os.path.join(root, f), encoding="utf-8") as text:
        for n, line in enumerate(text, 1):
            if len(line.rstrip("\n")) > limit:
                long_lines.append(f"{f}:{n}: {len(line.rstrip())} > {limit}")
print("\n".join(long_lines))
print(f"line width: {len(long_lines)} lines over {limit} characters")
sys.exit(1 if long_lines else 0)
