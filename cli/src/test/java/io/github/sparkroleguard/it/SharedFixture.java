package io.github.sparkroleguard.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.testing.FakeTime;
import io.github.sparkroleguard.local.WebhookReceiver;
import io.github.sparkroleguard.testing.TestJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One emulated account (RAM, ActionTrail and the OSS bucket of the shared state) and two guard
 * runtimes built from the same configuration, as two FC instances are: separate SDK clients,
 * separate memory, one store.
 */
final class SharedFixture implements AutoCloseable {
  static final String BUCKET = "spark-workspace-bucket";
  /** The key that authenticates what the guard stores (state.secret); never in a result or a log. */
  static final String STATE_SECRET = "state-secret-for-tests-0123456789abcdef";

  final CloudEmulator emulator;
  final WebhookReceiver webhook;
  final List<String> logA = new CopyOnWriteArrayList<>();
  final List<String> logB = new CopyOnWriteArrayList<>();
  /** The guards' time: real, but backoff and ActionTrail's pacing skip ahead instead of waiting. */
  final FakeTime time = FakeTime.skippingOnTheRealClock();
  final GuardRuntime a;
  final GuardRuntime b;

  /** @param topLevel extra top-level YAML; @param roleSettings YAML for both roles, e.g. "mode: restore" */
  SharedFixture(String topLevel, String roleSettings) throws IOException {
    this(topLevel, topLevel, roleSettings);
  }

  /** Instance b runs another configuration (an operator changed it between two invocations). */
  SharedFixture(String topLevel, String topLevelB, String roleSettings) throws IOException {
    emulator = new CloudEmulator(SampleAccount.healthy(Clock.systemUTC()), 0, Clock.systemUTC());
    emulator.allow(Caller.assumedRole("spark-role-guard-fc", "it", GuardFixture.KEY_ID, GuardFixture.SECRET, GuardFixture.TOKEN));
    emulator.oss().createBucket(BUCKET);
    webhook = new WebhookReceiver();
    Path dir = Files.createTempDirectory("guard-shared");
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(dir.resolve("policies/custom.json"), SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"));
    Files.writeString(dir.resolve("guard.yaml"), topLevel + "\n" + common(roleSettings));
    Files.writeString(dir.resolve("guard-b.yaml"), topLevelB + "\n" + common(roleSettings));
    Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", GuardFixture.KEY_ID,
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", GuardFixture.SECRET, "ALIBABA_CLOUD_SECURITY_TOKEN", GuardFixture.TOKEN,
        "OPS_WEBHOOK_URL", webhook.url("/hook"), "FC_ACCOUNT_ID", "1234567890123456", "GUARD_STATE_SECRET", STATE_SECRET);
    a = GuardRuntime.build(ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, logA::add, time.timing());
    b = GuardRuntime.build(ConfigLoader.load(dir.resolve("guard-b.yaml"), env::get), env::get, logB::add, time.timing());
  }

  private String common(String roleSettings) {
    String extra = roleSettings.isEmpty() ? "" : "    " + roleSettings + "\n";
    return "ram: { endpoint: \"" + emulator.endpoint() + "\" }\n"
        + "actiontrail: { endpoint: \"" + emulator.endpoint() + "\" }\n"
        + "resourcemanager: { endpoint: \"" + emulator.endpoint() + "\" }\n"
        + "state: { store: oss, endpoint: \"" + emulator.endpoint() + "\", bucket: " + BUCKET + ", prefix: guard/, "
        + "secret: \"${env:GUARD_STATE_SECRET}\" }\n"
        + "roles:\n"
        + "  - name: " + SampleAccount.DEFAULT_ROLE + "\n" + extra
        + "  - name: " + SampleAccount.CUSTOM_ROLE + "\n" + extra
        + "    policies:\n"
        + "      - { name: " + SampleAccount.CUSTOM_POLICY + ", type: Custom, documentFile: policies/custom.json }\n"
        + "alerts:\n  - { type: webhook, url: \"${env:OPS_WEBHOOK_URL}\" }\n";
  }

  /** An event file with another delivery id and event id (a new change of the same kind). */
  static byte[] event(String file, String id) throws IOException {
    ObjectNode e = (ObjectNode) TestJson.MAPPER.readTree(GuardFixture.read(file));
    e.put("id", id);
    ((ObjectNode) e.get("data")).put("eventId", id);
    return e.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Makes an event's change happen in the account (and ActionTrail record it). */
  void replay(byte[] event) throws IOException {
    EventReplay.apply(emulator, TestJson.MAPPER.readTree(event));
  }

  int alerts() {
    return webhook.received().size();
  }

  @Override
  public void close() {
    emulator.close();
    webhook.close();
  }
}
