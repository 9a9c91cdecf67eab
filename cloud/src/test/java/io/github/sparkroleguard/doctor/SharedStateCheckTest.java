package io.github.sparkroleguard.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.state.DeliveredEvent;
import io.github.sparkroleguard.state.FallbackState;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.MemoryState;
import io.github.sparkroleguard.state.StateException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedStateCheckTest {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static GuardConfig config(String yaml) {
    return new ConfigLoader(Map.of("GUARD_STATE_SECRET", "0123456789abcdef0123456789abcdef")::get, null).parse(yaml);
  }

  private static final GuardConfig OSS = config("state: { store: oss, bucket: guard-state, secret: \"${env:GUARD_STATE_SECRET}\" }\n");

  private static Finding only(GuardConfig c, GuardState s) {
    List<Finding> f = new SharedStateCheck(c, s, CLOCK).run();
    assertEquals(1, f.size());
    return f.get(0);
  }

  @Test
  void run_noStateSection_passesAndSaysMemoryIsPerInstance() {
    Finding f = only(config("mode: alert\n"), new MemoryState());

    assertEquals("pass", f.status().wireName());
    assertTrue(f.detail().contains("per instance"), f.detail());
  }

  @Test
  void run_storeAnswers_reportsTheLastDeliveryAndWarnsWhenItIsOld() {
    MemoryState recent = new MemoryState();
    recent.delivered(List.of(new DeliveredEvent("ev-1", "DetachPolicyFromRole", NOW.minus(Duration.ofMinutes(5)))), NOW);
    MemoryState old = new MemoryState();
    old.delivered(List.of(new DeliveredEvent("ev-0", "UpdateRole", NOW.minus(Duration.ofDays(3)))), NOW);

    Finding fresh = only(OSS, recent);
    Finding stale = only(OSS, old);
    Finding none = only(OSS, new MemoryState());

    assertEquals("pass", fresh.status().wireName());
    assertTrue(fresh.detail().contains("5 minutes ago") && fresh.detail().contains("ev-1"), fresh.detail());
    assertEquals("warn", stale.status().wireName());
    assertTrue(stale.fix().contains("both regions"), stale.fix());
    assertEquals("warn", none.status().wireName());
  }

  @Test
  void run_storeDown_failsNamingWhatToCheck() {
    GuardState down = (GuardState) Proxy.newProxyInstance(GuardState.class.getClassLoader(), new Class<?>[] {GuardState.class},
        (p, m, a) -> {
          if (m.getName().equals("describe")) {
            return "oss://guard-state/spark-role-guard/";
          }
          throw new StateException("GetObject: 403 AccessDenied");
        });

    Finding f = only(OSS, new FallbackState(down, reason -> { }));

    assertEquals("fail", f.status().wireName());
    assertTrue(f.fix().contains("oss:GetObject"), f.fix());
  }
}
