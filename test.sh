#!/usr/bin/env bash
# Runs every test of the project and ends with a summary; exits non-zero if anything failed.
#   1. Maven unit tests (mvn -B verify; also builds the jars), then the java kernel installed into .venv/
#   2. pytest: the notebook tools (tools/tests) and the kernel (kernel/tests)
#   3. every notebook executed and compared with its committed outputs (and exercise notebooks checked
#      against their solutions)
#   4. the browser test: JupyterLab in headless Chromium runs a notebook (e2e/)
# Options: --skip-browser (leave out step 4), --timeout SECONDS (per notebook cell, default 300),
#   --jjava DIR: instead of all this, build the jars and compare every notebook run on the JJava kernelspec in
#   DIR (a JJava build's unzipped jjava-*-kernelspec.zip) with its committed outputs; --jjava-jvm-opts OPTS
#   sets JJAVA_JVM_OPTS for it (default: the Vector API module; '' for JJava's stock options).
source "$(dirname "$0")/tools/env.sh"

skip_browser=""
jjava=""
notebook_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-browser) skip_browser=yes ;;
    --timeout) [ $# -ge 2 ] || die "--timeout needs a number of seconds"; notebook_args+=(--timeout "$2"); shift ;;
    --jjava) [ $# -ge 2 ] || die "--jjava needs the folder of a JJava kernelspec"; jjava="$2"; shift ;;
    --jjava-jvm-opts) [ $# -ge 2 ] || die "--jjava-jvm-opts needs a value ('' for none)"
      notebook_args+=(--jjava-jvm-opts "$2"); shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1'. Options: --skip-browser, --timeout SECONDS, --jjava DIR (see ./test.sh --help)" ;;
  esac
  shift
done

names=() results=() seconds=()

# step NAME COMMAND...: runs the command in a subshell (so a failing set-up function ends only its step),
# records whether it passed and how long it took.
step() {
  local name="$1" start status=0
  shift
  printf '\n==> %s\n' "$name"
  start=$SECONDS
  ( "$@" ) || status=$?
  names+=("$name")
  seconds+=($((SECONDS - start)))
  if [ "$status" -eq 0 ]; then results+=(passed); else results+=("FAILED (exit $status)"); fi
}

# Debian's chromium and chromium-driver, installed with apt-get when missing and we may.
ensure_browser() {
  command -v chromium >/dev/null && command -v chromedriver >/dev/null && return
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; else sudo="none"; fi
  fi
  if [ "$sudo" = none ] || ! command -v apt-get >/dev/null; then
    printf 'error: the browser test needs chromium and chromedriver on PATH. Install them (Debian/Ubuntu:\n' >&2
    printf "'sudo apt-get install chromium chromium-driver'), or run ./test.sh --skip-browser.\n" >&2
    return 1
  fi
  say "installing chromium and chromium-driver with apt-get (log: build/logs/apt.log)"
  export DEBIAN_FRONTEND=noninteractive
  { $sudo apt-get update && $sudo apt-get install -y --no-install-recommends chromium chromium-driver; } \
    > "$LOGS/apt.log" 2>&1 || { tail -n 20 "$LOGS/apt.log" >&2; return 1; }
}

browser_test() {
  ensure_browser || return 1
  (cd "$ROOT" && mvn -B -ntp -Pe2e -pl e2e test -Dnnlab.venv="$VENV")
}

# Builds the jars here too when the unit tests failed, so the later steps still test what can be tested.
build_and_install_kernel() {
  ensure_build
  ensure_kernel
}

pytest_suites() {
  local suites=("$ROOT/tools/tests")
  [ -d "$ROOT/kernel/tests" ] && suites+=("$ROOT/kernel/tests")
  "$VENV/bin/python" -m pytest -q -p no:cacheprovider "${suites[@]}"
}

check_prerequisites
ensure_venv
jupyter_env
mkdir -p "$LOGS"
if [ -n "$jjava" ]; then
  ensure_build
  exec "$VENV/bin/python" "$ROOT/tools/notebooks.py" test --jjava "$jjava" \
    "${notebook_args[@]+"${notebook_args[@]}"}"
fi
step "Maven unit tests (mvn -B verify)" mvn -B -ntp -f "$ROOT/pom.xml" verify
step "jars built, java kernel installed into .venv/" build_and_install_kernel
step "pytest (tools/tests, kernel/tests)" pytest_suites
if [ -f "$ROOT/tools/exercises.py" ]; then
  step "exercise notebooks in sync with their solutions" "$VENV/bin/python" "$ROOT/tools/exercises.py" check
fi
step "notebooks executed and compared with their committed outputs" \
  "$VENV/bin/python" "$ROOT/tools/notebooks.py" test "${notebook_args[@]+"${notebook_args[@]}"}"
if [ -z "$skip_browser" ]; then
  step "browser test (JupyterLab in headless Chromium)" browser_test
fi

failed=0
printf '\n%-62s %-18s %s\n' "test.sh step" "result" "seconds"
for i in "${!names[@]}"; do
  printf '%-62s %-18s %7d\n' "${names[$i]}" "${results[$i]}" "${seconds[$i]}"
  [ "${results[$i]}" = passed ] || failed=$((failed + 1))
done
[ -n "$skip_browser" ] && echo "(browser test skipped: --skip-browser)"
echo "test.sh: $(( ${#names[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
