package io.github.sparkroleguard.bench;

import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.EmulatedRam;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.local.WebhookReceiver;
import io.github.sparkroleguard.testing.WorstCase;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;

/**
 * A scan of {@code count} protected roles in restore mode whose pinned custom policies were all
 * replaced by {@link WorstCase} documents (just under 6,144 bytes, tens of thousands of
 * (action, resource) pairs each): wall time, alerts delivered to a webhook, the largest body,
 * the heap's peak. Guard, emulator and webhook receiver share one JVM; run it in a 96 MB heap:
 * {@code bash bench/run.sh worstcase 10} (the script passes -Xmx96m). Target: within 60 s,
 * every role restored, every alert delivered.
 */
public final class WorstCaseBench {
  private WorstCaseBench() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args.length > 0 ? args[0] : "10");
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, JDK "
        + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    AccountState state = SampleAccount.healthy(Clock.systemUTC());
    EmulatedRam ram = new EmulatedRam(state, Clock.systemUTC());
    String trust = SampleAccount.resource("/policies/execution-role-trust.json");
    StringBuilder roles = new StringBuilder();
    int fewest = Integer.MAX_VALUE;
    int most = 0;
    for (int i = 0; i < count; i++) {
      String role = "spark-worst-" + i;
      String policy = "spark-worst-policy-" + i;
      ram.createRole(role, trust, "", 3600L);
      ram.createPolicy(policy, SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"), "");
      ram.attachPolicyToRole("Custom", policy, role);
      String worst = WorstCase.document(i);
      fewest = Math.min(fewest, WorstCase.pairs(worst));
      most = Math.max(most, WorstCase.pairs(worst));
      ram.createPolicyVersion(policy, worst, true, "DeleteOldestNonDefaultVersionWhenLimitExceeded");
      roles.append("  - { name: ").append(role).append(", policies: [ { name: ").append(policy)
          .append(", type: Custom, documentFile: policies/custom.json } ] }\n");
    }
    try (CloudEmulator emu = GuardBench.emulator(state); WebhookReceiver webhook = new WebhookReceiver()) {
      roles.append("alerts:\n  - { type: webhook, url: \"").append(webhook.url("/hook")).append("\" }\n");
      GuardRuntime rt = GuardBench.guard(emu, Files.createTempDirectory("bench-worst"), roles.toString());
      long start = System.nanoTime();
      InvocationResult r = rt.invoke("{\"action\":\"scan\"}".getBytes(StandardCharsets.UTF_8));
      long wall = (System.nanoTime() - start) / 1_000_000;
      String json = r.json().toString();
      int restored = count(json, "\"status\":\"restored\"");
      int delivered = webhook.received().size();
      int largest = webhook.received().stream().mapToInt(x -> x.body.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
      System.out.printf("roles %d (worst-case documents of %d to %d pairs, up to %d bytes), invocation ok %s, restored %d,"
          + " wall %d ms (target <= 60,000)%n", count, fewest, most, WorstCase.document(0).getBytes(StandardCharsets.UTF_8).length,
          r.ok(), restored, wall);
      System.out.printf("webhook alerts delivered %d of %d, largest body %,d bytes (cap 262,144); heap peak %d MiB%n",
          delivered, count, largest, heapPeak() / (1024 * 1024));
      System.out.printf("FIGURE worstcase.wall=%d worstcase.delivered=%.2f worstcase.restored=%.2f worstcase.heap.peak.mib=%d%n",
          wall, delivered / (double) count, restored / (double) count, heapPeak() / (1024 * 1024));
      if (!r.ok() || restored != count || delivered < count) {
        System.out.println("FAILED: " + (r.ok() ? "" : r.failure()));
        System.exit(1);
      }
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /** Sum of the heap pools' peak use (an upper bound of the heap's peak). */
  private static long heapPeak() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
