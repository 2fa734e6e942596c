#!/usr/bin/env bash
# Runs the whole Faxgate test suite: installs the Debian packages the tests need when they are
# missing, builds, runs every test project, checks formatting, and ends with one line
# "N passed, N failed, N skipped". Exits non-zero when anything failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

# Debian packages the tests use, by a command each provides.
declare -A packages=(
  [tiffinfo]=libtiff-tools
  [pdfimages]=poppler-utils
  [qpdf]=qpdf
  [gs]=ghostscript
  [mariadbd]=mariadb-server
  [kamailio]=kamailio
  [sipsak]=sipsak
)
missing=()
for command in "${!packages[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${packages[$command]}")
done
[ -e /usr/lib/x86_64-linux-gnu/libtiff.so.6 ] || [ -e /usr/lib/aarch64-linux-gnu/libtiff.so.6 ] || missing+=(libtiff6)
[ -e /usr/lib/x86_64-linux-gnu/libspandsp.so.2 ] || [ -e /usr/lib/aarch64-linux-gnu/libspandsp.so.2 ] || missing+=(libspandsp2)
if [ ${#missing[@]} -gt 0 ]; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "test.sh: installing ${missing[*]}"
  if ! { "${as_root[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "test.sh: could not install ${missing[*]}"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

# Real services the tests talk to, private to this run, on loopback only; stopped when the script ends.
export FAXGATE_SVC_DIR=${FAXGATE_SVC_DIR:-$(mktemp -d /tmp/faxgate-svc.XXXXXX)}
chmod 755 "$FAXGATE_SVC_DIR"   # the mysql user must be able to enter it
. "$root/tests/services/mariadb.sh"
. "$root/tests/services/kamailio.sh"
trap 'stop_kamailio; stop_mariadb' EXIT
if ! start_mariadb; then
  echo "test.sh: could not start MariaDB"
  echo "0 passed, 1 failed"
  exit 1
fi
export FAXGATE_TEST_MARIADB="Server=127.0.0.1;Port=$FAXGATE_MARIADB_PORT;User ID=faxgate;Password=faxgate-pw"
if ! start_kamailio; then
  echo "test.sh: could not start Kamailio"
  echo "0 passed, 1 failed"
  exit 1
fi
export FAXGATE_TEST_KAMAILIO="udp:127.0.0.1:$FAXGATE_KAMAILIO_PORT"

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build Faxgate.slnx -c Release --nologo -v q -clp:ErrorsOnly; then
  echo "test.sh: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Faxgate.slnx -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
test_status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(value passed) f=$(value failed) t=$(value total) e=$(value executed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
# A test host that crashed leaves no counts behind: count the run as a failure.
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test failed (exit $test_status) without a failed test: a test host crashed or a project did not run"
  failed=$((failed + 1))
fi

if dotnet format Faxgate.slnx --verify-no-changes >/dev/null 2>&1; then
  echo "test.sh: dotnet format: clean"
else
  echo "test.sh: dotnet format --verify-no-changes found unformatted code"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
