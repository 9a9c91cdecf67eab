package io.github.sparkroleguard.bench;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EmulatedRam;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.emulator.Faults;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.testing.TestJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * The guard's performance figures, each beside its baseline from the same run. A documented main,
 * not a test: {@code bash bench/run.sh restore|scan}. Event throughput is {@link EventBench} (JMH).
 */
public final class GuardBench {
  static final String KEY = "STS.BenchKey000001";
  static final String SECRET = "bench-secret";
  static final String TOKEN = "bench-token";

  private GuardBench() {}

  public static void main(String[] args) throws Exception {
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version"));
    switch (args.length == 0 ? "" : args[0]) {
      case "restore":
        restore();
        break;
      case "scan":
        scan(Integer.parseInt(args.length > 1 ? args[1] : "500"));
        break;
      case "scan-files":
        scanFiles(Integer.parseInt(args[1]), Path.of(args[2]), args[3]);
        break;
      default:
        System.out.println("usage: GuardBench restore|scan [roles]  (throughput: EventBench, JMH)");
    }
  }

  static CloudEmulator emulator(AccountState state) throws Exception {
    CloudEmulator emu = new CloudEmulator(state, 0, Clock.systemUTC());
    emu.allow(Caller.assumedRole("spark-role-guard-fc", "bench", KEY, SECRET, TOKEN));
    return emu;
  }

