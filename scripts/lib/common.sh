# Sourced by the scripts in scripts/ (not run): the --help handling and the build-when-stale jar lookup they share.
# Expects $root (the checkout) to be set, and a usage function where help_or_usage is called.

# Prints usage and exits 0 when any argument is -h or --help; prints it on stderr and exits 2 when there are none.
help_or_usage() {
  for arg in "$@"; do
    if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then usage; exit 0; fi
  done
  if [[ $# -eq 0 ]]; then usage >&2; exit 2; fi
}

# Prints the jar of MODULE, building it (and what it needs) with Maven first when the jar or its lib/ folder is
# missing or older than the sources and poms of MODULE and of the other modules named after it.
# usage: fresh_jar MODULE [MODULE it depends on ...]
fresh_jar() {
  local module="$1" jar stale=0 m
  local sources=("$root/pom.xml")
  for m in "$@"; do sources+=("$root/$m/src/main" "$root/$m/pom.xml"); done
  jar="$(module_jar "$module")"
  if [[ -z "$jar" || ! -d "$root/$module/target/lib" ]]; then
    stale=1
  elif [[ -n "$(find "${sources[@]}" -newer "$jar" -print -quit)" ]]; then
    stale=1
  fi
  if (( stale )); then
    echo "kpbench: building $module (mvn -q -B -DskipTests package -pl $module -am) ..." >&2
    (cd "$root" && mvn -q -B -DskipTests package -pl "$module" -am >&2) || exit
    jar="$(module_jar "$module")"
  fi
  echo "$jar"
}

module_jar() {
  ls "$root/$1"/target/kpbench-"$1"-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -n 1 || true
}
