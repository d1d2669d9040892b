"""What the table was measured on: CPU, cores, kernel, date, and the
versions of the toolchains and libraries in the table, where detectable
(each tool is asked, never installed: a missing one says "not found")."""
import datetime
import glob
import os
import platform
import re
import shutil
import subprocess


def _run(argv, cwd=None):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=30, cwd=cwd)
    except (OSError, subprocess.TimeoutExpired):
        return None
    out = (p.stdout or p.stderr).strip()
    return out.splitlines()[0] if p.returncode == 0 and out else None


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _zig_version(root):
    """The Zig the seed runner is built with: the version its build script
    (or build.zig) names, asked of that binary on PATH or in .tools/."""
    wanted = None
    for path in ("bench/seed/zig/build.sh", "bench/seed/zig/build.zig"):
        try:
            with open(os.path.join(root, path)) as f:
                m = re.search(r"(?:zig\.sh |Zig )(\d+\.\d+\.\d+)", f.read())
        except OSError:
            continue
        if m:
            wanted = m.group(1)
            break
    candidates = [shutil.which("zig")] + sorted(glob.glob(os.path.join(root, ".tools/zig-*/ziglang/zig")))
    found = [v for v in (_run([c, "version"]) for c in candidates if c) if v]
    if wanted:
        return wanted if wanted in found else f"{wanted} (wanted by bench/seed/zig; not found)"
    return ", ".join(found) or "not found"


def describe(root, command):
    """[(label, value)] for the report, in order."""
    python = platform.python_version()
    try:
        import cffi

        python += f", cffi {cffi.__version__}"
    except ImportError:
        pass
    commit = _run(["git", "rev-parse", "--short", "HEAD"], cwd=root)
    if commit and _run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root):
        commit += " (with uncommitted changes)"
    return [
        ("CPU", _cpu_model()),
        ("Cores", str(os.cpu_count())),
        ("Kernel", f"{platform.system()} {platform.release()}"),
        ("Date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("Python", python),
        ("rustc", (_run(["rustc", "--version"]) or "not found").removeprefix("rustc ")),
        ("Zig", _zig_version(root)),
        ("PCRE2", _run(["pcre2-config", "--version"]) or "not found"),
        ("ferrex commit", commit or "unknown"),
        ("Command", command),
    ]
