#!/usr/bin/env bash
# Pools the paired ratios (ratios.csv) of several kpbench results folders of one commit, cluster and machine, the run
# as the unit, into a folder of its own (by default results/pool-<N>-runs-<FIRST>-to-<LAST>/); the results
# folders are only read.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: scripts/pool.sh [options] RUN RUN [RUN...]     pool the paired ratios of two or more results folders
options:
  -o, --out OUT        write into OUT (default: results/pool-<N>-runs-<FIRST>-to-<LAST>/)
  --target PCT         the half-width "runs for ±PCT" aims at (default: 10)
  --across-commits     pool runs of different commits (only when the code they measured is the same)
  --partial            accept a damaged results folder if its run.json and ratios.csv are whole
  --results RESULTS    where default output folders go (default: results/ of this checkout)
  -h, --help           this text
Each ratio is the geometric mean over runs of each run's ratio, with a 95% t-interval over runs: unlike one run's
interval over its forks, it carries the host's drift between runs. Also the runs' range, their spread over what
their own intervals promised, and how many runs of that spread hold ±PCT. Writes pooled.csv and pooled.md and
prints the path of pooled.md. Refuses runs of different commits (without --across-commits), clusters or machines,
a run given twice, and a run without run.json or ratios.csv: exit code 2, with one line naming the folder and field.
USAGE
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/lib/common.sh"
help_or_usage "$@"
jar="$("$root/scripts/report.sh" --print-jar)"
exec java -Djava.awt.headless=true ${KPBENCH_JAVA_OPTS:-} -jar "$jar" pool --results "$root/results" "$@"
