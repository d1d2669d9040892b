#!/usr/bin/env bash
# install.sh install|uninstall: puts libferrex where C programs and build
# systems find it, or takes it away again (make install / make uninstall).
#
# Where, from the environment (the Makefile passes its variables):
#   PREFIX      /usr/local
#   LIBDIR      $PREFIX/lib        libferrex.a, libferrex.so.X.Y.Z and its links,
#                                  pkgconfig/ferrex.pc, cmake/ferrex/
#   INCLUDEDIR  $PREFIX/include    ferrex.h
#   DATADIR     $PREFIX/share      doc/ferrex/ (licences), ferrex/install-manifest.txt,
#                                  ferrex/ferrex.supp (valgrind suppressions)
#   DESTDIR     (none)             stages the whole tree under another root
#                                  (for packaging); the files still name PREFIX
#
# What it installs is what `make lib` left in build/lib (it does not build:
# `sudo make install` need not find cargo), with the version in the name of
# build/lib's libferrex.so.X.Y.Z (the package version, Cargo.toml) and the
# soname read from the library (capi/build.rs). Every file, link and
# directory it creates is listed in DATADIR/ferrex/install-manifest.txt,
# which uninstall reads: it removes exactly those, then the directories it
# created, where empty.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/libinfo.sh
action=${1:-}

strip_slash() { local p=$1; while [ "${#p}" -gt 1 ] && [ "${p%/}" != "$p" ]; do p=${p%/}; done; printf '%s' "$p"; }
PREFIX=$(strip_slash "${PREFIX:-/usr/local}")
LIBDIR=$(strip_slash "${LIBDIR:-$PREFIX/lib}")
INCLUDEDIR=$(strip_slash "${INCLUDEDIR:-$PREFIX/include}")
DATADIR=$(strip_slash "${DATADIR:-$PREFIX/share}")
DESTDIR=$(strip_slash "${DESTDIR:-}")
[ "$DESTDIR" != / ] || DESTDIR=
for dir in "$PREFIX" "$LIBDIR" "$INCLUDEDIR" "$DATADIR"; do
    case $dir in /*) ;; *) echo "error: install directories must be absolute paths: $dir" >&2; exit 2 ;; esac
done
manifest=$DATADIR/ferrex/install-manifest.txt

# The manifest: lines "file PATH", "link PATH", "dir PATH", PATH without DESTDIR.
entries=()
record() { entries+=("$1 $2"); }

# make_dirs DIR: creates DIR (under DESTDIR) and records each directory made.
make_dirs() {
    local dir=$1 missing=()
    while [ "$dir" != / ] && [ ! -d "$DESTDIR$dir" ]; do
        missing=("$dir" "${missing[@]}")
        dir=$(dirname "$dir")
    done
    for dir in "${missing[@]}"; do
        mkdir -p "$DESTDIR$dir"
        record dir "$dir"
    done
}
put() { # put MODE SOURCE DEST
    make_dirs "$(dirname "$3")"
    install -p -m "$1" "$2" "$DESTDIR$3"
    record file "$3"
    echo "  $3"
}
link() { # link TARGET DEST
    make_dirs "$(dirname "$2")"
    ln -sfn "$1" "$DESTDIR$2"
    record link "$2"
    echo "  $2 -> $1"
}

# fill TEMPLATE OUT NAME=VALUE...: replaces each @NAME@ with VALUE.
fill() {
    local text pair
    text=$(<"$1")
    for pair in "${@:3}"; do text=${text//@${pair%%=*}@/${pair#*=}}; done
    if [[ $text =~ @[A-Z_]+@ ]]; then echo "error: $1: ${BASH_REMATCH[0]} left unfilled" >&2; exit 1; fi
    printf '%s\n' "$text" >"$2"
}

# pc_path DIR: DIR under ${prefix} when it is inside PREFIX, so that
# pkg-config --define-prefix can relocate it.
pc_path() { case $1 in "$PREFIX"/*) printf '${prefix}/%s' "${1#"$PREFIX"/}" ;; *) printf '%s' "$1" ;; esac; }

# The loader's cache: refreshed after a real (not staged) install by root
# into a directory the loader's configuration lists (/usr/local/lib on Debian).
refresh_loader_cache() {
    [ -z "$DESTDIR" ] && [ "$(id -u)" -eq 0 ] && command -v ldconfig >/dev/null || return 0
    local dirs
    dirs=$(cat /etc/ld.so.conf /etc/ld.so.conf.d/*.conf 2>/dev/null | grep '^/' || true)
    if grep -qxF "$LIBDIR" <<<"$dirs"$'\n/lib\n/usr/lib'; then
        echo "==> ldconfig (refreshing the dynamic loader's cache for $LIBDIR)"
        ldconfig
    fi
}

install_all() {
    local real version soname native major minor patch
    real=$(find build/lib -maxdepth 1 -type f -name 'libferrex.so.*' 2>/dev/null)
    if [ ! -f build/lib/libferrex.a ] || [ -z "$real" ] || [ "$(wc -l <<<"$real")" -ne 1 ] || [ ! -s build/native-static-libs.txt ]; then
        echo "error: build/lib has no complete libferrex: run \`make lib\` first" >&2
        exit 1
    fi
    version=${real##*/libferrex.so.}
    soname=$(soname_of "$real")
    IFS=. read -r major minor patch <<<"${version%%[-+]*}"
    # The header must be the library's: its version constants are the package's.
    for part in MAJOR:$major MINOR:$minor PATCH:$patch; do
        grep -qx "#define FERREX_VERSION_${part%%:*} ${part#*:}" include/ferrex.h ||
            { echo "error: include/ferrex.h is not for libferrex $version: run \`make header\` and \`make lib\`" >&2; exit 1; }
    done
    native=$(<build/native-static-libs.txt)

    echo "==> installing libferrex $version (soname $soname) into ${DESTDIR}${PREFIX}"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    local cmakedir=$LIBDIR/cmake/ferrex
    fill packaging/ferrex.pc.in "$tmp/ferrex.pc" \
        "PREFIX=$PREFIX" "PC_LIBDIR=$(pc_path "$LIBDIR")" "PC_INCLUDEDIR=$(pc_path "$INCLUDEDIR")" \
        "VERSION=$version" "NATIVE_LIBS=$native"
    fill packaging/ferrexConfig.cmake.in "$tmp/ferrexConfig.cmake" \
        "VERSION=$version" "SONAME=$soname" "SHARED_FILE=libferrex.so.$version" \
        "REL_LIBDIR=$(realpath -m --relative-to="$cmakedir" "$LIBDIR")" \
        "REL_INCLUDEDIR=$(realpath -m --relative-to="$cmakedir" "$INCLUDEDIR")" \
        "NATIVE_LIBS=${native// /;}"
    local class
    class=$(readelf -hW "$real" | sed -n 's/^ *Class: *//p')
    fill packaging/ferrexConfigVersion.cmake.in "$tmp/ferrexConfigVersion.cmake" \
        "VERSION=$version" "MAJOR=$major" "MINOR=$minor" "PATCH=$patch" \
        "SIZEOF_VOID_P=$([ "$class" = ELF32 ] && echo 4 || echo 8)"

    put 644 include/ferrex.h "$INCLUDEDIR/ferrex.h"
    put 644 build/lib/libferrex.a "$LIBDIR/libferrex.a"
    put 755 "$real" "$LIBDIR/libferrex.so.$version"
    [ "$soname" = "libferrex.so.$version" ] || link "libferrex.so.$version" "$LIBDIR/$soname"
    link "$soname" "$LIBDIR/libferrex.so"
    put 644 "$tmp/ferrex.pc" "$LIBDIR/pkgconfig/ferrex.pc"
    put 644 "$tmp/ferrexConfig.cmake" "$cmakedir/ferrexConfig.cmake"
    put 644 "$tmp/ferrexConfigVersion.cmake" "$cmakedir/ferrexConfigVersion.cmake"
    put 644 packaging/ferrex.supp "$DATADIR/ferrex/ferrex.supp"
    for doc in LICENSE-MIT LICENSE-APACHE THIRD-PARTY-NOTICES; do
        [ ! -f "$doc" ] || put 644 "$doc" "$DATADIR/doc/ferrex/$doc"
    done

    # A reinstall keeps what the earlier install recorded (the directories it
    # created, a previous version's library), so uninstall still removes it.
    make_dirs "$(dirname "$manifest")"
    local kept=() kind path
    if [ -f "$DESTDIR$manifest" ]; then
        while read -r kind path; do
            if [ "$kind" = dir ] || [ -e "$DESTDIR$path" ] || [ -L "$DESTDIR$path" ]; then kept+=("$kind $path"); fi
        done <"$DESTDIR$manifest"
    fi
    printf '%s\n' "${kept[@]}" "${entries[@]}" | awk 'NF && !seen[$0]++' >"$DESTDIR$manifest"
    echo "  $manifest (what \`make uninstall\` removes)"
    refresh_loader_cache
}

