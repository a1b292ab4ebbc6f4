#!/usr/bin/env bash
# Combines the results folders of a sharded run (mvn verify -Pbench -Dbench.shard=I/N, one folder a shard) into one
# new results folder, as if one machine had run the profile, building the reports module first when its jar is
# missing or older than the sources. The shard folders are only read.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: scripts/merge.sh OUT DIR...     merge the shard folders DIR... into the new results folder OUT
Writes OUT/jmh.json (JMH's format: the shards' records in shard order), each experiment CSV under one header, the
other files (a file two shards hold with different bytes is kept as name.shardI.ext, listed in run.json), and
run.json listing the shards with their machines; prints OUT. Then: scripts/report.sh OUT.
Refuses shards of different commits, profiles, includes or shard counts, and a shard index given twice or missing:
exit code 2, with one line naming the folder, the field and both values.
  -h, --help           this text
USAGE
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/lib/common.sh"
help_or_usage "$@"
jar="$("$root/scripts/report.sh" --print-jar)"
exec java -Djava.awt.headless=true ${KPBENCH_JAVA_OPTS:-} -jar "$jar" merge "$@"
