package io.github.sparkroleguard.bench;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.AccountsEmulator;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A central guard's timer scan of many member accounts ({@code bash bench/run.sh fleet [accounts]
 * [roles]}), 50 ms added to every RAM and STS call. The floor is the platform's: two round trips
 * per account (AssumeRole, one read round), accounts in parallel, AssumeRole at STS's quota; the
 * second scan's floor is one read round (it assumes nothing). The guard's own pacing
 * (fleet.concurrency, fleet.stsQps, ram.qps) is never part of it; what it allows is printed beside,
 * and a missed target says the guard's pacing is the bottleneck. Run it with
 * -Xmx96m (BENCH_JAVA_OPTS): the heap then holds the guard and every emulated account. With a
 * fourth argument {@code separate} the emulated accounts run in a JVM of their own (FleetCloud)
 * and the heap holds the guard alone: the figure of "1,000 accounts in a 96 MB heap"
 * ({@code BENCH_JAVA_OPTS=-Xmx96m bash bench/run.sh fleet 1000 5 4 separate}).
 */
public final class FleetBench {
  static final String CENTRAL = "1111111111111111";
  static final String KEY = "STS.FleetBenchKey01";
  static final String SECRET = "fleet-bench-secret";
  static final String TOKEN = "fleet-bench-token";
  static final String MEMBER_ROLE = "spark-role-guard-member";

  /**
   * STS's AssumeRole quota per account, per second [inferred: an older FAQ gives ~100 QPS; the
   * config's fleet.stsQps default stays well under it]. The platform's side of the floor.
   */
  static final int STS_QUOTA_QPS = 100;

