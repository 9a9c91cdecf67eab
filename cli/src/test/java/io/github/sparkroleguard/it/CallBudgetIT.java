package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.CallTimeline;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.emulator.Faults;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.local.WebhookReceiver;
import io.github.sparkroleguard.testing.FakeTime;
import io.github.sparkroleguard.transport.Sleeper;
import io.github.sparkroleguard.testing.TestJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The call budget of every sample in events/, in restore mode with the shared state in OSS: the
 * exact RAM, Resource Management, ActionTrail and OSS calls the emulator saw, and the sequential
 * rounds they took (each call held 80 ms, so calls that go out together overlap). The table below
 * is the minimum sequence written down once; a change that adds a call or a round fails the build.
 * Restore breaks are the samples that restore (deleted role, detached policy, edited document,
 * deleted policy, and Resource Management's twins). The samples run side by side (each has its own
 * emulator and guard, and spends its time waiting on the latency), six at a time.
 */
@Execution(ExecutionMode.CONCURRENT)
class CallBudgetIT {
  private static final Duration LATENCY = Duration.ofMillis(80);

  /**
   * file -> "cloud rounds, most rounds with OSS | calls" (calls sorted, "xN" for repeats), for a
   * warm instance (one scan ran before). The minimum sequences, e.g. a deleted default role: read
   * (GetRole, ListPoliciesForRole, ListPolicyAttachments at once), CreateRole, AttachPolicyToRole,
   * verify = 4 cloud rounds; a scan of the three roles: 1 round. The first event of an instance
   * also asks OSS once whether the bucket keeps versions (GetBucketVersioning). After a deliberate
   * change, {@code -Dbudget.dump=1} writes what each sample makes to target/call-budgets.txt.
   */
  private static final Map<String, String> BUDGET = new TreeMap<>(Map.ofEntries(
      Map.entry("actiontrail-record-delete-role-default.json",
          "4, 13 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:AttachPolicyToRole, ram:CreateRole, ram:GetRole x2, ram:ListPoliciesForRole x2, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("batch-duplicate-and-unrelated.json",
          "3, 13 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x7, ram:AttachPolicyToRole, ram:GetRole x2, ram:ListPoliciesForRole x2, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("command-baseline-custom-role.json",
          "5, 5 | ram:GetPolicy, ram:GetRole, ram:ListPoliciesForRole, resourcemanager:GetRole, resourcemanager:ListPolicyAttachments"),
      Map.entry("command-check-custom-role.json",
          "2, 2 | ram:GetPolicy x2, ram:GetRole, ram:ListPoliciesForRole, resourcemanager:ListPolicyAttachments"),
      Map.entry("command-check-default-role.json",
          "1, 1 | ram:GetRole, ram:ListPoliciesForRole, resourcemanager:ListPolicyAttachments"),
      Map.entry("command-history-default-role.json",
          "2, 2 | actiontrail:LookupEvents x2"),
      Map.entry("command-restore-custom-role.json",
          "1, 1 | ram:GetPolicy, ram:GetRole, ram:ListPoliciesForRole, resourcemanager:ListPolicyAttachments"),
      Map.entry("command-scan.json",
          "1, 2 | ram:GetPolicy, ram:GetRole x2, ram:ListPoliciesForRole x2, resourcemanager:GetRole, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("eventbridge-attach-admin-default.json",
          "2, 8 | oss:GetBucketVersioning, oss:GetObject, oss:PutObject x5, ram:GetPolicy, ram:GetRole, ram:ListPoliciesForRole, resourcemanager:ListPolicyAttachments"),
      Map.entry("eventbridge-attach-policy-custom.json",
          "2, 8 | oss:GetBucketVersioning, oss:GetObject, oss:PutObject x5, ram:GetPolicy x2, ram:GetRole, ram:ListPoliciesForRole, resourcemanager:ListPolicyAttachments"),
      Map.entry("eventbridge-create-policy-custom.json",
          "5, 14 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:AttachPolicyToRole, ram:CreatePolicyVersion, ram:GetPolicy x2, ram:GetRole x2, ram:ListPoliciesForRole x2, ram:ListPolicyVersions, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("eventbridge-create-policy-version-custom.json",
          "4, 14 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:GetPolicy x2, ram:GetRole x2, ram:ListPoliciesForRole x2, ram:ListPolicyVersions, ram:SetDefaultPolicyVersion, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("eventbridge-create-role-custom.json",
          "3, 12 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:AttachPolicyToRole, ram:GetPolicy x2, ram:GetRole x2, ram:ListPoliciesForRole x2, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("eventbridge-create-role-default.json",
          "4, 13 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:AttachPolicyToRole, ram:GetRole x2, ram:ListPoliciesForRole x2, ram:UpdateRole, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("eventbridge-delete-policy-custom.json",
          "4, 13 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:AttachPolicyToRole, ram:CreatePolicy, ram:GetPolicy x2, ram:GetRole x2, ram:ListPoliciesForRole x2, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("eventbridge-delete-policy-version-custom.json",
          "1, 6 | oss:GetBucketVersioning, oss:GetObject, oss:PutObject x4, ram:GetPolicy, ram:GetRole, ram:ListPoliciesForRole, resourcemanager:ListPolicyAttachments"),
      Map.entry("eventbridge-delete-role-custom.json",
          "4, 13 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:AttachPolicyToRole, ram:CreateRole, ram:GetPolicy x2, ram:GetRole x2, ram:ListPoliciesForRole x2, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("eventbridge-delete-role-default.json",
          "4, 13 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:AttachPolicyToRole, ram:CreateRole, ram:GetRole x2, ram:ListPoliciesForRole x2, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("eventbridge-detach-policy-custom.json",
          "3, 12 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:AttachPolicyToRole, ram:GetPolicy x2, ram:GetRole x2, ram:ListPoliciesForRole x2, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("eventbridge-detach-policy-default.json",
          "3, 13 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:AttachPolicyToRole, ram:GetRole x2, ram:ListPoliciesForRole x2, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("eventbridge-set-default-version-custom.json",
          "4, 13 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:GetPolicy x2, ram:GetRole x2, ram:ListPoliciesForRole x2, ram:ListPolicyVersions, ram:SetDefaultPolicyVersion, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("eventbridge-update-role-trust-custom.json",
          "3, 12 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:GetPolicy x2, ram:GetRole x2, ram:ListPoliciesForRole x2, ram:UpdateRole, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("eventbridge-update-role-trust-default.json",
          "3, 12 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:GetRole x2, ram:ListPoliciesForRole x2, ram:UpdateRole, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("resourcemanager-attach-admin-group-custom.json",
          "2, 8 | oss:GetBucketVersioning, oss:GetObject, oss:PutObject x5, ram:GetPolicy x2, ram:GetRole, ram:ListPoliciesForRole, resourcemanager:ListPolicyAttachments"),
      Map.entry("resourcemanager-create-role-default.json",
          "4, 13 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:AttachPolicyToRole, ram:GetRole x2, ram:ListPoliciesForRole x2, ram:UpdateRole, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("resourcemanager-delete-role-default.json",
          "4, 13 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:AttachPolicyToRole, ram:CreateRole, ram:GetRole x2, ram:ListPoliciesForRole x2, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("resourcemanager-delete-service-linked-role.json",
          "17, 26 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, resourcemanager:CreateServiceLinkedRole, resourcemanager:GetRole x9, resourcemanager:GetServiceLinkedRoleDeletionStatus x7"),
      Map.entry("resourcemanager-share-delete-role-default.json",
          "4, 13 | oss:GetBucketVersioning, oss:GetObject x2, oss:ListObjects, oss:PutObject x6, ram:AttachPolicyToRole, ram:CreateRole, ram:GetRole x2, ram:ListPoliciesForRole x2, resourcemanager:ListPolicyAttachments x2"),
      Map.entry("skip-failed-call.json",
          "0, 0 | "),
      Map.entry("skip-guard-own-write.json",
          "1, 1 | resourcemanager:GetRole"),
      Map.entry("skip-read-only-call.json",
          "0, 0 | "),
      Map.entry("skip-unrelated-policy.json",
          "0, 0 | "),
      Map.entry("skip-unrelated-service.json",
          "0, 0 | "),
      Map.entry("skip-unwatched-role.json",
          "0, 0 | "),
      Map.entry("timer.json",
          "2, 3 | actiontrail:LookupEvents, oss:GetObject, ram:GetPolicy, ram:GetRole x2, ram:ListPoliciesForRole x2, resourcemanager:GetRole, resourcemanager:ListPolicyAttachments x2")));

