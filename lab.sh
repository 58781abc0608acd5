#!/usr/bin/env bash
# Opens JupyterLab on notebooks/ with the project's java kernel (set up and built first if needed).
#   ./lab.sh                 on port 8888, opening a browser tab
#   ./lab.sh --port 8890     on another port
#   ./lab.sh --no-browser    print the address instead of opening a browser
# Stop it with Ctrl+C. Settings and workspaces are kept in build/jupyter/, not in your home folder.
source "$(dirname "$0")/tools/env.sh"

port=8888
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port)
      [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge 1 ] && [ "$2" -le 65535 ] ||
        die "--port needs a number from 1 to 65535, e.g. ./lab.sh --port 8890"
      port="$2"; shift ;;
    --no-browser) extra+=(--no-browser) ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1'. Options: --port N, --no-browser (see ./lab.sh --help)" ;;
  esac
  shift
done

# Checked before the (possibly slow) set-up so a busy port is reported at once.
check_prerequisites
if ! "${PYTHON}" - "$port" <<'PY'
import socket, sys
with socket.socket() as s:
    try:
        s.bind(("127.0.0.1", int(sys.argv[1])))
    except OSError:
        sys.exit(1)
PY
then
  die "port $port is already in use (another JupyterLab?). Stop that one, or pick a free port: ./lab.sh --port $((port + 1))"
fi

setup_all
notebooks="$ROOT/notebooks"
[ -d "$notebooks" ] || notebooks="$ROOT"
[ "$(id -u)" -eq 0 ] && extra+=(--allow-root)
say "JupyterLab on http://127.0.0.1:$port (Ctrl+C to stop)"
exec "$VENV/bin/jupyter" lab --ServerApp.root_dir="$notebooks" --ip=127.0.0.1 --port="$port" \
  --port-retries=0 --LabApp.news_url=None \
  --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate "${extra[@]+"${extra[@]}"}"
