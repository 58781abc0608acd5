# Set-up shared by run.sh, test.sh and lab.sh (sourced, not run). Every step does nothing when its work
# is already done, so the commands stay fast after the first run. Writes only under .venv/ and build/.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
BUILD="$ROOT/build"
LOGS="$BUILD/logs"
PYTHON="${PYTHON:-python3}"

say() { printf '==> %s\n' "$*"; }
die() { printf '\nerror: %s\n' "$*" >&2; exit 1; }

# The first line of `java -version` holds "17.0.15" or, before Java 9, "1.8.0_392".
java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9.]*\).*/\1/p' | head -n 1 |
    awk -F. '{ print ($1 == 1 ? $2 : $1) }'
}

# Checks every tool the commands need and lists all missing ones in a single message.
check_prerequisites() {
  local missing=()
  if ! command -v java >/dev/null || ! command -v javac >/dev/null; then
    missing+=("a JDK 17 or newer (java and javac), e.g. 'apt-get install openjdk-17-jdk' or 'brew install openjdk@17'")
  elif [ "$(java_major)" -lt 17 ] 2>/dev/null; then
    missing+=("a JDK 17 or newer: 'java -version' reports $(java_major); put a JDK 17+ first on PATH or set JAVA_HOME")
  fi
  if ! command -v mvn >/dev/null; then
    missing+=("Maven 3.8 or newer (mvn), e.g. 'apt-get install maven' or 'brew install maven'")
  fi
  if ! command -v "$PYTHON" >/dev/null; then
    missing+=("Python 3.9 or newer ($PYTHON), e.g. 'apt-get install python3 python3-venv'")
  elif ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 9))'; then
    missing+=("Python 3.9 or newer: '$PYTHON' is $("$PYTHON" -c 'import platform; print(platform.python_version())'); install a newer one or point PYTHON=/path/to/python3.x at it")
  elif ! "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null; then
    missing+=("Python's venv module with pip (ensurepip), e.g. 'apt-get install python3-venv'")
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    printf '\nerror: nnlab needs these installed first:\n' >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 1
  fi
}

# A project-local virtual environment with the pinned Python tools; reinstalled only when
# requirements.txt changed (its checksum is kept in a stamp file inside the venv).
ensure_venv() {
  local stamp="$VENV/.requirements.cksum" want
  want="$(cksum < "$ROOT/requirements.txt")"
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return
  fi
  mkdir -p "$LOGS"
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c '' 2>/dev/null; then
    say "creating the Python environment .venv/"
    "$PYTHON" -m venv --clear "$VENV" || die "could not create .venv/ with '$PYTHON -m venv'"
  fi
  say "installing the Python tools from requirements.txt into .venv/ (log: build/logs/pip.log)"
  if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -r "$ROOT/requirements.txt" \
      > "$LOGS/pip.log" 2>&1; then
    tail -n 15 "$LOGS/pip.log" >&2
    die "pip could not install requirements.txt (full log: build/logs/pip.log). Without internet access,
point pip at a package index that has them: export PIP_INDEX_URL=<index url>"
  fi
  printf '%s\n' "$want" > "$stamp"
}

# Keeps Jupyter's configuration, data, runtime files and JupyterLab's settings and workspaces inside the
# project, so nothing is written to the home folder and nothing from another project leaks in.
jupyter_env() {
  export JUPYTER_CONFIG_DIR="$VENV/jupyter/config"
  export JUPYTER_DATA_DIR="$VENV/jupyter/data"
  export JUPYTER_RUNTIME_DIR="$BUILD/jupyter/runtime"
  export JUPYTERLAB_SETTINGS_DIR="$BUILD/jupyter/lab/user-settings"
  export JUPYTERLAB_WORKSPACES_DIR="$BUILD/jupyter/lab/workspaces"
  export JUPYTER_PLATFORM_DIRS=1
  export IPYTHONDIR="$VENV/jupyter/ipython"
  unset JUPYTER_PATH
  mkdir -p "$JUPYTER_RUNTIME_DIR" "$IPYTHONDIR"
  lab_overrides
}

# JupyterLab defaults for this project: no news or update checks (no off-machine requests, and no
# prompt about them). Written into the venv's JupyterLab, so ./lab.sh and the browser test both see it.
lab_overrides() {
  local dir="$VENV/share/jupyter/lab/settings"
  [ -f "$dir/overrides.json" ] && return
  mkdir -p "$dir"
  cat > "$dir/overrides.json" <<'JSON'
{
  "@jupyterlab/apputils-extension:notification": {
    "fetchNews": "false",
    "checkForUpdates": false
  }
}
JSON
}

# The first build input (pom or main source file) newer than jar $1; empty when the jar is up to date.
newer_input() {
  find "$ROOT/pom.xml" "$ROOT"/lib/pom.xml "$ROOT"/lib/src/main "$ROOT"/kernel/pom.xml "$ROOT"/kernel/src/main \
    -type f -newer "$1" 2>/dev/null | head -n 1
}

# Builds the library and the kernel jars (tests are run by test.sh) unless they are newer than every input.
ensure_build() {
  local jars=("$ROOT/lib/target/nnlab.jar") jar
  [ -d "$ROOT/kernel" ] && jars+=("$ROOT/kernel/target/nnlab-kernel.jar")
  for jar in "${jars[@]}"; do
    if [ ! -f "$jar" ] || [ -n "$(newer_input "$jar")" ]; then
      say "building the library and kernel jars (mvn -q -B package -DskipTests)"
      (cd "$ROOT" && mvn -q -B package -DskipTests) || die "the Maven build failed (see above). Fix it, then run this again."
      return
    fi
  done
}

# Installs the project's `java` kernelspec into .venv/ (never for the user or system-wide). Cheap, so it
# runs every time: that also repairs a kernelspec pointing at an old checkout location.
ensure_kernel() {
  [ -f "$ROOT/kernel/install_kernel.py" ] ||
    die "kernel/install_kernel.py is missing: this checkout has no kernel module. Update the checkout."
  "$VENV/bin/python" "$ROOT/kernel/install_kernel.py" > "$LOGS/kernel-install.log" 2>&1 || {
    cat "$LOGS/kernel-install.log" >&2
    die "installing the 'java' kernel into .venv/ failed (see above)."
  }
}

# Everything the three commands need before they start their own work.
setup_all() {
  check_prerequisites
  ensure_venv
  jupyter_env
  ensure_build
  mkdir -p "$LOGS"
  ensure_kernel
}
