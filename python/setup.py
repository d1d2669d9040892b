"""Builds the ferrex Python package: libferrex.a with cargo, then the
binding linked against it statically.

Where the Rust sources are, the first of: the checkout named by the
environment variable FERREX_SOURCE; this directory's parent (a checkout of
the ferrex repository: `pip install ./python` from its root); _src/ here,
the copy of what the build needs that an sdist carries (Sdist below). The
library is built by that tree's scripts/build-lib.sh (cargo rustc --release
--locked -p ferrex-capi, then every global symbol but ferrex_* made local in
build/lib/libferrex.a).

The binding, by interpreter:
  CPython 3.11+        ferrex._ferrex, a C extension on the limited API (abi3)
  PyPy, CPython < 3.11 ferrex._ferrex_cffi, cffi in API mode (out-of-line)
Both serve the same pure-Python layer (ferrex/__init__.py).
"""
import filecmp
import os
import platform
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.sdist import sdist

HERE = os.path.dirname(os.path.abspath(__file__))


def is_checkout(root):
    return os.path.isfile(os.path.join(root, "Cargo.toml")) and os.path.isfile(
        os.path.join(root, "include", "ferrex.h")
    )


def source_root():
    if os.environ.get("FERREX_SOURCE"):
        candidates = [os.path.abspath(os.environ["FERREX_SOURCE"])]
    else:
        candidates = [os.path.dirname(HERE), os.path.join(HERE, "_src")]
    for root in candidates:
        if is_checkout(root):
            return root
    sys.exit(
        f"ferrex: no ferrex checkout at {' or '.join(candidates)} (no Cargo.toml and include/ferrex.h there).\n"
        "Install from a checkout of the ferrex repository (`pip install ./python` at its root),\n"
        "from an sdist made by `python -m build python` (it carries the sources), or set FERREX_SOURCE to one."
    )


ROOT = source_root()
USE_CEXT = platform.python_implementation() == "CPython" and sys.version_info >= (3, 11)
os.environ["FERREX_ROOT"] = ROOT  # read by ferrex/_build_cffi.py

# The licences the sdist and the wheel carry (pyproject.toml's
# license-files): the extension contains libferrex, Rust's standard library
# and the crates THIRD-PARTY-NOTICES names. setuptools takes them from this
# directory only, so they are copied here from the checkout (python/.gitignore).
LICENSE_FILES = ["LICENSE-MIT", "LICENSE-APACHE", "THIRD-PARTY-NOTICES"]
for name in LICENSE_FILES:
    src, dst = os.path.join(ROOT, name), os.path.join(HERE, name)
    if os.path.isfile(src) and not (os.path.isfile(dst) and filecmp.cmp(src, dst, shallow=False)):
        shutil.copyfile(src, dst)


def stage_sources(dest):
    """Copies into dest what scripts/build-lib.sh needs to build libferrex
    from ROOT: the workspace's manifests and lockfile, the two crates'
    sources (a library build needs no tests/ or examples/: the manifests
    name only tests/conformance.rs, read when tests build), the header, and
    the script with every script it runs (named in its commands)."""
    with open(os.path.join(ROOT, "scripts", "build-lib.sh")) as f:
        code = "".join(line for line in f if not line.lstrip().startswith("#"))
    scripts = sorted(set(re.findall(r"scripts/[\w.-]+\.sh", code)) | {"scripts/build-lib.sh"})
    files = ["Cargo.toml", "Cargo.lock", "engine/Cargo.toml", "capi/Cargo.toml", "capi/build.rs", "include/ferrex.h"]
    shutil.rmtree(dest, ignore_errors=True)
    for rel in files + scripts:
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, rel), os.path.join(dest, rel))  # keeps the scripts executable
    for rel in ["engine/src", "capi/src"]:
        shutil.copytree(os.path.join(ROOT, rel), os.path.join(dest, rel))


class Sdist(sdist):
    """An sdist that builds on its own: the Rust sources under _src/ (found
    there by source_root())."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        stage_sources(os.path.join(base_dir, "_src"))


def build_libferrex():
    """Runs the checkout's scripts/build-lib.sh (cargo; incremental) and
    returns (archive, system libraries a static link needs)."""
    script = os.path.join(ROOT, "scripts", "build-lib.sh")
    print(f"ferrex: building libferrex with cargo ({script})", flush=True)
    subprocess.run(["bash", script], check=True)
    archive = os.path.join(ROOT, "build", "lib", "libferrex.a")
    with open(os.path.join(ROOT, "build", "native-static-libs.txt")) as f:
        libs = [w[2:] for w in f.read().split() if w.startswith("-l")]
    return archive, libs


class BuildExt(build_ext):
    def run(self):
        archive, libs = build_libferrex()
        for ext in self.extensions:
            ext.extra_objects = [archive]
            ext.libraries = libs
            ext.include_dirs = [os.path.join(ROOT, "include")]
            ext.depends = ext.depends + [archive, os.path.join(ROOT, "include", "ferrex.h")]
            if sys.platform.startswith("linux"):
                # The archive's ferrex_* stay inside the extension (another
                # module bundling libferrex cannot clash with them).
                ext.extra_link_args = ["-Wl,--exclude-libs,ALL"]
        super().run()


kwargs = {}
if USE_CEXT:
    kwargs["ext_modules"] = [
        Extension(
            "ferrex._ferrex",
            ["ferrex/_ferrex.c", "ferrex/_phrases.c", "ferrex/_stream.c"],
            depends=["ferrex/_ferrex.h", "ferrex/_strhay.h"],
            define_macros=[("Py_LIMITED_API", "0x030B0000")],
            # Only PyInit__ferrex (PyMODINIT_FUNC) is exported: the C
            # files' shared helpers stay inside the extension.
            extra_compile_args=[] if sys.platform == "win32" else ["-fvisibility=hidden"],
            py_limited_api=True,
        )
    ]
    kwargs["options"] = {"bdist_wheel": {"py_limited_api": "cp311"}}
else:
    kwargs["cffi_modules"] = ["ferrex/_build_cffi.py:ffi"]

setup(cmdclass={"build_ext": BuildExt, "sdist": Sdist}, **kwargs)
