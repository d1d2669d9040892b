#!/usr/bin/env bash
# need-pkg.sh DEBIAN_PACKAGE...: installs the Debian packages that are not
# installed yet (libraries and headers, which need.sh cannot detect by a
# command), saying so. Alternatives are written a|b: the first one that is
# installed satisfies it, else the first one is installed.
set -euo pipefail
missing=()
for spec in "$@"; do
    ok=""
    IFS='|' read -r -a alts <<<"$spec"
    for p in "${alts[@]}"; do
        if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then ok=1; break; fi
    done
    [ -n "$ok" ] || missing+=("${alts[0]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "==> installing Debian packages with apt-get: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ! -f /tmp/.ferrex-apt-updated ]; then
    $SUDO apt-get update -qq && touch /tmp/.ferrex-apt-updated
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
