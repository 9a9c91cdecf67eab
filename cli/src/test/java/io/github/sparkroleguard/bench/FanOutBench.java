package io.github.sparkroleguard.bench;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.AccountsEmulator;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fan-out of issue 25 at Resource Directory scale ({@code bash bench/run.sh fanout [accounts]
 * [roles] [shard accounts]}): this JVM holds the emulated cloud (every member account, 50 ms added
 * to each RAM and STS call, FC's asynchronous invocations) and the timer's invocation; FC runs
 * each shard as a fresh JVM with {@code -Xmx96m} ({@link FanOutShardWorker}), all at once. The
 * floor is the platform's: STS answers 100 AssumeRole a second per account [doc: STS API quota,
 * "AssumeRole 100/1(s)", dimension regionId, API, ParentUid], so N sessions need at least
 * (ceil(N / 100) - 1) s, and the last account still needs its own round trips (one account alone,
 * measured). Each member's own RAM quota is never near (10 calls an account). The guard's pacing
 * ({@code fleet.stsQps}) is set per shard to 100 / shards, so the fleet as a whole stays within
 * STS's quota (the emulator reports the busiest second).
 */
public final class FanOutBench {
  static final String CENTRAL = "1111111111111111";
  static final String KEY = "STS.FanOutBenchKey01";
  static final String SECRET = "fan-out-bench-secret";
  static final String TOKEN = "fan-out-bench-token";
  static final String MEMBER_ROLE = "spark-role-guard-member";
  static final String FUNCTION = "spark-role-guard-central";
  /** STS AssumeRole quota per account and second [doc: api-sts-2015-04-01-quota]. */
  static final int STS_QUOTA = 100;

