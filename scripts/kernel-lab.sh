#!/usr/bin/env bash
# Loads kpbench's rendered rulesets into the real netfilter inside private namespaces (kpblab-*) and measures them.
set -euo pipefail

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  cat <<'USAGE'
usage: scripts/kernel-lab.sh [--services 100,1000,...] [--modes iptables-nft,iptables-legacy,nftables] [--out DIR]
                             [--connects N] [--requests N]
  --services  cluster sizes N (default 100,1000,5000; 10000 and 30000 work, slower)
  --modes     kernel back ends (default iptables-nft,iptables-legacy,nftables; IPVS needs ip_vs, absent here)
  --out       results folder (default results/<UTC>-kernel-lab): kernel-lab.csv, kernel-lab-summary.txt, *.hgrm
  --connects  first-packet TCP connects per target, over 7 rounds (default 3500); --requests: established round trips (default 2000)
Needs root and: apt-get install -y iptables nftables iproute2 (conntrack optional). Without them it prints one
line and "result: skipped", exit 0. Everything runs in namespaces kpblab-<run id>-{c,n,b}; the host's
iptables-save / nft list ruleset / addresses / routes are compared before and after.
USAGE
  exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/scripts/kpbench" kernel-lab "$@"
