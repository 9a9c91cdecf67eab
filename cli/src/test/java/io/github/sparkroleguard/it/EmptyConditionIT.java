package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_POLICY;
import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.testing.TestJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code "Condition": {}} is legal RAM grammar and means no condition (issue 21, section 5): a
 * pinned document that carries it loads, and a live version without it (the user deleted it) is
 * in sync, so a restore-mode guard writes nothing, no CreatePolicyVersion included. And the other
 * way round: a live version that gained {@code "Condition": {}} is no drift either.
 */
class EmptyConditionIT {
  static final String RESTORE = "mode: restore\ndetachUnexpected: true";
  static final String ALERTS = "alerts:\n  - { type: webhook, url: \"${env:OPS_WEBHOOK_URL}\" }\n";

  static String withEmptyConditions(String document) throws Exception {
    ObjectNode doc = (ObjectNode) TestJson.MAPPER.readTree(document);
    doc.get("Statement").forEach(s -> ((ObjectNode) s).putObject("Condition"));
    return TestJson.MAPPER.writeValueAsString(doc);
  }

  @Test
  void pinnedWithEmptyCondition_liveWithout_isInSync_andNoWrite() throws Exception {
    String pinned = withEmptyConditions(SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"));
    try (GuardFixture f = new GuardFixture("", RESTORE, ALERTS, "unused-secret", pinned)) {
      f.emulator.clearRequests();

      InvocationResult r = f.invoke("timer.json");

      assertTrue(r.ok(), r.json()::toString);
      JsonNode role = GuardFixture.role(r, CUSTOM_ROLE);
      assertEquals("in_sync", role.path("status").asText(), role::toString);
      assertEquals(0, role.path("drift").size(), role::toString);
      assertEquals(List.of(), f.emulator.writes(), "deleting \"Condition\": {} must cause no write");
      assertEquals(0, f.webhook.received().size(), "and no alert");
    }
  }

  @Test
  void liveVersionGainsEmptyCondition_isNoDrift() throws Exception {
    try (GuardFixture f = new GuardFixture("", RESTORE)) {
      String live = withEmptyConditions(SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"));
      f.emulator.ram().createPolicyVersion(CUSTOM_POLICY, live, true, "");
      f.emulator.clearRequests();

      InvocationResult r = f.invoke("timer.json");

      assertTrue(r.ok(), r.json()::toString);
      JsonNode role = GuardFixture.role(r, CUSTOM_ROLE);
      assertEquals("in_sync", role.path("status").asText(), role::toString);
      assertEquals(List.of(), f.emulator.writes());
    }
  }
}
