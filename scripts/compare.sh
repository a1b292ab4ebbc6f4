#!/usr/bin/env bash
# Compares two kpbench results folders: a Markdown and HTML table flagging each benchmark improved, regressed or
# unchanged, and a chart of the changes.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: scripts/compare.sh OLD_DIR NEW_DIR [--tolerance PCT] [--out DIR]
A benchmark counts as changed when the difference exceeds both runs' combined 99.9% score error and the
tolerance (default 10%). Lower is better except throughput. Writes compare.md, compare.html and
charts/compare.png|svg into NEW_DIR/compare-<OLD name>/ (or --out DIR) and prints the HTML path.
USAGE
}

if [[ $# -eq 0 || "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  usage
  [[ $# -eq 0 ]] && exit 2 || exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$("$root/scripts/report.sh" --print-jar)"
exec java -Djava.awt.headless=true ${KPBENCH_JAVA_OPTS:-} -jar "$jar" compare "$@"
