#!/usr/bin/env python3
"""header-stubs.py HEADER > stubs.c: a C translation unit that gives abidw
the types of the C API, which the shipped libferrex.so (no debug info)
cannot: compiled with -g into a small shared library, its DWARF describes
every function the header declares, with the header's own prototype.

  - each function declared in HEADER is defined as an empty stub with the
    declared prototype (the ELF symbol + DWARF of a real function);
  - each struct, enum and typedef is referenced by one exported pointer
    variable `abi_type_*`, so a type no function mentions (the enums behind
    `typedef int32_t ferrex_status`) is described too;
  - the integer #define constants (flags, limits) become the enumerators of
    one enum `abi_defines`, referenced the same way, so a changed flag value
    is a changed enumerator. FERREX_VERSION_* change every release and are
    left out.

scripts/abi-check.sh compiles this next to the real library's symbol list;
it relies on cbindgen's plain output (no function-like macros, one
declaration per statement).
"""
import os
import re
import subprocess
import sys

header = sys.argv[1]
with open(header) as f:
    text = f.read()

# The header's own declarations, comments gone, without the system headers'
# (whose typedefs are not ferrex's ABI).
own = "\n".join(line for line in text.splitlines() if not line.startswith("#include"))
pre = subprocess.run(["gcc", "-E", "-P", "-x", "c", "-"], input=own, capture_output=True, text=True, check=True).stdout

# Top-level statements: split on ';' outside braces.
statements, depth, current = [], 0, []
for ch in pre:
    if ch == "{":
        depth += 1
    elif ch == "}":
        depth -= 1
    if ch == ";" and depth == 0:
        statements.append(" ".join("".join(current).split()))
        current = []
    else:
        current.append(ch)

functions, types = [], []
for s in statements:
    if not s:
        continue
    if s.startswith("typedef"):
        m = re.search(r"\(\s*\*\s*(\w+)\s*\)\s*\(", s) or re.search(r"(\w+)\s*$", s)
        types.append(m.group(1))
    fm = re.fullmatch(r"(?!typedef)(.*?)\b(ferrex_\w+)\s*\((.*)\)", s)
    if fm:
        functions.append((fm.group(1).strip(), fm.group(2), fm.group(3)))
    for kind, tag in re.findall(r"\b(struct|enum)\s+(\w+)\s*\{", s):
        types.append(f"{kind} {tag}")
if not functions:
    sys.exit(f"header-stubs.py: no function declarations found in {header}")

# Integer #defines of the API: evaluated by the C compiler as enumerators.
defines = [
    name
    for name in re.findall(r"^#define\s+(FERREX_\w+)\s+\S", text, re.M)
    if not name.startswith("FERREX_VERSION_") and name != "FERREX_H"
]

out = [f'#include "{os.path.abspath(header)}"', "#include <string.h>", ""]
for ret, name, params in functions:
    body = "" if ret == "void" else f" {ret} r; memset(&r, 0, sizeof r); return r; "
    out.append(f"{ret} {name}({params}) {{{body}}}")
out.append("")
for t in dict.fromkeys(types):
    out.append(f"{t} *abi_type_{t.replace(' ', '_')};")
out.append("")
out.append("enum abi_defines {")
out.extend(f"    abi_{name} = {name}," for name in defines)
out.append("};")
out.append("enum abi_defines *abi_type_defines;")
print("\n".join(out))
