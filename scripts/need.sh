#!/usr/bin/env bash
# need.sh COMMAND DEBIAN_PACKAGE: installs the package with apt-get when the
# command is missing, saying so. A fresh machine has only Rust, gcc, Python
# and apt; every other tool the build uses comes through here.
set -euo pipefail
cmd=$1 pkg=$2
command -v "$cmd" >/dev/null 2>&1 && exit 0
echo "==> $cmd not found: installing Debian package '$pkg' with apt-get"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ! -f /tmp/.ferrex-apt-updated ]; then
    $SUDO apt-get update -qq && touch /tmp/.ferrex-apt-updated
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$pkg" >/dev/null
command -v "$cmd" >/dev/null 2>&1 || { echo "error: installing $pkg did not provide $cmd" >&2; exit 1; }