  static GuardRuntime guard(CloudEmulator emu, Path dir, String roles) throws Exception {
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(dir.resolve("policies/custom.json"), SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"));
    Files.writeString(dir.resolve("guard.yaml"), "mode: restore\nattributionHours: 0\nram: { endpoint: \"" + emu.endpoint()
        + "\" }\nactiontrail: { endpoint: \"" + emu.endpoint() + "\" }\nresourcemanager: { endpoint: \"" + emu.endpoint()
        + "\" }\nroles:\n" + roles);
    Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET,
        "ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN);
    return GuardRuntime.build(ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, line -> { });
  }

  /** Wall time from event to verified restore with 50 ms per RAM call, against the sequential minimum. */
  static void restore() throws Exception {
    String roles = "  - name: " + SampleAccount.DEFAULT_ROLE + "\n  - name: " + SampleAccount.CUSTOM_ROLE
        + "\n    policies:\n      - { name: " + SampleAccount.CUSTOM_POLICY + ", type: Custom, documentFile: policies/custom.json }\n";
    // unavoidably sequential round trips: read (parallel) -> writes in order -> verifying read (parallel)
    Object[][] cases = {
        {"default role deleted", "eventbridge-delete-role-default.json", 4, "read, CreateRole, AttachPolicyToRole, verify"},
        {"system policy detached", "eventbridge-detach-policy-default.json", 3, "read, AttachPolicyToRole, verify"},
        {"custom document edited", "eventbridge-create-policy-version-custom.json", 4, "read, ListPolicyVersions, SetDefaultPolicyVersion, verify"},
        {"custom policy deleted", "eventbridge-delete-policy-custom.json", 4, "read, CreatePolicy, AttachPolicyToRole, verify"}};
    System.out.printf("%-24s %8s %8s %6s %5s %6s  %s%n", "break", "wall ms", "min ms", "ratio", "calls", "rounds", "minimum sequence");
    for (Object[] c : cases) {
      long[] walls = new long[5];
      int calls = 0;
      int rounds = 0;
      for (int run = 0; run < walls.length; run++) {
        try (CloudEmulator emu = emulator(SampleAccount.healthy(Clock.systemUTC()))) {
          GuardRuntime rt = guard(emu, Files.createTempDirectory("bench"), roles);
          rt.invoke("{\"action\":\"scan\"}".getBytes(StandardCharsets.UTF_8)); // warm the instance, as FC's initializer would
          byte[] event = Files.readAllBytes(Path.of("events", (String) c[1]));
          EventReplay.apply(emu, TestJson.MAPPER.readTree(event));
          emu.faults().latency(Faults.ANY, Duration.ofMillis(50));
          emu.clearRequests();
          long start = System.nanoTime();
          InvocationResult r = rt.invoke(event);
          walls[run] = (System.nanoTime() - start) / 1_000_000;
          if (!r.json().toString().contains("\"status\":\"restored\"")) {
            throw new IllegalStateException(c[0] + " not restored: " + r.json());
          }
          calls = emu.requests().size();
          rounds = emu.timeline().rounds();
        }
      }
      Arrays.sort(walls);
      int min = (int) c[2] * 50;
      System.out.printf("%-24s %8d %8d %6.2f %5d %6d  %s%n", c[0], walls[2], min, walls[2] / (double) min, calls, rounds, c[3]);
      System.out.printf("FIGURE restore.%s wall=%d min=%d ratio=%.2f calls=%d rounds=%d minrounds=%d%n",
          ((String) c[0]).replace(' ', '-'), walls[2], min, walls[2] / (double) min, calls, rounds, (int) c[2]);
    }
    System.out.println("(median of 5 runs; 50 ms added by the emulator to every RAM call; target ratio <= 1.25)");
  }

  /** An account with {@code count} extra healthy roles, and the YAML "roles:" entries that protect them. */
  static final class ManyRoles {
    final AccountState state = SampleAccount.healthy(Clock.systemUTC());
    final StringBuilder roles = new StringBuilder();

    ManyRoles(int count) {
      EmulatedRam ram = new EmulatedRam(state, Clock.systemUTC());
      String trust = SampleAccount.resource("/policies/execution-role-trust.json");
      for (int i = 0; i < count; i++) {
        String name = "spark-jobrun-" + i;
        ram.createRole(name, trust, "", 3600L);
        ram.attachPolicyToRole("System", SampleAccount.SYSTEM_POLICY, name);
        roles.append("  - { name: ").append(name).append(", policies: [ { name: ").append(SampleAccount.SYSTEM_POLICY)
            .append(", type: System } ] }\n");
      }
    }
  }

  /** Writes an emulator state and a guard config with {@code count} healthy roles, for a separate-process run. */
  static void scanFiles(int count, Path dir, String endpoint) throws Exception {
    ManyRoles many = new ManyRoles(count);
    Files.createDirectories(dir);
    new EmulatedRam(many.state, Clock.systemUTC()).save(dir.resolve("state.json"));
    Files.writeString(dir.resolve("guard.yaml"), "ram: { endpoint: \"" + endpoint + "\", qps: 200 }\nactiontrail: { endpoint: \""
        + endpoint + "\" }\nresourcemanager: { endpoint: \"" + endpoint + "\" }\nroles:\n" + many.roles);
  }

  /** A scan of many healthy protected roles with 50 ms per call: calls per role, wall time against calls / QPS. */
  static void scan(int count) throws Exception {
    ManyRoles many = new ManyRoles(count);
    try (CloudEmulator emu = emulator(many.state)) {
      GuardRuntime rt = guard(emu, Files.createTempDirectory("bench"), many.roles.toString());
      int qps = rt.config().ramQps();
      emu.faults().latency(Faults.ANY, Duration.ofMillis(50));
      emu.clearRequests();
      long start = System.nanoTime();
      InvocationResult r = rt.invoke("{\"action\":\"scan\"}".getBytes(StandardCharsets.UTF_8));
      long wall = (System.nanoTime() - start) / 1_000_000;
      int calls = emu.requests().size();
      int roleCount = rt.config().roles().size(); // the default role and the service-linked role included
      if (!r.ok()) {
        throw new IllegalStateException(r.failure());
      }
      double floor = Math.max(0, calls - qps) * 1000.0 / qps;
      System.out.printf("roles %d, RAM calls %d (%.2f per healthy role, target <= 3), wall %d ms; calls beyond the 1 s burst / %d qps = %.0f ms; ratio %.2f (target <= 1.2)%n",
          roleCount, calls, calls / (double) roleCount, wall, qps, floor, wall / floor);
      System.out.println("(50 ms added to every RAM call; ram.concurrency " + rt.config().ramConcurrency() + ", ram.qps " + qps
          + ": RAM's own per-account quota is not published, so ram.qps, the guard's setting, stands in for it and is the bottleneck)");
      System.out.printf("FIGURE scan.roles=%d scan.calls.per.role=%.2f scan.wall=%d scan.floor=%.0f scan.ratio=%.2f%n",
          roleCount, calls / (double) roleCount, wall, floor, wall / floor);
    }
  }
}
