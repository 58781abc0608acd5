#!/usr/bin/env bash
# Copies the nnlab library jar (built first if it is missing or older than its sources) into each given
# folder as nnlab.jar, so a notebook there loads the library with `%classpath nnlab.jar` wherever the
# folder sits: an assignment handed out with nbgrader, a copy of the experiment template, a report.
#   tools/copy-jar.sh FOLDER...
source "$(dirname "$0")/env.sh"

case "${1:-}" in
  ""|-h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; [ $# -ge 1 ]; exit ;;
esac
for dir in "$@"; do
  [ -d "$dir" ] || die "'$dir' is not a folder. Create it first (mkdir -p '$dir'), then run this again."
done
check_prerequisites
ensure_build
for dir in "$@"; do
  rm -f "$dir/nnlab.jar" # a link (as in notebooks/exercises/) is replaced by the file, not written through
  cp "$ROOT/lib/target/nnlab.jar" "$dir/nnlab.jar"
  say "copied lib/target/nnlab.jar to $dir/nnlab.jar"
done
