package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.emulator.Faults;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every breaking sample event, in restore mode, under injected faults. Each run must end with the
 * role at its baseline (restored, or alerted and restored by the next scan once the fault is gone)
 * or with a failed invocation whose result carries the drift: never a silent success. Counts go
 * to cli/target/reliability.md, which RELIABILITY.md reproduces.
 */
class FaultInjectionIT {
  static final String RESTORE = "mode: restore\ndetachUnexpected: true";
  static final Map<String, long[]> TABLE = new LinkedHashMap<>();
  static final String[] COLUMNS = {"runs", "drifts injected", "restored", "alerted", "failed and reported",
      "recovered by the next scan", "lost", "foreign writes", "secrets leaked"};

  static List<String> events() throws Exception {
    return RestoreIT.breakingEvents().filter(f -> !f.startsWith("batch-")).collect(Collectors.toList());
  }

  /** Runs every event with the fault applied, tallies the outcome, asserts the invariants. */
  static void scenario(String name, List<String> files, int budgetSeconds, BiConsumer<Faults, String> fault) throws Exception {
    long[] row = new long[COLUMNS.length];
    for (String file : files) {
      try (GuardFixture f = new GuardFixture("retryBudgetSeconds: " + budgetSeconds, RESTORE)) {
        f.replay(file);
        fault.accept(f.emulator.faults(), file);
        row[0]++;
        row[1]++;
        InvocationResult r = f.invoke(file);
        boolean atBaseline = atBaseline(f.emulator);
        JsonNode drift = r.json().path("roles");
        boolean carriesDrift = false;
        boolean alerted = false;
        for (JsonNode role : drift) {
          carriesDrift |= role.path("drift").size() > 0 || !role.path("error").asText().isEmpty();
          for (JsonNode a : role.path("alerts")) {
            alerted |= !a.path("channel").asText().equals("log") && a.path("delivered").asBoolean();
          }
        }
        if (r.ok() && atBaseline) {
          row[2]++;
        } else if (r.ok() && alerted) {
          row[3]++;
        } else if (!r.ok() && carriesDrift) {
          row[4]++;
        } else {
          row[6]++;
        }
        if (!atBaseline) {
          f.emulator.faults().clear();
          InvocationResult next = f.invoke("timer.json");
          if (next.ok() && atBaseline(f.emulator)) {
            row[5]++;
          } else {
            row[6]++;
          }
        }
        row[7] += foreignWrites(f.emulator);
        row[8] += leaks(f, r);
      }
    }
    TABLE.put(name, row);
    assertEquals(0, row[6], name + ": lost drift");
    assertEquals(0, row[7], name + ": writes outside the protected roles");
    assertEquals(0, row[8], name + ": secrets leaked");
  }

  static boolean atBaseline(CloudEmulator emu) {
    try {
      Baseline.assertAtBaseline(emu, "");
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  static long foreignWrites(CloudEmulator emu) {
    Set<String> roles = Set.of(SampleAccount.DEFAULT_ROLE.toLowerCase(), SampleAccount.CUSTOM_ROLE.toLowerCase());
    return emu.writes().stream().filter(w -> {
      // RAM names the role in RoleName, Resource Management (DetachPolicy) in PrincipalName
      String role = w.parameters.getOrDefault("RoleName",
          io.github.sparkroleguard.event.RolePrincipal.roleName(w.parameters.get("PrincipalName")).orElse("")).toLowerCase();
      if (!role.isEmpty()) {
        // CreateRole, UpdateRole, Attach/DetachPolicy...Role: a write to the role
        return !roles.contains(role);
      }
      // CreatePolicy, CreatePolicyVersion, SetDefaultPolicyVersion: a write to the policy
      return !SampleAccount.CUSTOM_POLICY.equals(w.parameters.get("PolicyName"));
    }).count();
  }

  static long leaks(GuardFixture f, InvocationResult r) {
    String all = f.everything(r);
    return List.of(GuardFixture.SECRET, GuardFixture.TOKEN, GuardFixture.KEY_ID, "hook-token-0123").stream()
        .filter(all::contains).count();
  }

  @Test
  void noFault() throws Exception {
    scenario("no fault", events(), 5, (faults, file) -> { });
  }

  @Test
  void throttlingOn30PercentOfCalls() throws Exception {
    scenario("throttling on 30% of calls", events(), 10, (faults, file) -> faults.throttle(0.3, file.hashCode()));
  }

  @Test
  void serverErrorOnEveryAttach() throws Exception {
    scenario("5xx on every AttachPolicyToRole", events(), 2,
        (faults, file) -> faults.failAlways("AttachPolicyToRole", 500, "InternalError"));
  }

  @Test
  void connectionResetsOn20PercentOfCalls() throws Exception {
    scenario("connection reset on 20% of calls", events(), 10, (faults, file) -> faults.resetConnections(0.2, file.hashCode()));
  }

  @Test
  void twoSecondLatency() throws Exception {
    List<String> some = List.of("eventbridge-delete-role-default.json", "eventbridge-create-policy-version-custom.json");
    scenario("2 s latency on every call", some, 30, (faults, file) -> faults.latency(Faults.ANY, Duration.ofSeconds(2)));
  }

  @Test
  void crashBetweenTwoRestoreWrites() throws Exception {
    List<String> twoWrites = List.of("eventbridge-delete-role-default.json", "eventbridge-delete-role-custom.json",
        "eventbridge-delete-policy-custom.json", "eventbridge-create-role-default.json");
    // the first write lands, then every AttachPolicyToRole connection drops until the budget is spent
    scenario("crash between two restore writes", twoWrites, 0, (faults, file) -> faults.resetNext("AttachPolicyToRole", 1000));
  }

  @Test
  void updateRoleRefused() throws Exception {
    scenario("UpdateRole refused (403 NoPermission)", events(), 5,
        (faults, file) -> faults.failAlways("UpdateRole", 403, "NoPermission"));
  }

  @Test
  void oneGetRoleStallsPastTheReadTimeout() throws Exception {
    List<String> some = List.of("eventbridge-delete-role-default.json", "eventbridge-update-role-trust-custom.json");
    scenario("first GetRole stalls 12 s (read timeout 10 s)", some, 60,
        (faults, file) -> faults.stallNext("GetRole", Duration.ofSeconds(12), 1));
  }

  @Test
  void htmlAnswerToEveryGetPolicy() throws Exception {
    scenario("HTTP 200 with an HTML page for every GetPolicy", events(), 5,
        (faults, file) -> faults.malform("GetPolicy", Faults.Malformed.HTML));
  }

  @Test
  void truncatedAnswerToEveryListPoliciesForRole() throws Exception {
    scenario("JSON cut short for every ListPoliciesForRole", events(), 5,
        (faults, file) -> faults.malform("ListPoliciesForRole", Faults.Malformed.TRUNCATED));
  }

  @AfterAll
  static void writeTable() throws Exception {
    StringBuilder s = new StringBuilder("| scenario | " + String.join(" | ", COLUMNS) + " |\n|---|");
    s.append("---|".repeat(COLUMNS.length)).append('\n');
    List<String> names = new ArrayList<>(TABLE.keySet());
    for (String name : names) {
      s.append("| ").append(name).append(" |");
      for (long v : TABLE.get(name)) {
        s.append(' ').append(v).append(" |");
      }
      s.append('\n');
    }
    Files.createDirectories(Path.of("cli/target"));
    Files.writeString(Path.of("cli/target/reliability.md"), s.toString());
    assertTrue(!TABLE.isEmpty());
  }
}
