#!/usr/bin/env bash
# Parity of tao4j's MANTIS scoring (protocol bcff57b, all 12 challenges) with the reference on generated ledgers of
# at least 24 days, several seeds and hotkey counts. Not part of `mvn -B verify` (each ledger is 0.5-1.1 GB and the
# reference needs minutes); the small fixtures in mantis/src/test/resources/salience/head are.
#
# usage: tools/parity/mantis/head_parity_suite.sh [WORKDIR]      (from the repository root, after `mvn -B verify`)
#   REF_MANTIS_HEAD=<MANTIS@bcff57b>  only needed to re-run the reference; its outputs are committed in head-suite/
#   SUITE="d24s6 d26s7 d24s1 d24s9 d24s3 d24s11 d24s13"   which cases to run (default all)
# Needs /usr/bin/python3 with numpy (the generator); the reference run also needs Debian's sklearn/scipy/torch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=${1:-/tmp/tao4j-head-suite}
gen=${TAO4J_SHARED:-$root/../shared}/tools/mantis-reference/gen_datalog_head.py
runner=${TAO4J_SHARED:-$root/../shared}/tools/mantis-reference/run_reference_head.py
mkdir -p "$work"
declare -A ARGS=(
  [d24s6]="--hotkeys 8 --days 24 --seed 6 --pre-xsec-days 3"
  [d26s7]="--hotkeys 12 --days 26 --seed 7 --pre-xsec-days 2"
  [d24s1]="--hotkeys 16 --days 24 --seed 1 --pre-xsec-days 3"
  [d24s9]="--hotkeys 10 --days 24 --seed 9 --pre-xsec-days 3"
  [d24s3]="--hotkeys 9 --days 24 --seed 3 --pre-xsec-days 3"
  [d24s11]="--hotkeys 10 --days 24 --seed 11 --pre-xsec-days 3"
  [d24s13]="--hotkeys 20 --days 24 --seed 13 --pre-xsec-days 3"
)
for name in ${SUITE:-d24s6 d26s7 d24s1 d24s9 d24s3 d24s11 d24s13}; do
  db=$work/$name.db
  [ -f "$db" ] || /usr/bin/python3 "$gen" "$db" ${ARGS[$name]} > "$work/$name.gen.log"
  ref=$here/head-suite/$name.reference.json
  if [ ! -f "$ref" ]; then
    : "${REF_MANTIS_HEAD:?set REF_MANTIS_HEAD to run the reference for $name}"
    /usr/bin/python3 "$runner" "$db" > "$ref"
  fi
  # sklearn-1.7: what tao4j validators run (subnet 123's pinned scikit-learn); sklearn-1.2: the lbfgs objective and
  # stopping rules of the Debian stack the reference ran on here (HITFIRST, MULTI-BREAKOUT, the cross-sectional meta-fits)
  for rules in sklearn-1.7 sklearn-1.2; do
    /usr/bin/time -f "%e s wall, %U s user CPU, %M KB peak RSS" -o "$work/$name.$rules.time" \
      "$root/tao4j" mantis salience --ledger "$db" --json --lbfgs-rules $rules > "$work/$name.$rules.json"
    echo "== $name (${ARGS[$name]}), tao4j --lbfgs-rules $rules: $(cat "$work/$name.$rules.time")"
    python3 "$here/compare_salience.py" "$ref" "$work/$name.$rules.json"
  done
done