  static Stream<String> eventFiles() throws Exception {
    return EventsIT.eventFiles();
  }

  @Test
  void everyEventFile_hasABudget() throws Exception {
    assertEquals(eventFiles().collect(Collectors.toList()), List.copyOf(BUDGET.keySet()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventFiles")
  void sample_makesExactlyItsBudgetedCallsInItsBudgetedRounds(String file) throws Exception {
    String budget = BUDGET.get(file);
    if (System.getProperty("budget.dump") != null) {
      String line = file + "\t" + measure(file) + "\n";
      synchronized (CallBudgetIT.class) { // the samples run side by side
        java.nio.file.Files.writeString(Path.of("cli/target/call-budgets.txt"), line,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      }
      return;
    }
    assertNotNull(budget, file + " has no budget");
    String seen = "";
    // Rounds come from timing: a loaded machine can only add rounds (a call late to its round),
    // never remove one, so a sample is run again, up to three times, while it shows more.
    for (int attempt = 0; attempt < 3 && (cloudRounds(seen) != cloudRounds(budget) || allRounds(seen) > allRounds(budget));
        attempt++) {
      seen = measure(file);
      assertEquals(calls(budget), calls(seen), file + ": the calls (budget: rounds | calls)");
    }
    assertEquals(cloudRounds(budget), cloudRounds(seen), file + ": sequential rounds of cloud API calls, in " + seen);
    // The shared state's writes may or may not overlap an alert or each other: a ceiling, not a count.
    assertTrue(allRounds(seen) <= allRounds(budget), file + ": rounds with OSS at most " + allRounds(budget) + ", in " + seen);
  }

  private static int cloudRounds(String described) {
    return described.isEmpty() ? -1 : Integer.parseInt(described.substring(0, described.indexOf(',')));
  }

  private static int allRounds(String described) {
    if (described.isEmpty()) {
      return Integer.MAX_VALUE;
    }
    return Integer.parseInt(described.substring(described.indexOf(',') + 1, described.indexOf('|')).trim());
  }

  /** One warm instance handles the sample after its change was made; what the emulator saw. */
  private static String measure(String file) throws Exception {
    try (Budgeted b = new Budgeted()) {
      byte[] event = GuardFixture.read(file);
      b.runtime.invoke("{\"action\":\"scan\"}".getBytes(StandardCharsets.UTF_8)); // a warm instance
      EventReplay.apply(b.emulator, TestJson.MAPPER.readTree(event));
      b.emulator.faults().latency(Faults.ANY, LATENCY);
      b.emulator.clearRequests();

      InvocationResult r = b.runtime.invoke(event);

      assertTrue(r.ok(), () -> file + ": " + r.json());
      return describe(b.emulator.timeline());
    }
  }

  private static String calls(String described) {
    return described.substring(described.indexOf('|'));
  }

  /**
   * "cloud rounds, all rounds | service:Action xN, ...": rounds of the cloud APIs' calls (RAM,
   * Resource Management, ActionTrail), then with the shared state's OSS calls; the calls sorted.
   */
  static String describe(CallTimeline timeline) {
    Map<String, Integer> counts = new TreeMap<>();
    timeline.calls().forEach(c -> counts.merge(c.toString(), 1, Integer::sum));
    return timeline.rounds(c -> !"oss".equals(c.service)) + ", " + timeline.rounds() + " | " + counts.entrySet().stream()
        .map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : "")).collect(Collectors.joining(", "));
  }

  /** An account as documented, a guard in restore mode with its state in OSS and a webhook. */
  private static final java.util.concurrent.atomic.AtomicInteger BUCKETS = new java.util.concurrent.atomic.AtomicInteger();

  static final class Budgeted implements AutoCloseable {
    final FakeTime time = new FakeTime();
    // a bucket of its own: the OSS client remembers per JVM which endpoint and bucket it found
    // unversioned, and a later emulator may get an earlier one's port
    final String bucket = "budget-" + BUCKETS.incrementAndGet();
    final CloudEmulator emulator;
    final WebhookReceiver webhook = new WebhookReceiver();
    final GuardRuntime runtime;

    Budgeted() throws Exception {
      // simulated time for the guard and the account (retries, deletion polls), real latency per call
      emulator = new CloudEmulator(SampleAccount.healthy(time), 0, time, Sleeper.REAL);
      emulator.allow(Caller.assumedRole("spark-role-guard-fc", "it", GuardFixture.KEY_ID, GuardFixture.SECRET, GuardFixture.TOKEN));
      emulator.oss().createBucket(bucket);
      Path dir = Files.createTempDirectory("guard-budget");
      Files.createDirectories(dir.resolve("policies"));
      Files.writeString(dir.resolve("policies/custom.json"), SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"));
      Files.writeString(dir.resolve("guard.yaml"), "mode: restore\nsettleSeconds: 0\n"
          + "ram: { endpoint: \"" + emulator.endpoint() + "\" }\n"
          + "actiontrail: { endpoint: \"" + emulator.endpoint() + "\" }\n"
          + "resourcemanager: { endpoint: \"" + emulator.endpoint() + "\" }\n"
          + "state: { store: oss, endpoint: \"" + emulator.endpoint() + "\", bucket: " + bucket + ", prefix: guard/, "
          + "secret: \"${env:GUARD_STATE_SECRET}\" }\n"
          + "roles:\n"
          + "  - name: " + SampleAccount.DEFAULT_ROLE + "\n"
          + "  - name: " + SampleAccount.CUSTOM_ROLE + "\n"
          + "    policies:\n"
          + "      - { name: " + SampleAccount.CUSTOM_POLICY + ", type: Custom, documentFile: policies/custom.json }\n"
          + "alerts:\n  - { type: webhook, url: \"${env:OPS_WEBHOOK_URL}\" }\n");
      Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", GuardFixture.KEY_ID,
          "ALIBABA_CLOUD_ACCESS_KEY_SECRET", GuardFixture.SECRET, "ALIBABA_CLOUD_SECURITY_TOKEN", GuardFixture.TOKEN,
          "OPS_WEBHOOK_URL", webhook.url("/hook"), "FC_ACCOUNT_ID", "1234567890123456",
          "GUARD_STATE_SECRET", SharedFixture.STATE_SECRET);
      runtime = GuardRuntime.build(ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, line -> { }, time.timing());
    }

    @Override
    public void close() {
      emulator.close();
      webhook.close();
    }
  }
}
