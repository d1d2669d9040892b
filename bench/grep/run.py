#!/usr/bin/env python3
"""run.py: fxgrep vs ripgrep vs GNU grep, in one run (`make bench-grep`).

  python3 bench/grep/run.py --fxgrep PATH --corpus DIR [--runs N] [--out FILE]

For every row (a corpus, a pattern, with or without -c) the three tools run
one after the other, in an order that rotates, N times (3N for rows under
150 ms; after one untimed
warm-up run each, which also checks that they agree: the same lines, or the
same total count); each cell is the median wall time. Output goes to a file
(not /dev/null, where GNU grep stops at the first match).

Corpora (bench/grep/gen.py): DIR/tree (a directory tree) and DIR/big.txt
(one file). GNU grep runs under LC_ALL=C with -r for the tree, and with
POSIX classes where a pattern uses \\w or \\d (C locale: ASCII, the same
lines here); for \\p{Greek} it runs -P under C.UTF-8 (its ERE has no \\p).
fxgrep and ripgrep run with their defaults (all CPUs for a tree).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

# (name, fxgrep/rg args, grep args, grep locale)
PATTERNS = [
    ("literal", ["return"], ["return"], "C"),
    ("rare literal", ["quixotic_zephyr"], ["quixotic_zephyr"], "C"),
    ("-iw word", ["-iw", "mutex"], ["-iw", "mutex"], "C"),
    ("5-word alternation", ["pthread|spinlock|semaphore|rwlock|futex"], ["-E", "pthread|spinlock|semaphore|rwlock|futex"], "C"),
    ("\\p{Greek}", ["\\p{Greek}"], ["-P", "\\p{Greek}"], "C.UTF-8"),
    ("\\w+\\d+\\w+", ["\\w+\\d+\\w+"], ["-E", "[[:alnum:]_]+[[:digit:]]+[[:alnum:]_]+"], "C"),
]


def commands(fxgrep, corpus, args, grep_args, count):
    c = ["-c"] if count else []
    tree = os.path.basename(corpus) == "tree"
    r = ["-r"] if tree else []
    return {
        "fxgrep": [fxgrep] + c + args + [corpus],
        "rg": ["rg"] + c + args + [corpus],
        "grep": ["grep"] + r + c + grep_args + [corpus],
    }


def run_once(cmd, env, out_path):
    """Wall time and CPU time (user + system, all threads) of one run."""
    with open(out_path, "wb") as out, open(out_path + ".err", "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        with open(out_path + ".err", "rb") as f:
            sys.exit("run.py: %s failed (exit %d): %s" % (" ".join(cmd), code, f.read().decode(errors="replace")))
    return t1 - t0, ru.ru_utime + ru.ru_stime


def summary(path, count):
    """What the tools must agree on: the total count, or the sorted lines."""
    with open(path, "rb") as f:
        data = f.read()
    lines = data.splitlines()
    if count:
        return sum(int(l.rsplit(b":", 1)[-1]) for l in lines)
    return (len(lines), hash(b"\n".join(sorted(lines))))


def iqr(v):
    q = statistics.quantiles(v, n=4) if len(v) >= 2 else [v[0]] * 3
    return q[2] - q[0]


def fmt_ms(s):
    ms = s * 1000
    return "%.0f ms" % ms if ms >= 100 else "%.1f ms" % ms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fxgrep", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default=None)
    ap.add_argument("--only", default=None, help="run only rows whose name contains this")
    a = ap.parse_args()
    work = os.path.join(a.corpus, "out")
    os.makedirs(work, exist_ok=True)
    rows = []
    for corpus_name in ("tree", "big.txt"):
        corpus = os.path.join(a.corpus, corpus_name)
        for name, args, grep_args, grep_locale in PATTERNS:
            for count in (False, True):
                label = "%s %s%s" % ("tree" if corpus_name == "tree" else "file", name, " -c" if count else "")
                if a.only and a.only not in label:
                    continue
                cmds = commands(a.fxgrep, corpus, args, grep_args, count)
                envs = {}
                for tool in cmds:
                    env = dict(os.environ)
                    env["LC_ALL"] = grep_locale if tool == "grep" else "C"
                    envs[tool] = env
                tools = list(cmds)
                # Warm-up, and the answers must agree.
                answers = {}
                warm = 0.0
                for tool in tools:
                    out = os.path.join(work, tool)
                    warm = max(warm, run_once(cmds[tool], envs[tool], out)[0])
                    answers[tool] = summary(out, count)
                # Short rows are the noisiest (a scheduling hiccup is a large
                # share of 20 ms): they get 3x the runs, which costs little.
                runs = a.runs * 3 if warm < 0.15 else a.runs
                agree = len(set(answers.values())) == 1
                times = {t: [] for t in tools}
                cpus = {t: [] for t in tools}
                for r in range(runs):
                    order = tools[r % 3:] + tools[:r % 3]
                    for tool in order:
                        wall, cpu = run_once(cmds[tool], envs[tool], os.path.join(work, tool))
                        times[tool].append(wall)
                        cpus[tool].append(cpu)
                med = {t: statistics.median(v) for t, v in times.items()}
                cpu_ratio = statistics.median(cpus["fxgrep"]) / statistics.median(cpus["rg"])
                # Run-to-run spread: the interquartile range over the median.
                spread = {t: iqr(v) / med[t] for t, v in times.items()}
                rows.append((label, med, agree, answers["fxgrep"], cmds, spread, cpu_ratio))
                print("%-34s fxgrep %9s  rg %9s  grep %9s  fxgrep/rg %.2f  cpu %.2f  (spread fxgrep %.0f%%, rg %.0f%%)%s" % (
                    label, fmt_ms(med["fxgrep"]), fmt_ms(med["rg"]), fmt_ms(med["grep"]),
                    med["fxgrep"] / med["rg"], cpu_ratio, 100 * spread["fxgrep"], 100 * spread["rg"],
                    "" if agree else "  (ANSWERS DIFFER: %s)" % answers), flush=True)
    if a.out:
        write_markdown(a, rows)


def write_markdown(a, rows):
    def version(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
        except Exception:
            return "?"
    with open(os.path.join(a.corpus, "SHA256")) as f:
        digest = f.read().strip()
    lines = [
        "# fxgrep vs ripgrep vs GNU grep",
        "",
        "    make bench-grep      # python3 bench/grep/run.py --fxgrep zig-example/zig-out/bin/fxgrep --corpus bench/work/grep --runs %d" % a.runs,
        "",
        "Median wall time of %d interleaved runs per cell (3x that for rows whose warm-up took under 150 ms), "
        "after a warm-up run that checks the three agree; "
        "output to a file, on %d CPUs. Tools: %s; %s; %s." % (
            a.runs, os.cpu_count(), version([a.fxgrep, "--version"]), version(["rg", "--version"]), version(["grep", "--version"])),
        "Corpus (bench/grep/gen.py, sha256 %s): `tree` is 12,000 files, %.0f MB of source-like text; "
        "`file` is one file of %.0f MB of the same text." % (
            digest[:16], tree_bytes(os.path.join(a.corpus, "tree")) / 1e6, os.path.getsize(os.path.join(a.corpus, "big.txt")) / 1e6),
        "",
        "Spread: the interquartile range of a cell's runs over its median (fxgrep / ripgrep). "
        "CPU fxgrep/rg: the same ratio on the median CPU time (user + system, all threads), "
        "which a busy machine disturbs less than wall time.",
        "",
        "| row | fxgrep | ripgrep | GNU grep | fxgrep/rg | fxgrep/grep | spread | CPU fxgrep/rg | lines or count |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for label, med, agree, answer, cmds, spread, cpu_ratio in rows:
        ans = answer if isinstance(answer, int) else answer[0]
        lines.append("| %s | %s | %s | %s | %.2f | %.2f | %.0f%% / %.0f%% | %.2f | %s%s |" % (
            label, fmt_ms(med["fxgrep"]), fmt_ms(med["rg"]), fmt_ms(med["grep"]),
            med["fxgrep"] / med["rg"], med["fxgrep"] / med["grep"], 100 * spread["fxgrep"], 100 * spread["rg"], cpu_ratio,
            "{:,}".format(ans), "" if agree else " (differ)"))
    lines += ["", "Commands (CORPUS is bench/work/grep/tree or bench/work/grep/big.txt):", ""]
    seen = set()
    for label, med, agree, answer, cmds, spread, cpu_ratio in rows:
        for tool, cmd in cmds.items():
            text = " ".join(shell_quote(x) for x in cmd).replace(a.corpus + "/tree", "CORPUS").replace(a.corpus + "/big.txt", "CORPUS").replace(a.fxgrep, "fxgrep")
            if text not in seen:
                seen.add(text)
                lines.append("    " + text)
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("run.py: wrote %s" % a.out)


def tree_bytes(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def shell_quote(s):
    if s and all(c.isalnum() or c in "-_./=" for c in s):
        return s
    return "'" + s.replace("'", "'\\''") + "'"


if __name__ == "__main__":
    main()
