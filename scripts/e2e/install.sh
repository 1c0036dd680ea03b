#!/usr/bin/env bash
# End-to-end: scripts/install.sh into a scratch PREFIX, then the installed binary is run as on a
# machine without the Swift toolchain: it links no Swift runtime library, and with an empty
# environment (and, where mount namespaces are allowed, the toolchain's folder hidden) it
# answers --version and --help and takes a callback in --headless.
# Usage: scripts/e2e/install.sh [PATH/TO/watop]
#   With a path, that binary is checked instead of one installed by scripts/install.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib.sh"
headless_workdir

command -v curl >/dev/null || fail "curl is not installed (apt-get install curl)"
if [ $# -ge 1 ]; then
    installed=$1
    [ -x "$installed" ] || fail "$installed is not an executable"
else
    prefix="$work/prefix"
    status=0
    "$root/scripts/install.sh" "$prefix" >"$work/install.out" 2>&1 || status=$?
    [ "$status" -eq 0 ] || fail "scripts/install.sh exited $status: $(tail -n 5 "$work/install.out")"
    installed="$prefix/bin/watop"
    [ -x "$installed" ] || fail "no executable $installed after scripts/install.sh: $(cat "$work/install.out")"
    grep -q "^installed $installed ([0-9.]* MiB, [0-9]* bytes)$" "$work/install.out" \
        || fail "scripts/install.sh did not print the installed path and size: $(cat "$work/install.out")"
    [ "$(stat -c %a "$installed")" = 755 ] || fail "$installed has mode $(stat -c %a "$installed"), expected 755"
    readelf -S "$installed" >"$work/sections" || fail "readelf -S $installed failed"
    ! grep -q '\.symtab' "$work/sections" || fail "$installed is not stripped"
    pass "scripts/install.sh installed a stripped $installed ($(grep -o '[0-9.]* MiB' "$work/install.out"))"
fi

# No Swift runtime library, nothing unresolved, and no search path into the toolchain.
ldd "$installed" >"$work/ldd" 2>&1 || fail "ldd $installed failed: $(cat "$work/ldd")"
if grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|not found' "$work/ldd" >"$work/swift-libs"; then
    fail "$installed needs the Swift runtime at run time: $(tr -s ' \t\n' ' ' <"$work/swift-libs")"
fi
# The toolchain's folder: /opt/swift for /opt/swift/usr/bin/swiftc.
swiftc=$(command -v swiftc || true)
toolchain=$([ -n "$swiftc" ] && dirname "$(dirname "$(dirname "$(readlink -f "$swiftc")")")" || echo /opt/swift)
readelf -d "$installed" >"$work/dynamic" || fail "readelf -d $installed failed"
! grep -E 'R(UN)?PATH' "$work/dynamic" | grep -F "$toolchain" >/dev/null || fail "$installed searches $toolchain for libraries"
pass "ldd: no Swift runtime library is linked ($(grep -c '=>' "$work/ldd") shared libraries, all system ones)"

# Runs the binary with an empty environment; where a mount namespace can be made, the
# toolchain's folder is hidden under an empty tmpfs too, as on a machine that never had it.
clean="$work/watop-clean"
if [ -d "$toolchain" ] && unshare -m sh -c "mount -t tmpfs none '$toolchain'" 2>/dev/null; then
    hidden=" and $toolchain hidden"
    printf '#!/bin/sh\nexec unshare -m sh -c '\''mount -t tmpfs none "$0" && exec env -i PATH=/usr/bin:/bin "$@"'\'' %q %q "$@"\n' \
        "$toolchain" "$installed" >"$clean"
else
    hidden=""
    printf '#!/bin/sh\nexec env -i PATH=/usr/bin:/bin %q "$@"\n' "$installed" >"$clean"
fi
chmod +x "$clean"
version=$("$clean" --version 2>"$work/version.err") || fail "--version failed: $(cat "$work/version.err")"
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version printed '$version'"
"$clean" --help >"$work/help.out" 2>&1 || fail "--help failed: $(cat "$work/help.out")"
grep -q "^USAGE: watop" "$work/help.out" || fail "--help printed no usage: $(cat "$work/help.out")"
pass "with env -i PATH=/usr/bin:/bin$hidden: --version ($version) and --help succeed"

start_headless "$clean" "$work/out" "$work/err"
query="id=ad97eXXX-c923-4XXX-b3a3-0b1XXXXXXd97:0&custom_response=false&timestamp=1710000042&mobile=91XXXXXXXX83&message=Message%20delivered&status=delivered&phone_number=91XXXXXXXX83&error=&error_code=&ref=<ref>&ref1=<ref1>&ref2=<ref2>&price=0.01&whatsapp_number=91XXXXXXXX80"
code=$(curl -s -o "$work/body" -w '%{http_code}' -g "$WATOP_URL?$query")
[ "$code" = 200 ] || fail "a Kaleyra GET callback answered $code: $(cat "$work/body")"
stop_and_wait "$WATOP_PID"
[ "$EXIT_STATUS" -eq 0 ] || fail "SIGINT exit status $EXIT_STATUS: $(cat "$work/err")"
grep -q '"status":"delivered"' <(head -n 1 "$work/out") || fail "the callback was not printed: $(cat "$work/out")"
grep -q '"accepted":1' <(tail -n 1 "$work/out") || fail "summary does not count the callback: $(tail -n 1 "$work/out")"
pass "watop --headless --port 0 answered a Kaleyra GET callback 200 at $WATOP_URL and printed it"
echo "install: $PASSED passed, 0 failed"
