# libinfo.sh: sourced by the scripts that name libferrex's files.
#   package_version   the version in Cargo.toml (the one place it is written)
#   soname_of FILE    the SONAME recorded in FILE (capi/build.rs sets it), or
#                     an error naming FILE when it has none
package_version() {
    cargo metadata -q --no-deps --offline --format-version 1 |
        python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "ferrex-capi"))'
}
soname_of() {
    local soname
    soname=$(readelf -dW "$1" | sed -n 's/.*(SONAME).*\[\(.*\)\]$/\1/p')
    [ -n "$soname" ] || { echo "error: $1 has no SONAME (capi/build.rs sets it)" >&2; return 1; }
    printf '%s\n' "$soname"
}
