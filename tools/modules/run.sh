#!/usr/bin/env bash
# Runs ModuleSmoke.java with the library modules (their target/classes) and their dependencies on the module
# path. lfc and cli are left out: they have no module descriptor (lfc/README.md, cli/README.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mods="crypto scale wallet chain drand localnet mantis"
cd "$root"
mvn -B -q ${MVN_OPTS:-} -pl "$(echo $mods | tr ' ' ,)" -am compile dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/module-smoke.classpath
mp=""
for m in $mods; do
  mp="$mp:$root/$m/target/classes"
  # third-party jars only: the tao4j entries point at ~/.m2 snapshots, the reactor's classes are used instead
  mp="$mp:$(tr ':' '\n' < "$m/target/module-smoke.classpath" | grep -v '/io/tao4j/' | paste -sd: -)"
done
mp="$(echo "$mp" | tr ':' '\n' | grep -v '^$' | sort -u | paste -sd: -)"
exec java --module-path "$mp" --add-modules io.tao4j.wallet,io.tao4j.mantis,io.tao4j.localnet \
  "$root/tools/modules/ModuleSmoke.java"
