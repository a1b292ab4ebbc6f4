#!/usr/bin/env bash
# Compares two kpbench results folders: each benchmark row's ratio new / old with its 99.9% interval and a verdict
# (improved, regressed, inconclusive (noise), unchanged), and a plot per benchmark, written into a folder of their
# own (by default results/compare-<OLD>-vs-<NEW>/); both results folders are only read.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: scripts/compare.sh [options] OLD NEW     compare the results folders OLD (baseline) and NEW
options:
  -o, --out OUT        write into OUT (default: results/compare-<OLD name>-vs-<NEW name>/)
  --tolerance PCT      a change within ±PCT% of the old score counts as unchanged (default: 10)
  --partial            compare the complete records of a truncated jmh.json
  --results RESULTS    where default output folders go (default: results/ of this checkout)
  -h, --help           this text
A row is inconclusive (noise) when the ratio's 99.9% interval contains 1 or the two JMH intervals overlap;
unchanged when the interval (or a real change) lies within the tolerance; otherwise improved or regressed (lower
is better except throughput). Writes compare.md, compare.html (self-contained) and charts/compare-<benchmark>.png|svg,
and prints the path of compare.html. Exit code 2: bad input, with one line naming the file and what is wrong.
USAGE
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/lib/common.sh"
help_or_usage "$@"
jar="$("$root/scripts/report.sh" --print-jar)"
exec java -Djava.awt.headless=true ${KPBENCH_JAVA_OPTS:-} -jar "$jar" compare --results "$root/results" "$@"
