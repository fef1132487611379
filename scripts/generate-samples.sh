#!/usr/bin/env bash
# Runs the deterministic test-data generator (io.encordanalytics.tools.SampleGenerator).
#
#   scripts/generate-samples.sh                      # rewrite data-samples/ (the committed samples)
#   scripts/generate-samples.sh --mode bench --events 3000000 --days 30   # into bench-data/
#
# Every argument is passed through to the generator (see --help). Defaults: --mode samples and
# --out data-samples (bench mode: --out bench-data, which .gitignore excludes). The same seed
# always gives byte-identical files. Samples mode empties --out first when it holds an earlier
# samples tree (recognised by its MANIFEST.md) and refuses any other non-empty directory.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

src=jobs/src/main/java/io/encordanalytics/tools/SampleGenerator.java
classes=jobs/target/classes
class_file=$classes/io/encordanalytics/tools/SampleGenerator.class
cp_file=$PWD/jobs/target/classpath.txt

# Jackson comes from the module's (provided) dependencies; the full classpath is cached.
if [[ ! -s $cp_file || jobs/pom.xml -nt $cp_file || pom.xml -nt $cp_file ]]; then
  mkdir -p jobs/target
  mvn -B -q -pl jobs dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=provided
fi
jackson_cp=$(tr ':' '\n' <"$cp_file" |
  grep -E '/jackson-(core|databind|annotations)-[^/]*\.jar$' | paste -sd: -)
if [[ -z $jackson_cp ]]; then
  echo "generate-samples: no Jackson jars in $cp_file" >&2
  exit 1
fi

if [[ ! -f $class_file || $src -nt $class_file ]]; then
  if ! mvn -B -q -pl jobs -am -DskipTests -Dspotless.check.skip=true compile; then
    # Another part of the module may be mid-edit; the generator only needs Jackson.
    echo "generate-samples: module build failed, compiling SampleGenerator alone" >&2
    classes=jobs/target/sample-generator-classes
    mkdir -p "$classes"
    javac --release 17 -d "$classes" -cp "$jackson_cp" "$src"
  fi
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

exec java -cp "$classes:$jackson_cp" io.encordanalytics.tools.SampleGenerator \
  "${defaults[@]}" "$@"
