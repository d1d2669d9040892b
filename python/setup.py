"""Builds the ferrex Python package: libferrex.a with cargo, then the
binding linked against it statically.

Where the Rust sources are: this directory's parent (a checkout of the
ferrex repository: `pip install ./python` from its root), or the checkout
named by the environment variable FERREX_SOURCE (for an sdist or a copy of
python/ alone). The library is built by the checkout's
scripts/build-lib.sh (cargo rustc --release --locked -p ferrex-capi, then
every global symbol but ferrex_* made local in build/lib/libferrex.a).

The binding, by interpreter:
  CPython 3.11+        ferrex._ferrex, a C extension on the limited API (abi3)
  PyPy, CPython < 3.11 ferrex._ferrex_cffi, cffi in API mode (out-of-line)
Both serve the same pure-Python layer (ferrex/__init__.py).
"""
import os
import platform
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))


def source_root():
    root = os.environ.get("FERREX_SOURCE") or os.path.dirname(HERE)
    root = os.path.abspath(root)
    if not os.path.isfile(os.path.join(root, "Cargo.toml")) or not os.path.isfile(
        os.path.join(root, "include", "ferrex.h")
    ):
        sys.exit(
            f"ferrex: no ferrex checkout at {root} (no Cargo.toml and include/ferrex.h there).\n"
            "Install from a checkout of the ferrex repository (`pip install ./python` at its root),\n"
            "or set FERREX_SOURCE to one."
        )
    return root


ROOT = source_root()
USE_CEXT = platform.python_implementation() == "CPython" and sys.version_info >= (3, 11)
os.environ["FERREX_ROOT"] = ROOT  # read by ferrex/_build_cffi.py


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
            depends=["ferrex/_ferrex.h"],
            define_macros=[("Py_LIMITED_API", "0x030B0000")],
            py_limited_api=True,
        )
    ]
    kwargs["options"] = {"bdist_wheel": {"py_limited_api": "cp311"}}
else:
    kwargs["cffi_modules"] = ["ferrex/_build_cffi.py:ffi"]

setup(cmdclass={"build_ext": BuildExt}, **kwargs)
