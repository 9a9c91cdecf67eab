package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.AccountsEmulator;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.testing.FakeTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue 22, section 4: a central guard's threads are bounded by {@code fleet.concurrency}, not by
 * the number of accounts, and do not grow over repeated scans (today every account gets its own
 * pools: 1,240 then 3,490 threads over three scans of 150 accounts).
 */
@Isolated("it counts every guard thread in the JVM")
class FleetThreadsIT {
  static final int ACCOUNTS = 24;
  static final int FLEET_CONCURRENCY = 2;
  static final int RAM_CONCURRENCY = 2;

  @Test
  void repeatedScansOfManyAccounts_keepTheGuardsThreadsBoundedByFleetConcurrency() throws Exception {
    try (AccountsEmulator cloud = new AccountsEmulator(Clock.systemUTC())) {
      AccountState central = new AccountState();
      central.accountId = FleetIT.CENTRAL;
      cloud.addAccount(central, "security");
      cloud.allow(FleetIT.CENTRAL, Caller.assumedRole(FleetIT.GUARD_ROLE, "fc", FleetIT.KEY_ID, FleetIT.SECRET,
          FleetIT.TOKEN), FleetIT.GUARD_ROLE);
      StringBuilder accounts = new StringBuilder("accounts:\n");
      for (int i = 0; i < ACCOUNTS; i++) {
        String id = String.valueOf(2_000_000_000_000_100L + i);
        AccountState s = SampleAccount.healthy(Clock.systemUTC());
        s.accountId = id;
        CloudEmulator e = cloud.addAccount(s, "member-" + i);
        e.ram().createRole(FleetIT.MEMBER_ROLE, "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
            + "\"sts:AssumeRole\",\"Principal\":{\"RAM\":[\"acs:ram::" + FleetIT.CENTRAL + ":root\"]}}]}", "", 3600L);
        accounts.append("  - { id: \"").append(id).append("\" }\n");
      }
      Path dir = Files.createTempDirectory("fleet-threads");
      Files.writeString(dir.resolve("guard.yaml"), "mode: restore\nattributionHours: 0\n"
          + "ram: { endpoint: \"" + cloud.endpoint() + "\", concurrency: " + RAM_CONCURRENCY + " }\n"
          + "actiontrail: { endpoint: \"" + cloud.endpoint() + "\" }\n"
          + "resourcemanager: { endpoint: \"" + cloud.endpoint() + "\" }\n"
          + "roles:\n  - name: " + SampleAccount.DEFAULT_ROLE + "\n" + accounts
          + "fleet: { memberRole: " + FleetIT.MEMBER_ROLE + ", concurrency: " + FLEET_CONCURRENCY
          + ", sts: { endpoint: \"" + cloud.endpoint() + "\" } }\n");
      Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", FleetIT.KEY_ID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
          FleetIT.SECRET, "ALIBABA_CLOUD_SECURITY_TOKEN", FleetIT.TOKEN);
      Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet()); // other tests' idle pools are not ours
      GuardRuntime rt = GuardRuntime.build(ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, line -> { },
          FakeTime.skippingOnTheRealClock().timing());
      // A fleet runner, each account's role scans, each scan's RAM reads: per account at once, never per account.
      // up to five reads per role scan: GetRole, ListPoliciesForRole, a pinned policy, the grants, the pause
      int bound = FLEET_CONCURRENCY * (1 + RAM_CONCURRENCY + Math.max(5, 5 * RAM_CONCURRENCY));
      List<Integer> counts = new ArrayList<>();
      for (int scan = 0; scan < 3; scan++) {
        InvocationResult r = rt.invoke("{\"action\":\"scan\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(r.ok(), r.json().toString());
        counts.add(guardThreads(before));
      }
      assertTrue(counts.stream().allMatch(c -> c <= bound), "guard threads after each of three scans of " + ACCOUNTS
          + " accounts: " + counts + " (bound " + bound + " for fleet.concurrency " + FLEET_CONCURRENCY + ")");
    }
  }

  /** Live threads this guard made (its pools name them guard-*). */
  private static int guardThreads(Set<Thread> before) {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("guard-") && !before.contains(t)).count();
  }
}
