package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.DEFAULT_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.GUARD_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.SERVICE_LINKED_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.guard.InvocationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in events/, in alert mode: the change the event describes is made in the emulated
 * account, then the guard handles the event through the real SDK. Asserts the drift found per
 * role, or the skip reason (and then that RAM was not called at all).
 */
class EventsIT {
  /** Expected outcome per file: role -> drift codes (empty: in sync), or skip reasons. */
  private static final Map<String, Expect> EXPECTED = Map.ofEntries(
      Map.entry("eventbridge-delete-role-default.json", roles(DEFAULT_ROLE, "role_missing,policy_not_attached")),
      Map.entry("actiontrail-record-delete-role-default.json", roles(DEFAULT_ROLE, "role_missing,policy_not_attached")),
      Map.entry("eventbridge-detach-policy-default.json", roles(DEFAULT_ROLE, "policy_not_attached")),
      Map.entry("eventbridge-update-role-trust-default.json", roles(DEFAULT_ROLE, "trust_policy_changed")),
      Map.entry("eventbridge-attach-admin-default.json", roles(DEFAULT_ROLE, "unexpected_policy_attached")),
      Map.entry("eventbridge-create-role-default.json", roles(DEFAULT_ROLE, "trust_policy_changed,policy_not_attached")),
      Map.entry("eventbridge-create-role-custom.json", roles(CUSTOM_ROLE, "policy_not_attached")),
      Map.entry("eventbridge-create-policy-version-custom.json", roles(CUSTOM_ROLE, "policy_document_changed")),
      Map.entry("eventbridge-set-default-version-custom.json", roles(CUSTOM_ROLE, "policy_document_changed")),
      Map.entry("eventbridge-delete-policy-version-custom.json", roles(CUSTOM_ROLE, "")),
      Map.entry("eventbridge-delete-policy-custom.json", roles(CUSTOM_ROLE, "policy_missing,policy_not_attached")),
      Map.entry("eventbridge-create-policy-custom.json", roles(CUSTOM_ROLE, "policy_document_changed,policy_not_attached")),
      Map.entry("eventbridge-detach-policy-custom.json", roles(CUSTOM_ROLE, "policy_not_attached")),
      Map.entry("eventbridge-update-role-trust-custom.json", roles(CUSTOM_ROLE, "trust_policy_changed")),
      Map.entry("eventbridge-delete-role-custom.json", roles(CUSTOM_ROLE, "role_missing,policy_not_attached")),
      Map.entry("eventbridge-attach-policy-custom.json", roles(CUSTOM_ROLE, "unexpected_policy_attached")),
      Map.entry("batch-duplicate-and-unrelated.json",
          new Expect(Map.of(DEFAULT_ROLE, "policy_not_attached"), List.of("is not protected"))),
      Map.entry("skip-failed-call.json", skips("failed call (errorCode 'DeleteConflict.Role.Policy')")),
      Map.entry("skip-guard-own-write.json", skips("made by the guard's own role spark-role-guard-fc")),
      Map.entry("resourcemanager-create-role-default.json", roles(DEFAULT_ROLE, "trust_policy_changed,policy_not_attached")),
      Map.entry("resourcemanager-delete-role-default.json", roles(DEFAULT_ROLE, "role_missing,policy_not_attached")),
      // eventSource as Resource Management's published example spells it, no serviceName
      Map.entry("resourcemanager-share-delete-role-default.json", roles(DEFAULT_ROLE, "role_missing,policy_not_attached")),
      Map.entry("resourcemanager-attach-admin-group-custom.json", roles(CUSTOM_ROLE, "unexpected_policy_attached")),
      Map.entry("resourcemanager-delete-service-linked-role.json", roles(SERVICE_LINKED_ROLE, "service_linked_role_in_deletion")),
      Map.entry("skip-unrelated-service.json", skips("not a RAM or Resource Management event (service 'Ecs')")),
      Map.entry("skip-unwatched-role.json", skips("role 'AliyunECSInstanceForYourAppRole' is not protected")),
      Map.entry("skip-unrelated-policy.json", skips("policy 'some-other-policy' is not a custom policy of any protected role")),
      Map.entry("skip-read-only-call.json", skips("read-only call")),
      Map.entry("timer.json", roles(DEFAULT_ROLE, "", CUSTOM_ROLE, "", SERVICE_LINKED_ROLE, "")),
      Map.entry("command-scan.json", roles(DEFAULT_ROLE, "", CUSTOM_ROLE, "", SERVICE_LINKED_ROLE, "")),
      Map.entry("command-check-default-role.json", roles(DEFAULT_ROLE, "")),
      Map.entry("command-check-custom-role.json", roles(CUSTOM_ROLE, "")),
      Map.entry("command-restore-custom-role.json", roles(CUSTOM_ROLE, "")),
      Map.entry("command-history-default-role.json", readOnlyCommand()),
      Map.entry("command-baseline-custom-role.json", readOnlyCommand()));

  static Stream<String> eventFiles() throws IOException {
    try (Stream<java.nio.file.Path> files = Files.list(GuardFixture.EVENTS)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
          .collect(Collectors.toList()).stream();
    }
  }

