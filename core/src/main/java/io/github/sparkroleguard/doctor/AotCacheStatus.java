package io.github.sparkroleguard.doctor;

/**
 * Whether this JVM runs with the AOT cache the custom runtime ships (deploy/custom-runtime): the
 * JVM silently runs without it when the jar or the JRE differs from the ones it was trained on,
 * and the cold start is then about twice as long (BENCHMARKS.md). HotSpot reports class sharing
 * in {@code java.vm.info} ("mixed mode, sharing"); the jlinked JRE carries no default CDS
 * archive, so there "sharing" can only come from the AOT cache [measured, JDK 25.0.3]. On a
 * full JDK (java11, a developer's machine) "sharing" may be the JDK's own archive.
 */
public final class AotCacheStatus {
  private AotCacheStatus() {}

  /** True when {@code vmInfo} (the java.vm.info property) says classes come from a shared archive. */
  public static boolean sharing(String vmInfo) {
    return vmInfo != null && vmInfo.contains("sharing");
  }

  /** One line for the instance's log: the JVM and whether the cache is in use. */
  public static String describe(String vmVersion, String vmInfo) {
    return "JVM " + vmVersion + " (" + vmInfo + "): AOT cache " + (sharing(vmInfo) ? "in use" : "NOT in use");
  }

  /** The running JVM. */
  public static String current() {
    return describe(System.getProperty("java.vm.version"), System.getProperty("java.vm.info"));
  }
}
