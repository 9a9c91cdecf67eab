package io.github.sparkroleguard.bench;

import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.AccountsEmulator;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.Faults;
import io.github.sparkroleguard.emulator.CloudEmulator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulated directory FleetBench scans: a central account and {@code accounts} members, each
 * with {@code roles} protected roles and the member role, 50 ms added to every RAM and STS call.
 * FleetBench and FanOutBench build it in their own JVM; run as a main it serves them from a JVM of
 * its own (its own heap), prints "endpoint URL" and stays up until its standard input closes:
 * FleetBench's {@code separate} mode, so a -Xmx given to the bench bounds the guard alone.
 */
public final class FleetCloud implements AutoCloseable {
  final AccountsEmulator cloud;
  final List<String> ids = new ArrayList<>();
  String roles;

  FleetCloud(int accounts, int extraRoles) throws IOException {
    this(accounts, extraRoles, FleetBench.KEY, FleetBench.SECRET, FleetBench.TOKEN);
  }

  /** @param key the central guard's session (its function role), with its secret and token */
  FleetCloud(int accounts, int extraRoles, String key, String secret, String token) throws IOException {
    cloud = new AccountsEmulator(Clock.systemUTC());
    AccountState central = new AccountState();
    central.accountId = FleetBench.CENTRAL;
    cloud.addAccount(central, "central");
    cloud.allow(FleetBench.CENTRAL, Caller.assumedRole("spark-role-guard-fc", "bench", key, secret, token),
        "spark-role-guard-fc");
    for (int i = 0; i < accounts; i++) {
      String id = id(i);
      GuardBench.ManyRoles many = new GuardBench.ManyRoles(extraRoles);
      many.state.accountId = id;
      CloudEmulator e = cloud.addAccount(many.state, "member-" + i);
      e.ram().createRole(FleetBench.MEMBER_ROLE, "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
          + "\"sts:AssumeRole\",\"Principal\":{\"RAM\":[\"acs:ram::" + FleetBench.CENTRAL + ":role/spark-role-guard-fc\"]}}]}",
          "", 3600L);
      e.faults().latency(Faults.ANY, Duration.ofMillis(50));
      roles = many.roles.toString();
      ids.add(id);
    }
    cloud.stsLatency(Duration.ofMillis(50));
  }

  @Override
  public void close() {
    cloud.close();
  }

  static String id(int i) {
    return String.valueOf(2_000_000_000_000_000L + i);
  }

  /** {@code FleetCloud accounts roles}: serves the directory until standard input closes. */
  public static void main(String[] args) throws Exception {
    FleetCloud c = new FleetCloud(Integer.parseInt(args[0]), Integer.parseInt(args[1]) - 1);
    System.out.println("endpoint " + c.cloud.endpoint());
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the bench to finish
    }
    c.close();
  }
}
