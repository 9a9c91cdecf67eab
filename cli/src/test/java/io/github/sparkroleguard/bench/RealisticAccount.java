package io.github.sparkroleguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EmulatedRam;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.local.WebhookReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The account and configuration of a user who set the guard up properly, for the cold-start
 * bench (bench/coldstart.sh, through {@link ColdStartRun}): restore mode; the default role and
 * two custom execution roles, each pinning the product documentation's policy documents (trust,
 * OSS/DLF; MaxCompute and KMS for the second); Resource Management's reads; two alert channels of
 * different types (a signed webhook and a signed DingTalk robot) posting to a loopback receiver;
 * the OSS store on the emulator with {@code state.secret}. The emulator and the receiver run in
 * the driver's JVM, outside the CPU limit, like the cloud services they stand for.
 *
 * <p>Every run starts from the same account: the role the event names deleted ({@link
 * EventReplay}), restored by the run before and deleted again here, and an empty store under a
 * fresh prefix (no earlier run's restores count towards flapping, no event id is a duplicate),
 * with the event's ids fresh as well. {@link #check} holds each run to the work it measures: the
 * role restored and one message received on each channel.
 */
final class RealisticAccount implements AutoCloseable {
  static final String SECOND_ROLE = "spark-jobrun-maxcompute";
  private static final String BUCKET = "guard-state-local";

  private final CloudEmulator emu;
  private final WebhookReceiver receiver = new WebhookReceiver();
  private final Path dir;
  private final byte[] broken;
  private final byte[] event;
  private final String roleName;
  private int run;
  private int receivedBefore;

  RealisticAccount(Path dir, byte[] event, String keyId, String keySecret) throws IOException {
    this.dir = dir.toAbsolutePath();  // the bootstrap cd-s to its own directory
    this.event = event;
    Clock clock = Clock.systemUTC();
    AccountState state = SampleAccount.healthy(clock);
    EmulatedRam ram = new EmulatedRam(state, clock);
    String trust = SampleAccount.resource("/policies/execution-role-trust.json");
    ram.createPolicy("spark-maxcompute", SampleAccount.resource("/policies/maxcompute-act-on-behalf.json"), "MaxCompute");
    ram.createPolicy("spark-kms", SampleAccount.resource("/policies/kms-for-encrypted-oss.json"), "KMS for encrypted OSS");
    ram.createRole(SECOND_ROLE, trust, "Custom execution role with MaxCompute", 3600L);
    ram.attachPolicyToRole("Custom", "spark-maxcompute", SECOND_ROLE);
    ram.attachPolicyToRole("Custom", "spark-kms", SECOND_ROLE);
    emu = new CloudEmulator(state, 0, clock);
    emu.allow(Caller.ramUser("local-operator", keyId, keySecret));
    emu.oss().createBucket(BUCKET);
    JsonNode payload = Json.parse(event);
    roleName = payload.path("data").path("requestParameters").path("RoleName").asText();
    EventReplay.apply(emu, payload);
    Path saved = dir.resolve("account-broken.json");
    Files.createDirectories(dir.resolve("policies"));
    emu.ram().save(saved);
    broken = Files.readAllBytes(saved);
    for (String p : new String[] {"execution-role-trust.json", "custom-execution-role-oss-dlf.json",
        "maxcompute-act-on-behalf.json", "kms-for-encrypted-oss.json"}) {
      Files.writeString(dir.resolve("policies/" + p), SampleAccount.resource("/policies/" + p));
    }
  }

  /** The environment the guard's process gets: the channels' URLs and every secret, as FC's variables. */
  Map<String, String> environment(int run) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GUARD_CONFIG", dir.resolve("guard-" + run + ".yaml").toString());
    env.put("BENCH_WEBHOOK_URL", receiver.url("/hook/ops-alerts?token=bench"));
    env.put("BENCH_WEBHOOK_SECRET", "bench-webhook-secret-not-real");
    env.put("BENCH_DINGTALK_URL", receiver.url("/robot/send?access_token=bench"));
    env.put("BENCH_DINGTALK_SECRET", "SECbench-not-real");
    env.put("GUARD_STATE_SECRET", "bench-state-key-0123456789abcdef0123");
    env.put("FC_ACCOUNT_ID", emu.ram().accountId());
    return env;
  }

  /** Puts the account back as broken, writes this run's configuration; returns the run's number and event. */
  int prepare() throws IOException {
    run++;
    emu.ram().replace(EmulatedRam.load(broken));
    receivedBefore = receiver.received().size();
    Files.writeString(dir.resolve("guard-" + run + ".yaml"), config(run));
    return run;
  }

  /** The event with ids of its own for this run (a redelivered id would be skipped as a duplicate). */
  byte[] event(int run) {
    String e = new String(event, StandardCharsets.UTF_8)
        .replaceAll("\"id\": \"[^\"]*\"", "\"id\": \"bench-delivery-" + run + "\"")
        .replaceAll("\"eventId\": \"[^\"]*\"", "\"eventId\": \"bench-event-" + run + "\"");
    return e.getBytes(StandardCharsets.UTF_8);
  }

  /** Fails unless the run restored the role and alerted on both channels. */
  void check(String answer) {
    if (!answer.contains("\"restored\"")) {
      throw new IllegalStateException("the guard did not restore " + roleName + ": " + answer);
    }
    if (!emu.ram().hasRole(roleName)) {
      throw new IllegalStateException(roleName + " is still missing after the run");
    }
    long hooks = receiver.received().stream().skip(receivedBefore).filter(r -> r.path.startsWith("/hook/")).count();
    long robot = receiver.received().stream().skip(receivedBefore).filter(r -> r.path.startsWith("/robot/")).count();
    if (hooks < 1 || robot < 1) {
      throw new IllegalStateException("alerts: webhook " + hooks + ", dingtalk " + robot + " (one each expected)");
    }
  }

  private String config(int run) {
    String endpoint = emu.endpoint();
    return String.join("\n",
        "# Written by bench/RealisticAccount: a configuration like a real user's.",
        "mode: restore",
        "ram: { endpoint: \"" + endpoint + "\" }",
        "actiontrail: { endpoint: \"" + endpoint + "\" }",
        "resourcemanager: { endpoint: \"" + endpoint + "\" }",
        "roles:",
        "  - name: " + SampleAccount.DEFAULT_ROLE,
        "  - name: " + SampleAccount.CUSTOM_ROLE,
        "    detachUnexpected: true",
        "    trustPolicyFile: policies/execution-role-trust.json",
        "    description: Custom execution role",
        "    policies:",
        "      - { name: " + SampleAccount.CUSTOM_POLICY + ", type: Custom, documentFile: policies/custom-execution-role-oss-dlf.json }",
        "  - name: " + SECOND_ROLE,
        "    trustPolicyFile: policies/execution-role-trust.json",
        "    description: Custom execution role with MaxCompute",
        "    policies:",
        "      - { name: spark-maxcompute, type: Custom, documentFile: policies/maxcompute-act-on-behalf.json }",
        "      - { name: spark-kms, type: Custom, documentFile: policies/kms-for-encrypted-oss.json }",
        "alerts:",
        "  - { type: webhook, url: \"${env:BENCH_WEBHOOK_URL}\", secret: \"${env:BENCH_WEBHOOK_SECRET}\" }",
        "  - { type: dingtalk, url: \"${env:BENCH_DINGTALK_URL}\", secret: \"${env:BENCH_DINGTALK_SECRET}\" }",
        "state: { store: oss, endpoint: \"" + endpoint + "\", bucket: " + BUCKET + ", prefix: bench-run-" + run
            + "/, secret: \"${env:GUARD_STATE_SECRET}\" }",
        "");
  }

  @Override
  public void close() {
    receiver.close();
    emu.close();
  }
}