  private FleetBench() {}

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int extraRoles = args.length > 1 ? Integer.parseInt(args[1]) - 1 : 4;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    if (args.length > 3 && args[3].equals("separate")) {
      separate(accounts, extraRoles + 1, concurrency);
      return;
    }
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
        + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
    try (FleetCloud fleet = new FleetCloud(accounts, extraRoles, KEY, SECRET, TOKEN)) {
      AccountsEmulator cloud = fleet.cloud;
      List<String> ids = fleet.ids;
      String roles = fleet.roles;
      byte[] scan = "{\"action\":\"scan\"}".getBytes(StandardCharsets.UTF_8);

      // Warm the JVM with a whole scan on a throwaway runtime, so neither figure pays for class loading.
      time(runtime(cloud, ids, roles, concurrency), scan);
      ids.forEach(id -> cloud.account(id).clearRequests());
      long[] singles = new long[3];
      for (int i = 0; i < singles.length; i++) {
        singles[i] = time(runtime(cloud, ids.subList(i, i + 1), roles, concurrency), scan); // a fresh session each
      }
      java.util.Arrays.sort(singles);
      long single = singles[1];
      ids.forEach(id -> cloud.account(id).clearRequests());
      int callsOne;
      GuardRuntime all = runtime(cloud, ids, roles, concurrency);
      int assumeBefore = cloud.assumeRoleCalls().size();
      long wall = time(all, scan);
      int assumes = cloud.assumeRoleCalls().size() - assumeBefore;
      long calls = ids.stream().mapToLong(id -> cloud.account(id).requests().size()).sum();
      callsOne = cloud.account(ids.get(0)).requests().size();
      ids.forEach(id -> cloud.account(id).clearRequests()); // the emulators' request logs are not the guard's memory
      long second = time(all, scan);
      int assumesAfterSecond = cloud.assumeRoleCalls().size() - assumeBefore;
      // The floor is the platform's: every account's scan is two round trips (AssumeRole, then one read
      // round) at 50 ms, accounts are independent, and STS takes AssumeRole at its quota. The guard's own
      // pacing (fleet.concurrency, fleet.stsQps) is not part of it; what it allows is printed beside.
      double platformFloor = Math.max(2 * 50.0, assumes * 1000.0 / STS_QUOTA_QPS);
      double secondFloor = 50.0; // one read round, sessions kept: no AssumeRole
      int stsQps = all.config().accounts().stsQps();
      double pacedFloor = Math.max(Math.ceil(accounts / (double) concurrency) * single,
          Math.max(0, assumes - stsQps) * 1000.0 / stsQps);
      System.gc();
      long retained = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
      long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Old"))
          .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
      System.out.printf("accounts %d x %d protected roles (+ the service-linked role), fleet.concurrency %d, 50 ms per RAM and STS call%n",
          accounts, extraRoles + 1, concurrency);
      System.out.printf("one account alone (fresh session, warm JVM, median of 3): %d ms, %d RAM calls%n", single, callsOne);
      System.out.printf("all accounts: wall %d ms, RAM calls %d (%.1f per account), AssumeRole %d (%d after a second scan: sessions reused)%n",
          wall, calls, calls / (double) accounts, assumes, assumesAfterSecond);
      System.out.printf("platform floor: max(2 round trips x 50 ms, %d AssumeRole / STS quota %d per s) = %.0f ms;"
          + " the guard's own pacing allows at best max(ceil(%d/%d) x %d ms, AssumeRoles beyond the burst / fleet.stsQps %d)"
          + " = %.0f ms%n", assumes, STS_QUOTA_QPS, platformFloor, accounts, concurrency, single, stsQps, pacedFloor);
      System.out.printf("first scan: %.2fx the platform floor (target <= 1.2)%s; %.2fx what the guard's pacing allows%n",
          wall / platformFloor, wall / platformFloor <= 1.2 ? "" : pacedFloor > 1.2 * platformFloor
              ? ": MISSED, the guard's own pacing is the bottleneck" : ": MISSED",
          wall / pacedFloor);
      System.out.printf("second scan (sessions kept, no AssumeRole): %d ms, %.2fx its floor of one read round (%.0f ms)%s%n",
          second, second / secondFloor, secondFloor, second / secondFloor <= 1.2 ? "" : accounts > concurrency
          ? ": MISSED, fleet.concurrency is the bottleneck" : ": MISSED");
      System.out.printf("FIGURE fleet.first.ratio=%.2f fleet.second.ratio=%.2f fleet.calls.per.account=%.1f%n",
          wall / platformFloor, second / secondFloor, calls / (double) accounts);
      System.out.printf("heap: -Xmx %d MB held the guard and %d emulated accounts; %d MB in use after the scans and a GC,"
          + " old generation peak %d MB%n", Runtime.getRuntime().maxMemory() / (1024 * 1024), accounts, retained, peak);
    }
  }

  /**
   * The guard alone in this JVM's heap: the accounts served by FleetCloud in another process.
   * Three scans (the first assumes every member role, the next two reuse the sessions), then the
   * heap after a GC, the old generation's peak and the live threads.
   */
  private static void separate(int accounts, int roles, int concurrency) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        FleetCloud.class.getName(), Integer.toString(accounts), Integer.toString(roles))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String line = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
      if (line == null || !line.startsWith("endpoint ")) {
        throw new IllegalStateException("the emulator process said: " + line);
      }
      String endpoint = line.substring("endpoint ".length());
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < accounts; i++) {
        ids.add(FleetCloud.id(i));
      }
      String yamlRoles = new GuardBench.ManyRoles(roles - 1).roles.toString();
      GuardRuntime rt = runtime(endpoint, ids, yamlRoles, concurrency, ", stsQps: 50"); // the first scan assumes every role
      byte[] scan = "{\"action\":\"scan\"}".getBytes(StandardCharsets.UTF_8);
      long[] walls = new long[3];
      int maxThreads = 0;
      for (int i = 0; i < walls.length; i++) {
        walls[i] = time(rt, scan);
        maxThreads = Math.max(maxThreads, Thread.activeCount());
      }
      System.gc();
      long retained = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
      long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Old"))
          .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
      System.out.printf("accounts %d x %d protected roles (+ the service-linked role), fleet.concurrency %d, emulated"
          + " accounts in another JVM%n", accounts, roles, concurrency);
      System.out.printf("three scans: %d ms, %d ms, %d ms; live threads at most %d%n", walls[0], walls[1], walls[2],
          maxThreads);
      System.out.printf("heap: -Xmx %d MB held the guard alone; %d MB in use after the scans and a GC, old generation"
          + " peak %d MB%n", Runtime.getRuntime().maxMemory() / (1024 * 1024), retained, peak);
    } finally {
      child.getOutputStream().close();
      child.waitFor();
    }
  }

  private static long time(GuardRuntime rt, byte[] payload) {
    long start = System.nanoTime();
    InvocationResult r = rt.invoke(payload);
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (!r.ok()) {
      throw new IllegalStateException(r.failure());
    }
    return ms;
  }

  private static GuardRuntime runtime(AccountsEmulator cloud, List<String> ids, String roles, int concurrency) throws Exception {
    return runtime(cloud.endpoint(), ids, roles, concurrency, "");
  }

  /** @param fleetExtra more fleet settings, e.g. ", stsQps: 50" */
  private static GuardRuntime runtime(String endpoint, List<String> ids, String roles, int concurrency, String fleetExtra)
      throws Exception {
    Path dir = Files.createTempDirectory("fleet-bench");
    StringBuilder accounts = new StringBuilder("accounts:\n");
    ids.forEach(id -> accounts.append("  - { id: \"").append(id).append("\" }\n"));
    Files.writeString(dir.resolve("guard.yaml"), "mode: restore\nattributionHours: 0\nram: { endpoint: \"" + endpoint
        + "\" }\nactiontrail: { endpoint: \"" + endpoint + "\" }\nresourcemanager: { endpoint: \"" + endpoint
        + "\" }\nroles:\n" + roles + accounts
        + "fleet: { memberRole: " + MEMBER_ROLE + ", concurrency: " + concurrency + fleetExtra + ", sts: { endpoint: \"" + endpoint
        + "\" } }\n");
    Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET,
        "ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN);
    return GuardRuntime.build(ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, line -> { });
  }
}