  private FanOutBench() {}

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int extraRoles = args.length > 1 ? Integer.parseInt(args[1]) - 1 : 4;
    int shardAccounts = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int shards = (accounts + shardAccounts - 1) / shardAccounts;
    int stsQps = Math.max(1, Math.min(50, STS_QUOTA / shards)); // fleet.stsQps takes 1 to 50: one shard (SMALL=1) asks 100
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version")
        + ", load average " + Files.readString(Path.of("/proc/loadavg")).trim());
    try (FleetCloud fleet = new FleetCloud(accounts, extraRoles, KEY, SECRET, TOKEN)) {
      AccountsEmulator cloud = fleet.cloud;
      List<String> ids = fleet.ids;
      String roles = fleet.roles;
      Path dir = Files.createTempDirectory("fan-out-bench");
      Path config = config(dir, cloud, ids, roles, shardAccounts, stsQps, 100);
      Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET,
          "ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN, "FC_ACCOUNT_ID", CENTRAL);

      // One account alone, warm, with a fresh session: the round trips no plan can avoid (median of 3).
      long[] singles = new long[3];
      for (int i = 0; i < singles.length; i++) {
        GuardRuntime one = GuardRuntime.build(ConfigLoader.load(config(dir.resolve("one-" + i), cloud, ids.subList(i, i + 1),
            roles, shardAccounts, stsQps, 100), env::get), env::get, line -> { });
        one.invoke(scan());
        long t = System.nanoTime();
        GuardRuntime fresh = GuardRuntime.build(ConfigLoader.load(config(dir.resolve("fresh-" + i), cloud,
            ids.subList(10 + i, 11 + i), roles, shardAccounts, stsQps, 100), env::get), env::get, line -> { });
        t = System.nanoTime();
        check(fresh.invoke(scan()));
        singles[i] = (System.nanoTime() - t) / 1_000_000;
      }
      java.util.Arrays.sort(singles);
      long single = singles[1];
      int assumesBefore = cloud.assumeRoleCalls().size();
      ids.forEach(id -> cloud.account(id).clearRequests());

      List<String> outputs = new CopyOnWriteArrayList<>();
      String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
      String cp = System.getProperty("java.class.path");
      cloud.functions().register(CENTRAL, FUNCTION, payload -> shard(java, cp, config, env, payload, outputs));
      GuardRuntime timer = GuardRuntime.build(ConfigLoader.load(config, env::get), env::get, line -> { });
      long start = System.nanoTime();
      InvocationResult fanned = timer.invoke(
          "{\"triggerTime\":\"2026-12-03T00:00:00Z\",\"triggerName\":\"scan\",\"payload\":\"\"}".getBytes(StandardCharsets.UTF_8));
      check(fanned);
      long timerMs = (System.nanoTime() - start) / 1_000_000;
      cloud.functions().drain(shards);
      long wall = (System.nanoTime() - start) / 1_000_000;

      int assumes = cloud.assumeRoleCalls().size() - assumesBefore;
      long calls = ids.stream().mapToLong(id -> cloud.account(id).requests().size()).sum();
      long stsFloor = (long) (Math.ceil(accounts / (double) STS_QUOTA) - 1) * 1000;
      // The platform's floor: STS's quota for the AssumeRole calls, then one account's round trips
      // (AssumeRole, then one concurrent read round), at the stated 50 ms a call. The guard's own time
      // for one account is printed beside it, never part of it.
      long floor = stsFloor + 2 * 50;
      long startups = outputs.stream().mapToLong(o -> Long.parseLong(o.replaceAll(".*wallMs=([0-9]+).*", "$1"))
          - Long.parseLong(o.replaceAll(".*ms=([0-9]+) heap.*", "$1"))).max().orElse(0);
      System.out.printf("accounts %d x %d protected roles (+ the service-linked role), 50 ms per RAM and STS call%n", accounts,
          extraRoles + 1);
      System.out.printf("timer: %s in %d ms%n", fanned.json().path("fanOut"), timerMs);
      outputs.forEach(o -> System.out.println("shard: " + o));
      System.out.printf("failure queue: %d; attempts: %d%n", cloud.functions().failureQueue().size(),
          cloud.functions().attempts().size());
      System.out.printf("all shards: wall %d ms (timer start to last shard done), RAM calls %d (%.1f per account), AssumeRole %d,"
          + " busiest second %d AssumeRole (STS quota %d)%n", wall, calls, calls / (double) accounts, assumes,
          cloud.assumeRolePeakPerSecond(), STS_QUOTA);
      System.out.printf("one account alone (fresh session, warm JVM, median of 3): %d ms%n", single);
      System.out.printf("floor: (ceil(%d / %d AssumeRole a second) - 1) s + 2 round trips of 50 ms = %d ms%n", accounts,
          STS_QUOTA, floor);
      System.out.printf("ratio %.2f (target <= 1.2); the slowest shard JVM spent %d ms before its invocation (cold start)%n",
          wall / (double) floor, startups);
      System.out.printf("FIGURE fanout.accounts=%d fanout.wall=%d fanout.floor=%d fanout.ratio=%.2f fanout.single=%d"
          + " fanout.failed=%d fanout.calls.per.account=%.1f%n", accounts, wall, floor, wall / (double) floor, single,
          cloud.functions().failureQueue().size(), calls / (double) accounts);
    }
  }

  private static boolean shard(String java, String cp, Path config, Map<String, String> env, byte[] payload,
      List<String> outputs) {
    try {
      long t = System.nanoTime();
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", cp,
          FanOutShardWorker.class.getName(), config.toString());
      pb.environment().putAll(env);
      pb.redirectErrorStream(true);
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(payload);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      int code = p.waitFor();
      String last = out.isEmpty() ? "(no output)" : out.substring(out.lastIndexOf('\n') + 1);
      outputs.add(last + " wallMs=" + (System.nanoTime() - t) / 1_000_000);
      return code == 0;
    } catch (Exception e) {
      outputs.add("failed to start: " + e);
      return false;
    }
  }

  private static void check(InvocationResult r) {
    if (!r.ok()) {
      throw new IllegalStateException(r.failure());
    }
  }

  private static byte[] scan() {
    return "{\"action\":\"scan\"}".getBytes(StandardCharsets.UTF_8);
  }

  private static Path config(Path dir, AccountsEmulator cloud, List<String> ids, String roles, int shardAccounts, int stsQps,
      int threshold) throws Exception {
    Files.createDirectories(dir);
    StringBuilder accounts = new StringBuilder("accounts:\n");
    ids.forEach(id -> accounts.append("  - { id: \"").append(id).append("\" }\n"));
    Path file = dir.resolve("guard.yaml");
    Files.writeString(file, "mode: restore\nattributionHours: 0\nram: { endpoint: \"" + cloud.endpoint()
        + "\" }\nactiontrail: { endpoint: \"" + cloud.endpoint() + "\" }\nresourcemanager: { endpoint: \"" + cloud.endpoint()
        + "\" }\nroles:\n" + roles + accounts
        + "fleet: { memberRole: " + MEMBER_ROLE + ", concurrency: 8, stsQps: " + stsQps + ", sts: { endpoint: \""
        + cloud.endpoint() + "\" } }\n"
        + "fanOut: { threshold: " + threshold + ", functionName: " + FUNCTION + ", endpoint: \"" + cloud.endpoint()
        + "\", budgetSeconds: 60, accountMillis: 1000, maxShardAccounts: " + shardAccounts + " }\n");
    return file;
  }
}