  @Test
  void everyEventFile_hasAnExpectation() throws IOException {
    assertEquals(new TreeSet<>(EXPECTED.keySet()), eventFiles().collect(Collectors.toCollection(TreeSet::new)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventFiles")
  void event_inAlertMode_reportsExpectedDriftOrSkip(String file) throws Exception {
    Expect expect = EXPECTED.get(file);
    assertNotNull(expect, "no expectation for " + file);
    try (GuardFixture f = new GuardFixture("mode: alert", "")) {
      // given: the change the event records has happened
      f.replay(file);
      f.emulator.clearRequests();

      // when
      InvocationResult result = f.invoke(file);

      // then
      assertTrue(result.ok(), () -> file + ": " + result.json());
      List<String> reasons = new ArrayList<>();
      result.json().path("skipped").forEach(s -> reasons.add(s.path("reason").asText()));
      for (String reason : expect.skipReasons) {
        assertTrue(reasons.stream().anyMatch(r -> r.contains(reason)), () -> file + ": no skip '" + reason + "' in " + reasons);
      }
      assertEquals(expect.drift.keySet(), roleNames(result), file);
      for (Map.Entry<String, String> e : expect.drift.entrySet()) {
        JsonNode role = GuardFixture.role(result, e.getKey());
        List<String> codes = new ArrayList<>();
        role.path("drift").forEach(d -> codes.add(d.path("kind").asText()));
        assertEquals(e.getValue(), String.join(",", codes), file + " drift of " + e.getKey());
        assertEquals(e.getValue().isEmpty() ? "in_sync" : "drifted", role.path("status").asText(), file);
      }
      if (expect.drift.isEmpty() && !expect.readOnly) {
        // The one read a skip may need: the guard's own role id, to tell its writes from a namesake's.
        assertEquals(List.of(), f.emulator.requests().stream().filter(q -> !(q.action.equals("GetRole")
                && GUARD_ROLE.equals(q.parameters.get("RoleName")) && "2020-03-31".equals(q.parameters.get("Version"))))
            .collect(Collectors.toList()), file + ": a skipped event must not call RAM");
      }
      assertEquals(List.of(), f.emulator.writes(), file + ": alert mode must not write");
      long drifted = expect.drift.values().stream().filter(v -> !v.isEmpty()).count();
      boolean manualCheck = file.startsWith("command-check");
      assertEquals(manualCheck ? 0 : drifted, f.webhook.received().size(), file + ": one alert per drifted role");
    }
  }

  @Test
  void batch_sameRoleTwice_isInspectedOnce() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: alert", "")) {
      f.replay("batch-duplicate-and-unrelated.json");
      f.emulator.clearRequests();
      InvocationResult r = f.invoke("batch-duplicate-and-unrelated.json");
      long getRoles = f.emulator.requests().stream().filter(x -> x.action.equals("GetRole")).count();
      assertEquals(1, getRoles, "one inspection for two records pointing at the same role");
      assertEquals(2, GuardFixture.role(r, DEFAULT_ROLE).path("events").size(), "both records are reported");
      assertEquals(1, f.webhook.received().size(), "one alert per role per invocation");
    }
  }

  @Test
  void deleteRoleEvent_alertNamesTheActorAndMasksTheKey() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: alert", "")) {
      f.replay("eventbridge-delete-role-default.json");
      InvocationResult r = f.invoke("eventbridge-delete-role-default.json");
      JsonNode event = GuardFixture.role(r, DEFAULT_ROLE).path("events").get(0);
      assertEquals("alice@example.onaliyun.com", event.path("actor").path("name").asText());
      assertEquals("LTAI****001", event.path("actor").path("accessKeyId").asText());
      assertEquals(1, f.webhook.received().size());
      String alert = f.webhook.received().get(0).body;
      assertTrue(alert.contains("alice@example.onaliyun.com"), alert);
      assertTrue(alert.contains("the role does not exist"), alert);
      assertTrue(!alert.contains("LTAI5tAliceKey0000001"), "the full access key id must not be in the alert");
    }
  }

  private static java.util.Set<String> roleNames(InvocationResult r) {
    java.util.Set<String> names = new java.util.HashSet<>();
    r.json().path("roles").forEach(x -> names.add(x.path("roleName").asText()));
    return names;
  }

  private static Expect roles(String... pairs) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return new Expect(m, List.of());
  }

  private static Expect skips(String... reasons) {
    return new Expect(Map.of(), List.of(reasons));
  }

  /** history and baseline: reads only; their content is asserted in HistoryIT. */
  private static Expect readOnlyCommand() {
    Expect e = new Expect(Map.of(), List.of());
    e.readOnly = true;
    return e;
  }

  private static final class Expect {
    final Map<String, String> drift;
    final List<String> skipReasons;
    boolean readOnly;

    Expect(Map<String, String> drift, List<String> skipReasons) {
      this.drift = drift;
      this.skipReasons = skipReasons;
    }
  }
}
