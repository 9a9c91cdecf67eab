package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.guard.InvocationResult;
import org.junit.jupiter.api.Test;

/**
 * FC documents no failure destination for timer invocations, and EventBridge's retries and
 * dead-letter queue for FC triggers cover custom event sources only (PLATFORM.md section 9): an
 * invocation that fails to protect a role is alerted by the guard itself, through its channels,
 * once per re-alert window, across instances when a store is shared.
 */
class FailedScanAlertIT {
  @Test
  void failedTimerScan_alertsOnce_secondInstanceSharingTheStore_doesNotRealert() throws Exception {
    try (SharedFixture f = new SharedFixture("", "")) {
      f.emulator.faults().failAlways("GetRole", 403, "NoPermission");
      InvocationResult first = f.a.invoke(SharedStateIT.timer());
      assertFalse(first.ok(), first.json().toString());
      assertEquals(1, f.alerts(), "the failed scan is alerted through the channel");
      String body = f.webhook.received().get(0).body;
      assertTrue(body.contains("could not protect"), body);
      assertTrue(body.contains("NoPermission"), body);

      InvocationResult second = f.b.invoke(SharedStateIT.timer());
      assertFalse(second.ok(), "still a failed invocation");
      assertEquals(1, f.alerts(), "the other instance sees the failure already alerted in the window");
      assertFalse(f.a.invoke(SharedStateIT.timer()).ok());
      assertEquals(1, f.alerts(), "nor does the first one again");
    }
  }

  @Test
  void failedEvent_isAlertedToo() throws Exception {
    try (SharedFixture f = new SharedFixture("", "")) {
      byte[] e = SharedFixture.event(SharedStateIT.DETACH, "fail-1");
      f.replay(e);
      f.emulator.faults().failAlways("GetRole", 403, "NoPermission");
      InvocationResult r = f.a.invoke(e);
      assertFalse(r.ok(), r.json().toString());
      assertEquals(1, f.alerts(), "no failure destination or dead letter is relied on");
    }
  }
}
