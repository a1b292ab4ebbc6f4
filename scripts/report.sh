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
  --calibration FILE   project kernel first-packet cost with FILE (another machine's calibration.json)
  --results RESULTS    where --latest looks and default output folders go (default: results/ of this checkout)
  -h, --help           this text
Writes report.html (self-contained, opens from disk), REPORT.md and charts/*.png|svg, and prints the path of
report.html. Exit code 2: bad input, with one line naming the file and what is wrong.
USAGE
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/lib/common.sh"
help_or_usage "$@"
jar="$(fresh_jar reports core)"

if [[ "$1" == "--print-jar" ]]; then
  echo "$jar"
  exit 0
fi
exec java -Djava.awt.headless=true ${KPBENCH_JAVA_OPTS:-} -jar "$jar" report --results "$root/results" "$@"
