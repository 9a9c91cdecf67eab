package io.github.sparkroleguard.bench;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.AccountsEmulator;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.Faults;
import io.github.sparkroleguard.emulator.RamEmulator;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A central guard's timer scan of many member accounts ({@code bash bench/run.sh fleet [accounts]
 * [roles]}), 50 ms added to every RAM and STS call. The floor is what perfectly parallel accounts
 * allow: ceil(accounts / fleet.concurrency) x the wall time of scanning one account alone through
 * the same path (its AssumeRole, its RAM calls under ram.concurrency and ram.qps). Run it with
 * -Xmx96m (BENCH_JAVA_OPTS): the heap then holds the guard and every emulated account.
 */
public final class FleetBench {
  static final String CENTRAL = "1111111111111111";
  static final String KEY = "STS.FleetBenchKey01";
  static final String SECRET = "fleet-bench-secret";
  static final String TOKEN = "fleet-bench-token";
  static final String MEMBER_ROLE = "spark-role-guard-member";

  private FleetBench() {}

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int extraRoles = args.length > 1 ? Integer.parseInt(args[1]) - 1 : 4;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
        + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
    try (AccountsEmulator cloud = new AccountsEmulator(Clock.systemUTC())) {
      AccountState central = new AccountState();
      central.accountId = CENTRAL;
      cloud.addAccount(central, "central");
      cloud.allow(CENTRAL, Caller.assumedRole("spark-role-guard-fc", "bench", KEY, SECRET, TOKEN), "spark-role-guard-fc");
      List<String> ids = new ArrayList<>();
      String roles = null;
      for (int i = 0; i < accounts; i++) {
        String id = String.valueOf(2_000_000_000_000_000L + i);
        GuardBench.ManyRoles many = new GuardBench.ManyRoles(extraRoles);
        many.state.accountId = id;
        RamEmulator e = cloud.addAccount(many.state, "member-" + i);
        e.ram().createRole(MEMBER_ROLE, "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
            + "\"Principal\":{\"RAM\":[\"acs:ram::" + CENTRAL + ":role/spark-role-guard-fc\"]}}]}", "", 3600L);
        e.faults().latency(Faults.ANY, Duration.ofMillis(50));
        roles = many.roles.toString();
        ids.add(id);
      }
      cloud.stsLatency(Duration.ofMillis(50));
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
      double accountsFloor = Math.ceil(accounts / (double) concurrency) * single;
      // fleet.stsQps paces AssumeRole (a one-second burst, then stsQps a second), as ram.qps paces RAM calls.
      int stsQps = all.config().accounts().stsQps();
      double stsFloor = Math.max(0, assumes - stsQps) * 1000.0 / stsQps;
      double floor = Math.max(accountsFloor, stsFloor);
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
      System.out.printf("floor: max(ceil(%d/%d) x %d ms = %.0f ms, AssumeRoles beyond the 1 s burst / fleet.stsQps %d = %.0f ms)"
          + " = %.0f ms%n", accounts, concurrency, single, accountsFloor, stsQps, stsFloor, floor);
      System.out.printf("first scan ratio %.2f (target <= 1.2); second scan (sessions kept, no AssumeRole) %d ms against"
          + " %.0f ms: ratio %.2f%n", wall / floor, second, accountsFloor, second / accountsFloor);
      System.out.printf("heap: -Xmx %d MB held the guard and %d emulated accounts; %d MB in use after the scans and a GC,"
          + " old generation peak %d MB%n", Runtime.getRuntime().maxMemory() / (1024 * 1024), accounts, retained, peak);
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
    Path dir = Files.createTempDirectory("fleet-bench");
    StringBuilder accounts = new StringBuilder("accounts:\n");
    ids.forEach(id -> accounts.append("  - { id: \"").append(id).append("\" }\n"));
    Files.writeString(dir.resolve("guard.yaml"), "mode: restore\nattributionHours: 0\nram: { endpoint: \"" + cloud.endpoint()
        + "\" }\nactiontrail: { endpoint: \"" + cloud.endpoint() + "\" }\nresourcemanager: { endpoint: \"" + cloud.endpoint()
        + "\" }\nroles:\n" + roles + accounts
        + "fleet: { memberRole: " + MEMBER_ROLE + ", concurrency: " + concurrency + ", sts: { endpoint: \"" + cloud.endpoint()
        + "\" } }\n");
    Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET,
        "ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN);
    return GuardRuntime.build(ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, line -> { });
  }
}
