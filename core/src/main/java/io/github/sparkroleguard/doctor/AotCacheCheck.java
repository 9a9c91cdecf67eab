package io.github.sparkroleguard.doctor;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Whether the function's JVM runs with the AOT cache it ships. The custom runtime starts its JVM
 * with {@code -XX:AOTCache=guard.aot} (deploy/custom-runtime/build.sh); the JVM runs without the
 * cache, with only an error line in the instance log, when the jar or the JRE is not the one the
 * cache was trained on (a jar rebuilt without the cache, a layer from another build, a zip that
 * lost the jar's timestamp: [inferred] how FC unpacks code). The cold start is then about twice as
 * long (BENCHMARKS.md). Run inside the function ({@code s invoke -e '{"action":"doctor"}'}), it
 * checks the instance that answered; elsewhere (java11, the command line) there is no cache to
 * check.
 */
final class AotCacheCheck implements DoctorCheck {
  static final String NAME = "aot-cache";

  private final List<String> jvmArguments;
  private final String vmVersion;
  private final String vmInfo;

  AotCacheCheck(List<String> jvmArguments, String vmVersion, String vmInfo) {
    this.jvmArguments = List.copyOf(jvmArguments);
    this.vmVersion = vmVersion == null ? "" : vmVersion;
    this.vmInfo = vmInfo == null ? "" : vmInfo;
  }

  /** The JVM this runs in. */
  static AotCacheCheck current() {
    return new AotCacheCheck(ManagementFactory.getRuntimeMXBean().getInputArguments(),
        System.getProperty("java.vm.version"), System.getProperty("java.vm.info"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    String describe = AotCacheStatus.describe(vmVersion, vmInfo);
    boolean expected = jvmArguments.stream().anyMatch(a -> a.startsWith("-XX:AOTCache="));
    if (!expected) {
      return List.of(Finding.pass(NAME, "", describe + "; this JVM was not started with an AOT cache (the java11 runtime "
          + "or the command line), so there is none to check"));
    }
    if (AotCacheStatus.sharing(vmInfo)) {
      return List.of(Finding.pass(NAME, "", describe));
    }
    return List.of(Finding.fail(NAME, "", describe + ": the cache was refused, so every cold start loads and links "
        + "all classes from scratch", "deploy the code and the JRE layer of one build together: `mvn -B package -Pfc-custom "
        + "-DskipTests`, publish function/target/fc-custom/jre-layer.zip as the layer s.yaml names, then `s deploy`; the instance "
        + "log's [aot] lines say what differed"));
  }
}
