#!/usr/bin/env bash
# ApeDesk's one entry point for people and CI on Debian 12:
#
#   tools/apedesk-dev.sh run [APP-ARGS...]   install what is missing, build, start the workstation
#   tools/apedesk-dev.sh test                install what is missing, build, run the whole test suite
#   tools/apedesk-dev.sh build               install what is missing and build (no run, no tests)
#   tools/apedesk-dev.sh deps                only install what is missing
#
# Idempotent: Debian packages are installed only when absent, the npm chain tools only when the lock
# file changed, CMake configures once and then builds incrementally (with ccache).
# Needs root or sudo only when something has to be installed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${APEDESK_BUILD_DIR:-$ROOT/build}
ASAN_BUILD_DIR=${APEDESK_ASAN_BUILD_DIR:-$ROOT/build-asan}
FUZZ_BUILD_DIR=${APEDESK_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
JOBS=${APEDESK_JOBS:-$(nproc)}
# Let ccache hit across checkouts in different folders (a CI clone, a second worktree).
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ROOT} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}

say() { printf '\033[1mapedesk-dev:\033[0m %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# --------------------------------------------------------------------------------------------------
# Debian packages
DEBIAN_PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config file dpkg-dev ca-certificates
  clang libclang-rt-14-dev
  # Qt 6.4
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins qt6-translations-l10n fonts-dejavu-core
  # libtorch on a fast BLAS (the default reference BLAS is ~25x slower)
  libtorch-dev libopenblas0-pthread
  # crypto and numbers
  qtkeychain-qt6-dev libssl-dev libsecp256k1-dev libcrypto++-dev libboost-dev
  # gunzipping anvil state dumps for the sandbox cache
  zlib1g-dev
  # desktop file and AppStream validators used by the packaging test
  desktop-file-utils appstream
)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"; fi
}

missing_debian_packages() {
  local wanted=("${DEBIAN_PACKAGES[@]}")
  # Node.js may come from elsewhere (e.g. NodeSource, which bundles npm); only ask Debian when absent.
  command -v npm >/dev/null || wanted+=(nodejs npm)
  local installed
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${wanted[@]}" 2>/dev/null | awk '$2 ~ /^ii/ {print $1}')
  for p in "${wanted[@]}"; do
    grep -qx "$p" <<<"$installed" || echo "$p"
  done
}

install_debian_packages() {
  local missing
  missing=$(missing_debian_packages | xargs)
  [ -z "$missing" ] && return 0
  say "installing Debian packages: $missing"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
}

# --------------------------------------------------------------------------------------------------
# npm chain tools (anvil, cast, Uniswap V4 artifacts), from the committed lock file into tools/node_modules
install_chain_tools() {
  local lock="$ROOT/tools/package-lock.json" stamp="$ROOT/tools/node_modules/.apedesk-lock.sha256"
  local want
  want=$(sha256sum "$lock" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
     && [ -x "$ROOT/tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil" ]; then
    return 0
  fi
  say "installing the pinned chain tools from tools/package-lock.json"
  # `npm install --no-save` rather than `npm ci`: the registry serves only the linux-amd64 binary
  # packages of anvil and cast, so the lock cannot list the other platforms' optional packages and
  # `npm ci` calls it out of sync. The linux-amd64 packages are direct dependencies, so every npm
  # version installs them. --ignore-scripts: no install script may download anything.
  (cd "$ROOT/tools" && npm install --no-save --no-audit --no-fund --ignore-scripts --loglevel=error)
  # Prove the tree is exactly the lock's: every locked package installed at its locked version.
  node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync(process.argv[1])).packages;
    let bad = 0;
    for (const [path, entry] of Object.entries(lock)) {
      if (!path) continue;
      let got = null;
      try { got = JSON.parse(fs.readFileSync(process.argv[2] + "/" + path + "/package.json")).version; } catch (e) {}
      if (got !== entry.version) { console.error(`${path}: locked ${entry.version}, installed ${got}`); bad++; }
    }
    process.exit(bad ? 1 : 0);' "$lock" "$ROOT/tools" || die "the chain tools do not match tools/package-lock.json"
  echo "$want" >"$stamp"
}

# --------------------------------------------------------------------------------------------------
configure() { # dir extra-cmake-args...
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    say "configuring $dir"
    cmake -S "$ROOT" -B "$dir" -G Ninja "$@"
  fi
}

build_main() {
  configure "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo
  say "building ($JOBS jobs)"
  cmake --build "$BUILD_DIR" --parallel "$JOBS"
}

deps() {
  install_debian_packages
  install_chain_tools
}

run_tests() {
  export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
  say "running the test suite"
  ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$JOBS" --timeout 1200
  # The same core tests again under AddressSanitizer, LeakSanitizer and UBSan (no libtorch, no widgets).
  configure "$ASAN_BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAPEDESK_SANITIZE=ON \
    -DAPEDESK_WITH_ML=OFF -DAPEDESK_WITH_UI=OFF -DAPEDESK_BUILD_BENCH=OFF
  say "building the sanitizer configuration"
  cmake --build "$ASAN_BUILD_DIR" --parallel "$JOBS"
  say "running the unit tests under ASan/LSan/UBSan"
  ctest --test-dir "$ASAN_BUILD_DIR" --output-on-failure --parallel "$JOBS" -L unit --timeout 1200
  # The libFuzzer targets (tests/fuzz), built with clang, ASan and UBSan: a million runs each, no crash.
  if command -v clang++ >/dev/null; then
    CC=clang CXX=clang++ configure "$FUZZ_BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAPEDESK_FUZZ=ON \
      -DAPEDESK_WITH_ML=OFF -DAPEDESK_WITH_UI=OFF -DAPEDESK_BUILD_BENCH=OFF -DAPEDESK_BUILD_TESTS=ON
    say "building the fuzz configuration"
    cmake --build "$FUZZ_BUILD_DIR" --parallel "$JOBS"
    say "running the fuzz tests"
    ctest --test-dir "$FUZZ_BUILD_DIR" --output-on-failure --parallel "$JOBS" -L fuzz --timeout 1800
  else
    say "clang++ not found: skipping the fuzz tests"
  fi
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  run)   deps; build_main; export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}; exec "$BUILD_DIR/app/apedesk" "$@" ;;
  test)  deps; build_main; run_tests ;;
  build) deps; build_main ;;
  deps)  deps ;;
  *)     sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
