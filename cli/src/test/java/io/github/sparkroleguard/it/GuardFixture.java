package io.github.sparkroleguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.local.WebhookReceiver;
import io.github.sparkroleguard.testing.FakeTime;
import io.github.sparkroleguard.testing.TestJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An emulated account set up as the documentation says, a webhook receiver, and a guard built
 * the way FC builds it (YAML config from a file, credentials from the environment), talking to
 * the emulator through the real SDK over loopback HTTP.
 */
final class GuardFixture implements AutoCloseable {
  static final Path EVENTS = Path.of("events");
  static final String KEY_ID = "STS.TestGuardKey00042";
  static final String SECRET = "test-guard-secret-ZX81";
  static final String TOKEN = "test-sts-token-QL7-very-secret";

  /** Simulated time shared by the emulator and the guard: retries, latency and settling never wait. */
  final FakeTime time = new FakeTime();
  final CloudEmulator emulator;
  final WebhookReceiver webhook;
  final List<String> log = new CopyOnWriteArrayList<>();
  final GuardRuntime runtime;
  final Path dir;

  final String channelSecret;

  /** @param roleSettings extra YAML for both protected roles, e.g. "mode: restore" */
  GuardFixture(String topLevel, String roleSettings) throws IOException {
    this(topLevel, roleSettings, "alerts:\n  - { type: webhook, url: \"${env:OPS_WEBHOOK_URL}\" }\n", "unused-secret");
  }

  GuardFixture(String topLevel, String roleSettings, String alerts, String channelSecret) throws IOException {
    this(topLevel, roleSettings, alerts, channelSecret, SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"));
  }

  /** @param customDocument the pinned document of the custom policy (policies/custom.json) */
  GuardFixture(String topLevel, String roleSettings, String alerts, String channelSecret, String customDocument)
      throws IOException {
    this.channelSecret = channelSecret;
    emulator = new CloudEmulator(SampleAccount.healthy(time), 0, time, time::sleep);
    emulator.allow(Caller.assumedRole("spark-role-guard-fc", "it", KEY_ID, SECRET, TOKEN));
    webhook = new WebhookReceiver();
    dir = Files.createTempDirectory("guard-it");
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(dir.resolve("policies/custom.json"), customDocument);
    String indent = "    ";
    String extra = roleSettings.isEmpty() ? "" : indent + roleSettings.replace("\n", "\n" + indent) + "\n";
    Files.writeString(dir.resolve("guard.yaml"), topLevel + "\n"
        + "ram: { endpoint: \"" + emulator.endpoint() + "\" }\n"
        + "actiontrail: { endpoint: \"" + emulator.endpoint() + "\" }\n"
        + "resourcemanager: { endpoint: \"" + emulator.endpoint() + "\" }\n"
        + "roles:\n"
        + "  - name: " + SampleAccount.DEFAULT_ROLE + "\n" + extra
        + "  - name: " + SampleAccount.CUSTOM_ROLE + "\n" + extra
        + "    policies:\n"
        + "      - { name: " + SampleAccount.CUSTOM_POLICY + ", type: Custom, documentFile: policies/custom.json }\n"
        + alerts);
    Map<String, String> env = env();
    runtime = GuardRuntime.build(ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, log::add, time.timing());
  }

  Map<String, String> env() {
    return Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET,
        "ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN, "OPS_WEBHOOK_URL", webhook.url("/hook?access_token=hook-token-0123"),
        "FC_ACCOUNT_ID", "1234567890123456", "CHANNEL_SECRET", channelSecret);
  }

  static byte[] read(String file) throws IOException {
    return Files.readAllBytes(EVENTS.resolve(file));
  }

  /** Makes the event's change happen in the emulated account, as its actor did. */
  void replay(String file) throws IOException {
    EventReplay.apply(emulator, TestJson.MAPPER.readTree(read(file)));
  }

  InvocationResult invoke(byte[] payload) {
    return runtime.invoke(payload);
  }

  InvocationResult invoke(String file) throws IOException {
    return invoke(read(file));
  }

  static JsonNode role(InvocationResult r, String name) {
    for (JsonNode role : r.json().path("roles")) {
      if (role.path("roleName").asText().equals(name)) {
        return role;
      }
    }
    return null;
  }

  String everything(InvocationResult r) {
    return r.json().toString() + String.join("\n", log)
        + webhook.received().stream().map(x -> x.body).reduce("", String::concat);
  }

  @Override
  public void close() {
    emulator.close();
    webhook.close();
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
