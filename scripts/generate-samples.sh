#!/usr/bin/env bash
# Runs the deterministic test-data generator (generator/: io.encordanalytics.generator.SampleGenerator).
#
#   scripts/generate-samples.sh                      # rewrite data-samples/ (the committed samples)
#   scripts/generate-samples.sh --mode bench --events 3000000 --days 30   # into bench-data/
#
# Every argument is passed through to the generator (see --help). Defaults: --mode samples and
# --out data-samples (bench mode: --out bench-data, which .gitignore excludes). The same seed
# always gives byte-identical files. Samples mode empties --out first when it holds an earlier
# samples tree (recognised by its MANIFEST.md) and refuses any other non-empty directory.
# MVN: the Maven command (default mvn; e.g. MVN="mvn -o" offline).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

MVN="${MVN:-mvn}"
main=io.encordanalytics.generator.SampleGenerator
classes=generator/target/classes
# The module's runtime classpath: the jobs module's classes (the action vocabulary) and Jackson.
cp_file=generator/target/classpath.txt
vocabulary_src=jobs/src/main/java/io/encordanalytics/vocabulary

stale=false
if [[ ! -s $cp_file || ! -f $classes/${main//.//}.class ||
  ! -d jobs/target/classes/io/encordanalytics/vocabulary ]]; then
  stale=true
elif [[ -n $(find generator/src/main "$vocabulary_src" pom.xml generator/pom.xml jobs/pom.xml \
  -newer "$cp_file" -type f -print -quit) ]]; then
  stale=true
fi

if [[ $stale == true ]]; then
  if $MVN -B -q -pl generator -am -DskipTests -Dspotless.check.skip=true compile \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime; then
    # The plugin leaves an unchanged file untouched; the staleness check compares against it.
    touch "$cp_file"
    runtime_cp=$(cat "$cp_file")
  else
    # Another part of the jobs module may be mid-edit; the generator needs only the vocabulary
    # from it, and Jackson.
    echo "generate-samples: module build failed, compiling the generator and the vocabulary alone" >&2
    jobs_cp=jobs/target/jackson-classpath.txt
    $MVN -B -q -pl jobs dependency:build-classpath -Dmdep.outputFile="$PWD/$jobs_cp"
    runtime_cp=$(tr ':' '\n' <"$jobs_cp" |
      grep -E '/jackson-(core|databind|annotations)-[^/]*\.jar$' | paste -sd: -)
    if [[ -z $runtime_cp ]]; then
      echo "generate-samples: no Jackson jars in $jobs_cp" >&2
      exit 1
    fi
    classes=generator/target/fallback-classes
    rm -rf "$classes"
    mkdir -p "$classes"
    javac --release 17 -d "$classes" -cp "$runtime_cp" \
      $(find generator/src/main/java "$vocabulary_src" -name '*.java')
  fi
else
  runtime_cp=$(cat "$cp_file")
fi

mode=samples
has_out=false
prev=
for arg in "$@"; do
  case $arg in
    --out | --out=*) has_out=true ;;
    --mode=*) mode=${arg#--mode=} ;;
  esac
  if [[ $prev == --mode ]]; then
    mode=$arg
  fi
  prev=$arg
done
defaults=(--mode "$mode")
if [[ $has_out == false ]]; then
  if [[ $mode == bench ]]; then
    defaults+=(--out bench-data)
  else
    defaults+=(--out data-samples)
  fi
fi

exec java -cp "$classes:$runtime_cp" "$main" "${defaults[@]}" "$@"
