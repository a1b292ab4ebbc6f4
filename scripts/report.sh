#!/usr/bin/env bash
# Writes report.html, REPORT.md and charts/ for a kpbench results folder into a folder of their own (by default
# results/report-<run id>/, never the results folder itself), building the reports module first when its jar is
# missing or older than the sources.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: scripts/report.sh [options] DIR                 report on the results folder DIR (results/<UTC>-<sha>/)
       scripts/report.sh [options] --latest [RESULTS]  report on the newest run folder under RESULTS
       scripts/report.sh --print-jar                   print the reports jar (building it if stale)
options:
  -o, --out OUT        write into OUT (default: results/report-<run id>/); the results folder is only read
  --in-place           write into the results folder itself, as mvn verify -Pbench does for its new run
  --partial            report what is readable of a damaged folder (a truncated or missing jmh.json), naming
                       each gap in the report
  --results RESULTS    where --latest looks and default output folders go (default: results/ of this checkout)
  -h, --help           this text
Writes report.html (self-contained, opens from disk), REPORT.md and charts/*.png|svg, and prints the path of
report.html. Exit code 2: bad input, with one line naming the file and what is wrong.
USAGE
}

for arg in "$@"; do
  if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then usage; exit 0; fi
done
if [[ $# -eq 0 ]]; then usage >&2; exit 2; fi

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

if [[ "$1" == "--print-jar" ]]; then
  echo "$jar"
  exit 0
fi
exec java -Djava.awt.headless=true ${KPBENCH_JAVA_OPTS:-} -jar "$jar" report --results "$root/results" "$@"
