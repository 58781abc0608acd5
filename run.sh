#!/usr/bin/env bash
# Sets up what is missing, builds the library and the kernel, executes every notebook headless and prints
# a summary. Executed copies go to build/notebooks/, HTML exports to build/html/.
#   ./run.sh                    execute all notebooks (committed notebooks stay untouched)
#   ./run.sh --update           also write the executed notebooks back into notebooks/ (to commit outputs)
#   ./run.sh --timeout 600      allow a cell up to 600 s (default 300)
#   ./run.sh notebooks/a.ipynb  only the named notebooks
source "$(dirname "$0")/tools/env.sh"

case "${1:-}" in
  -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
setup_all
exec "$VENV/bin/python" "$ROOT/tools/notebooks.py" run "$@"
