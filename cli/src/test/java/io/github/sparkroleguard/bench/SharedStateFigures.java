package io.github.sparkroleguard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.local.WebhookReceiver;
import io.github.sparkroleguard.testing.TestJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RELIABILITY.md's shared-state figures: four guard runtimes (four FC instances) against one
 * emulated account, with per-instance memory, with the OSS store, and with the OSS store down.
 * Counts what reaches people: alerts per duplicated event, alerts per unrepaired drift over six
 * scans, restores before a flapping role is paused. A documented main: {@code bash bench/run.sh shared}.
 */
public final class SharedStateFigures {
  static final int INSTANCES = 4;
  static final String DETACH = "events/eventbridge-detach-policy-default.json";

  private SharedStateFigures() {}

  public static void main(String[] args) throws Exception {
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version")
        + "; " + INSTANCES + " instances, one account");
    System.out.println("| memory | duplicated events: alerts per event | unrepaired drift, 6 scans: alerts | flapping (limit 3), 8 breaks: restores before the pause |");
    System.out.println("|---|---|---|---|");
    for (String mode : List.of("per instance", "OSS store", "OSS store down")) {
      System.out.println("| " + mode + " | " + duplicates(mode) + " | " + realerts(mode) + " | " + flapping(mode) + " |");
    }
  }

  /** 10 events, each delivered once to every instance (EventBridge at-least-once, worst case). */
  static String duplicates(String mode) throws Exception {
    try (Setup s = new Setup(mode, "", "")) {
      for (int i = 0; i < 10; i++) {
        byte[] e = event("dup-" + i);
        EventReplay.apply(s.emulator, TestJson.MAPPER.readTree(e));
        for (GuardRuntime g : s.instances) {
          g.invoke(e);
        }
      }
      return String.format("%.1f", s.webhook.received().size() / 10.0);
    }
  }

  /** One drift left unrepaired (alert mode), a timer scan on each instance in turn, 6 scans within realertMinutes. */
  static String realerts(String mode) throws Exception {
    try (Setup s = new Setup(mode, "realertMinutes: 60", "")) {
      EventReplay.apply(s.emulator, TestJson.MAPPER.readTree(event("drift")));
      byte[] timer = Files.readAllBytes(Path.of("events/timer.json"));
      for (int i = 0; i < 6; i++) {
        s.instances.get(i % INSTANCES).invoke(timer);
      }
      return Integer.toString(s.webhook.received().size());
    }
  }

  /** Someone breaks the role 8 times; each event reaches another instance. */
  static String flapping(String mode) throws Exception {
    try (Setup s = new Setup(mode, "flapping: { restores: 3, windowMinutes: 10, coolDownMinutes: 30 }", "    mode: restore\n")) {
      for (int i = 0; i < 8; i++) {
        byte[] e = event("flap-" + i);
        EventReplay.apply(s.emulator, TestJson.MAPPER.readTree(e));
        s.instances.get(i % INSTANCES).invoke(e);
      }
      return Integer.toString(s.emulator.writes().size());
    }
  }

  static byte[] event(String id) throws Exception {
    ObjectNode e = (ObjectNode) TestJson.MAPPER.readTree(Files.readAllBytes(Path.of(DETACH)));
    e.put("id", id);
    ((ObjectNode) e.get("data")).put("eventId", id);
    return e.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The account, a webhook, and the instances built from one configuration. */
  static final class Setup implements AutoCloseable {
    final CloudEmulator emulator;
    final WebhookReceiver webhook;
    final List<GuardRuntime> instances = new ArrayList<>();

    Setup(String mode, String topLevel, String roleSettings) throws Exception {
      emulator = new CloudEmulator(SampleAccount.healthy(Clock.systemUTC()), 0, Clock.systemUTC());
      emulator.allow(Caller.assumedRole("spark-role-guard-fc", "bench", GuardBench.KEY, GuardBench.SECRET, GuardBench.TOKEN));
      emulator.oss().createBucket("bench-bucket");
      emulator.oss().down(mode.endsWith("down"));
      webhook = new WebhookReceiver();
      Path dir = Files.createTempDirectory("guard-shared-bench");
      Files.writeString(dir.resolve("guard.yaml"), topLevel + "\n"
          + "ram: { endpoint: \"" + emulator.endpoint() + "\" }\n"
          + "actiontrail: { endpoint: \"" + emulator.endpoint() + "\" }\n"
          + "resourcemanager: { endpoint: \"" + emulator.endpoint() + "\" }\n"
          + (mode.startsWith("OSS") ? "state: { store: oss, endpoint: \"" + emulator.endpoint() + "\", bucket: bench-bucket, secret: \"${env:GUARD_STATE_SECRET}\" }\n" : "")
          + "roles:\n  - name: " + SampleAccount.DEFAULT_ROLE + "\n" + roleSettings
          + "alerts:\n  - { type: webhook, url: \"" + webhook.url("/hook") + "\" }\n");
      Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", GuardBench.KEY,
          "ALIBABA_CLOUD_ACCESS_KEY_SECRET", GuardBench.SECRET, "ALIBABA_CLOUD_SECURITY_TOKEN", GuardBench.TOKEN,
          "GUARD_STATE_SECRET", "bench-state-key-0123456789abcdef0123");
      for (int i = 0; i < INSTANCES; i++) {
        instances.add(GuardRuntime.build(ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, line -> { }));
      }
    }

    @Override
    public void close() {
      emulator.close();
      webhook.close();
    }
  }
}
