package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.DEFAULT_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.emulator.Faults;
import io.github.sparkroleguard.guard.InvocationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTTP 200 answers that are not what RAM or ActionTrail documents (an HTML page, JSON cut short,
 * fields missing, fields of the wrong type), injected by the emulator into every call the guard
 * reads: each becomes a clear error naming the call, never a NullPointerException or a stack
 * trace, never a write; in a scan the other roles are still inspected.
 */
class MalformedAnswerIT {
  static Stream<Arguments> readsAndShapes() {
    List<Arguments> out = new ArrayList<>();
    for (String action : new String[] {"GetRole", "ListPoliciesForRole", "GetPolicy"}) {
      for (Faults.Malformed how : Faults.Malformed.values()) {
        out.add(Arguments.of(action, how));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("readsAndShapes")
  void check_malformedAnswer_clearErrorNamingTheCall(String action, Faults.Malformed how) throws Exception {
    try (GuardFixture f = new GuardFixture("", "mode: restore")) {
      f.emulator.faults().malform(action, how);

      InvocationResult r = f.invoke("command-check-custom-role.json");

      assertFalse(r.ok(), () -> r.json().toString());
      JsonNode role = GuardFixture.role(r, CUSTOM_ROLE);
      assertEquals("error", role.path("status").asText(), role::toString);
      String error = role.path("error").asText();
      assertTrue(error.contains(action), action + " " + how + ": " + error);
      assertFalse(error.contains("NullPointerException") || error.contains("\tat ") || error.contains("Exception:"),
          error);
      assertEquals(List.of(), f.emulator.writes());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void scan_oneRolesReadMalformed_otherRoleStillInspectedAndRestored(Faults.Malformed how) throws Exception {
    try (GuardFixture f = new GuardFixture("", "mode: restore")) {
      f.replay("eventbridge-detach-policy-default.json");
      f.emulator.faults().malform("GetPolicy", how); // only the custom role pins a custom policy

      InvocationResult r = f.invoke("timer.json");

      assertFalse(r.ok(), "a role that could not be read fails the invocation");
      assertEquals("restored", GuardFixture.role(r, DEFAULT_ROLE).path("status").asText(), r.json()::toString);
      JsonNode custom = GuardFixture.role(r, CUSTOM_ROLE);
      assertEquals("error", custom.path("status").asText());
      assertTrue(custom.path("error").asText().contains("GetPolicy"), custom::toString);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void history_malformedLookupEvents_clearErrorNamingTheCall(Faults.Malformed how) throws Exception {
    try (GuardFixture f = new GuardFixture("", "")) {
      f.emulator.faults().malform("LookupEvents", how);

      InvocationResult r = f.invoke("command-history-default-role.json");

      String text = r.json().toString();
      assertFalse(r.ok(), text);
      assertTrue(text.contains("LookupEvents"), text);
      assertFalse(text.contains("NullPointerException") || text.contains("\\tat "), text);
    }
  }

  static Stream<Faults.Malformed> shapes() {
    return Stream.of(Faults.Malformed.values());
  }
}
