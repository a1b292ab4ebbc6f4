#!/usr/bin/env bash
# Writes report.html, REPORT.md and charts/ for a kpbench results folder, building the reports module first when
# its jar is missing or older than the sources.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: scripts/report.sh DIR              report on the results folder DIR (results/<UTC>-<sha>/)
       scripts/report.sh --latest [DIR]   report on the newest folder under DIR (default: results/)
       scripts/report.sh --print-jar      print the reports jar (building it if stale); compare.sh uses it
Writes DIR/report.html (self-contained, opens from disk), DIR/REPORT.md and DIR/charts/*.png|svg,
and prints the path of report.html. Exit code 2: DIR is not a results folder.
USAGE
}

if [[ $# -eq 0 || "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  usage
  [[ $# -eq 0 ]] && exit 2 || exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
find_jar() { ls "$root"/reports/target/kpbench-reports-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -n 1 || true; }
jar="$(find_jar)"
stale=0
if [[ -z "$jar" || ! -d "$root/reports/target/lib" ]]; then
  stale=1
elif [[ -n "$(find "$root/reports/src/main" "$root/core/src/main" "$root/reports/pom.xml" "$root/core/pom.xml" \
    "$root/pom.xml" -newer "$jar" -print -quit)" ]]; then
  stale=1
fi
if (( stale )); then
  echo "kpbench: building reports (mvn -q -B -DskipTests package -pl reports -am) ..." >&2
  (cd "$root" && mvn -q -B -DskipTests package -pl reports -am >&2)
  jar="$(find_jar)"
fi

case "$1" in
  --print-jar) echo "$jar" ;;
  --latest) exec java -Djava.awt.headless=true ${KPBENCH_JAVA_OPTS:-} -jar "$jar" report --latest "${2:-$root/results}" ;;
  *) exec java -Djava.awt.headless=true ${KPBENCH_JAVA_OPTS:-} -jar "$jar" report "$1" ;;
esac