uninstall_all() {
    if [ ! -f "$DESTDIR$manifest" ]; then
        echo "error: no $DESTDIR$manifest: nothing installed with PREFIX=$PREFIX${DESTDIR:+ DESTDIR=$DESTDIR} (or DATADIR differs)" >&2
        exit 1
    fi
    echo "==> uninstalling libferrex from ${DESTDIR}${PREFIX} (by $manifest)"
    local kind path dirs=()
    while read -r kind path; do
        case $kind in
        file | link)
            if [ -L "$DESTDIR$path" ] || [ -f "$DESTDIR$path" ]; then rm -f "$DESTDIR$path"; echo "  removed $path"; fi ;;
        dir) dirs+=("$path") ;;
        esac
    done <"$DESTDIR$manifest"
    rm -f "$DESTDIR$manifest"
    # Deepest first; a directory that holds something else stays.
    local dir
    [ ${#dirs[@]} -eq 0 ] || printf '%s\n' "${dirs[@]}" | awk '{ print gsub("/", "/") "\t" $0 }' | sort -rn | cut -f2- |
        while IFS= read -r dir; do
            [ -d "$DESTDIR$dir" ] || continue
            if rmdir "$DESTDIR$dir" 2>/dev/null; then echo "  removed $dir/"; else echo "  kept $dir/ (not empty)"; fi
        done
    refresh_loader_cache
}

case $action in
install) install_all ;;
uninstall) uninstall_all ;;
*) echo "usage: install.sh install|uninstall (PREFIX, LIBDIR, INCLUDEDIR, DATADIR, DESTDIR from the environment)" >&2; exit 2 ;;
esac
