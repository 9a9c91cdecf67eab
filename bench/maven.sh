# Sourced by the bench scripts. Maven with every plugin the scripts call pinned (the lifecycle's
# plugins in pom.xml, the dependency plugin here), quiet when it works and showing Maven's own
# errors when it does not, so a script never stops without saying why.
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

# mvn_step ARGS...: runs "mvn -B ARGS"; on failure prints Maven's errors and exits.
mvn_step() {
  mkdir -p target
  local log=target/bench-maven.log
  if ! mvn -B "$@" > "$log" 2>&1; then
    echo "bench: 'mvn -B $*' failed; Maven said:" >&2
    if grep -q '^\[ERROR\]' "$log"; then grep '^\[ERROR\]' "$log" | head -60 >&2; else tail -60 "$log" >&2; fi
    exit 1
  fi
}

# Compiles main and test classes and writes the test classpath to target/bench-classpath.txt.
bench_classpath() {
  mvn_step test-compile "$DEPENDENCY_PLUGIN:build-classpath" -Dmdep.outputFile=target/bench-classpath.txt
}
