#!/usr/bin/env bash
# need.sh COMMAND DEBIAN_PACKAGE: installs the package with apt-get (through
# need-pkg.sh, which says so) when the command is missing. A fresh machine
# has only Rust, gcc, Python and apt; every other tool the build uses comes
# through here.
set -euo pipefail
cmd=$1 pkg=$2
command -v "$cmd" >/dev/null 2>&1 && exit 0
echo "==> $cmd not found"
"$(dirname "${BASH_SOURCE[0]}")/need-pkg.sh" "$pkg"
command -v "$cmd" >/dev/null 2>&1 || { echo "error: installing $pkg did not provide $cmd" >&2; exit 1; }
