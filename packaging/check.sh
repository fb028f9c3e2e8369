#!/usr/bin/env bash
# CI: build the desktop bundle and check it, then install the app with pipx and
# check the launcher `desktop-install` writes. Minutes long (the bundle's build,
# pipx's download of Qt), so CI runs it after the test suite rather than as a test.
# Needs xvfb, xdotool, imagemagick and desktop-file-utils (see .ci/run).
# Prints the bundle's size and the seconds each app takes to show its window.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$scratch"' EXIT

# Seconds from starting "$@" under a fresh Xvfb until its window is mapped; saves a screenshot to $shot.
window_opens() {
    local display=:$((90 + RANDOM % 40)) started app found=""
    Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    local xvfb=$!
    for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
    started=$(date +%s.%N)
    DISPLAY=$display QT_QPA_PLATFORM=xcb REALTIME_GUI_HOME="$scratch/home" "$@" >/dev/null 2>&1 &
    app=$!
    for _ in $(seq 300); do
        found=$(DISPLAY=$display xdotool search --onlyvisible --pid "$app" 2>/dev/null | head -1) || true
        [ -n "$found" ] && break
        sleep 0.05
    done
    local seconds
    seconds=$(python3 -c "print(round($(date +%s.%N) - $started, 2))")
    sleep 1.5  # the first paint, then the editors
    DISPLAY=$display import -window root "$shot"
    kill "$app" "$xvfb" 2>/dev/null || true
    wait "$app" "$xvfb" 2>/dev/null || true
    [ -n "$found" ] || { echo "no window appeared: $*" >&2; return 1; }
    echo "$seconds"
}

echo "== the bundle"
bundle=$(packaging/build.sh | tail -1)
"$bundle" --version | tee "$scratch/version"
grep -q '^realtime-gui ' "$scratch/version" && grep -q '^Qt 6' "$scratch/version" && grep -q '^Python 3' "$scratch/version"
"$bundle" fields --json | python3 -c 'import json, sys; rows = json.load(sys.stdin); assert len(rows) > 20, rows'
# To a file, not into `grep -q`: grep leaving early would close the pipe under the bundle (pipefail).
"$bundle" fields > "$scratch/fields"
grep -q '^session.model' "$scratch/fields"
shot=packaging/dist/bundle-window.png
bundle_start=$(window_opens "$bundle")
echo "bundle: $(du -sh packaging/dist/realtime-gui | cut -f1), window in ${bundle_start}s, screenshot $shot"

echo "== pipx install ."
export PIPX_HOME=$scratch/pipx PIPX_BIN_DIR=$scratch/bin
python3 -m pipx --version >/dev/null 2>&1 || python3 -m pip install -q pipx
python3 -m pipx install --force . >/dev/null
installed=$PIPX_BIN_DIR/realtime-gui
"$installed" --version > "$scratch/pipx-version"
grep -q '^Qt 6' "$scratch/pipx-version"
shot=packaging/dist/pipx-window.png
pipx_start=$(window_opens "$installed")
echo "pipx: window in ${pipx_start}s, screenshot $shot"

echo "== the launcher works without the venv on PATH"
XDG_DATA_HOME=$scratch/data "$installed" desktop-install >/dev/null
launcher=$scratch/data/applications/realtime-gui.desktop
desktop-file-validate "$launcher"
exec_line=$(sed -n 's/^Exec=//p' "$launcher")
case $exec_line in "$PIPX_HOME"/*) ;; *) echo "Exec is not the pipx installation: $exec_line" >&2; exit 1;; esac
# shellcheck disable=SC2086  # the Exec line is words, as the desktop would split them
env -i HOME="$scratch" PATH=/usr/bin:/bin $exec_line --version > "$scratch/launcher-version"
grep -q '^realtime-gui ' "$scratch/launcher-version"
test -f "$scratch/data/icons/hicolor/48x48/apps/realtime-gui.png"
echo "packaging checks passed"
