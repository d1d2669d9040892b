#!/usr/bin/env python3
"""The Python runner of the seed table (bench/seed/PROTOCOL.md): python-re
(the standard library) and python-ferrex (libferrex.so through cffi, ABI
mode, declared from include/ferrex.h).

    runner.py WORK_DIR [--only WORKLOAD/SIZE]... [--budget-ms N]
              [--impl python-re|python-ferrex|all]

Prints one CSV line per workload and implementation on stdout:
workload,size,implementation,median_ns,iterations,check,spread_pct.
With --impl all (the default) both implementations of a row are sampled
round-robin. Exit status: 0 done, 1 a bad input or a failed operation,
2 usage.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import ferrex_ffi  # noqa: E402
import impl_re  # noqa: E402
import manifest  # noqa: E402
import timing  # noqa: E402

IMPLEMENTATIONS = (impl_re.NAME, "python-ferrex")


def parse_args(argv):
    p = argparse.ArgumentParser(prog="runner.py", description="Python runner of the seed table (bench/seed/PROTOCOL.md).")
    p.add_argument("work_dir", metavar="WORK_DIR", help="the directory bench/seed/gen.py wrote")
    p.add_argument("--only", action="append", default=[], metavar="WORKLOAD/SIZE", help="run only this row (repeatable)")
    p.add_argument("--budget-ms", type=int, default=1000, metavar="N", help="measuring budget per row (default 1000)")
    p.add_argument("--impl", choices=IMPLEMENTATIONS + ("all",), default="all", help="which implementation (default all)")
    args = p.parse_args(argv)
    if args.budget_ms < 0:
        p.error("--budget-ms must not be negative")
    return args


def main(argv):
    args = parse_args(argv)
    rows = manifest.read(args.work_dir)
    names = {r.name for r in rows}
    for name in args.only:
        if name not in names:  # a misspelt --only would otherwise run nothing
            raise manifest.ManifestError(f"--only {name}: no such row in {args.work_dir}/manifest.tsv")
    wanted = IMPLEMENTATIONS if args.impl == "all" else (args.impl,)
    ferrex = None
    if "python-ferrex" in wanted:
        import impl_ferrex  # needs cffi, so only when asked for

        ferrex = impl_ferrex.Ferrex()
    for row in rows:
        if args.only and row.name not in args.only:
            continue
        print(f"runner.py: {row.name} ({row.kind})", file=sys.stderr)
        ops = []
        if impl_re.NAME in wanted:
            ops.append(impl_re.prepare(row))
        if ferrex is not None:
            ops.append(ferrex.prepare(row))
        for op, s in zip(ops, timing.measure_interleaved(ops, args.budget_ms * 1_000_000)):
            fields = (row.workload, row.size, op.implementation, f"{s.median_ns:.1f}", s.iterations, op.check, f"{s.spread_pct:.1f}")
            print(",".join(map(str, fields)), flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (manifest.ManifestError, ferrex_ffi.FfiError, timing.OpFailed) as e:
        print(f"runner.py: error: {e}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
