package io.github.sparkroleguard.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.sparkroleguard.config.Accounts;
import io.github.sparkroleguard.config.MemberAccount;
import io.github.sparkroleguard.transport.SdkCaller;
import io.github.sparkroleguard.testing.FakeTime;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.RateGate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions are cached, but never more than the capacity: memory does not grow with the directory. */
class MemberSessionsTest {
  private static MemberAccount account(int i) {
    return MemberAccount.listed(String.valueOf(2_000_000_000_000_000L + i), "", "member", "", List.of());
  }

  @Test
  void sessions_areReused_andTheLeastRecentlyUsedIsDroppedPastTheCapacity() {
    FakeTime time = new FakeTime();
    CredentialsHolder central = new CredentialsHolder();
    MemberSessions sessions = new MemberSessions(null, central, Accounts.NONE, c -> SdkCaller.profile("cn-hangzhou"),
        new RateGate(10, time, time.timing().sleeper()), 3);

    CredentialsHolder first = sessions.credentials(account(0));
    for (int i = 1; i < 10; i++) {
      sessions.credentials(account(i));
      sessions.credentials(account(0)); // kept in use
    }

    assertEquals(3, sessions.size());
    assertSame(first, sessions.credentials(account(0)), "a session in use is kept");
    CredentialsHolder nine = sessions.credentials(account(9));
    sessions.credentials(account(1)); // dropped before: assumed anew, and 8 goes
    assertEquals(3, sessions.size());
    assertSame(nine, sessions.credentials(account(9)));
    assertNotSame(first, sessions.credentials(account(1)));
  }
}
