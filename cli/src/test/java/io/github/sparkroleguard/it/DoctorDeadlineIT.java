package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.emulator.Faults;
import io.github.sparkroleguard.eventbridge.CommonRequestEventBridge;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.transport.SdkCaller;
import io.github.sparkroleguard.testing.FakeTime;
import io.github.sparkroleguard.transport.CredentialsHolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * doctor's clients answer within the invocation's budget (retryBudgetSeconds) whatever the
 * services do: a Resource Management or EventBridge that answers 503 forever makes doctor report,
 * not spin. Time is simulated: the retries' backoffs move a fake clock.
 */
class DoctorDeadlineIT {
  static final byte[] DOCTOR = "{\"action\":\"doctor\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void everyServiceAnswering503_doctorReportsWithinTheBudget() throws Exception {
    try (GuardFixture f = new GuardFixture("", "")) {
      Files.writeString(f.dir.resolve("guard.yaml"), Files.readString(f.dir.resolve("guard.yaml"))
          + "eventbridge:\n  endpoints: { cn-hangzhou: \"" + f.emulator.endpoint() + "\", ap-southeast-1: \""
          + f.emulator.endpoint() + "\" }\n");
      Map<String, String> env = f.env();
      GuardConfig config = ConfigLoader.load(f.dir.resolve("guard.yaml"), env::get);
      FakeTime time = new FakeTime();
      Instant start = time.instant();
      GuardRuntime runtime = GuardRuntime.build(config, env::get, f.log::add, time.timing());
      f.emulator.faults().failAlways(Faults.ANY, 503, "ServiceUnavailable");
      InvocationResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> runtime.invoke(DOCTOR),
          "doctor must give up when its budget is spent");
      assertTrue(r.json().path("checks").size() > 0, r.json().toString());
      Duration spent = Duration.between(start, time.instant());
      assertTrue(spent.compareTo(Duration.ofSeconds(config.retryBudgetSeconds())) <= 0,
          "simulated time spent " + spent + " exceeds the budget");
    }
  }

  @Test
  void eventBridgeClient_pastItsDeadline_callsNothing() throws Exception {
    try (GuardFixture f = new GuardFixture("", "")) {
      FakeTime time = new FakeTime();
      CredentialsHolder creds = new CredentialsHolder();
      creds.setFromEnvironment(f.env()::get);
      GuardConfig config = ConfigLoader.load(f.dir.resolve("guard.yaml"), f.env()::get);
      CommonRequestEventBridge eb = new CommonRequestEventBridge(SdkCaller.newClient("cn-hangzhou", creds),
          config.eventBridge(), time, time.instant().plus(Duration.ofSeconds(5)));
      time.advance(Duration.ofSeconds(6));
      CloudCallException e = org.junit.jupiter.api.Assertions.assertThrows(CloudCallException.class, () -> eb.listRules("cn-hangzhou", "default"));
      assertEquals("DeadlineExceeded", e.code());
      assertFalse(e.retryable());
      assertEquals(5_000, CommonRequestEventBridge.readTimeoutMs(Duration.ofSeconds(5)));
      assertEquals(10_000, CommonRequestEventBridge.readTimeoutMs(Duration.ofSeconds(50)));
    }
  }
}
