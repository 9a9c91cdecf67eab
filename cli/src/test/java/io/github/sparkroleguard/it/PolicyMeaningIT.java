package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_POLICY;
import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.DEFAULT_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.report.ResultJson;
import io.github.sparkroleguard.testing.TestJson;
import org.junit.jupiter.api.Test;

/** What an edit means, end to end: breaking, widening, cosmetic (reported, not alerted or restored). */
class PolicyMeaningIT {
  static final String CUSTOM = SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json");

  static JsonNode driftAfterNewVersion(GuardFixture f, String document) throws Exception {
    f.emulator.ram().createPolicyVersion(CUSTOM_POLICY, document, true, null);
    InvocationResult r = f.invoke("eventbridge-create-policy-version-custom.json");
    assertTrue(r.ok(), () -> r.json().toString());
    return GuardFixture.role(r, CUSTOM_ROLE);
  }

  @Test
  void removingPutObject_isBreaking_andNamesThePermission() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: alert", "")) {
      JsonNode role = driftAfterNewVersion(f, CUSTOM.replace("\"oss:PutObject\",", ""));
      JsonNode item = role.path("drift").get(0);
      assertEquals("breaking", item.path("change").asText());
      assertTrue(item.path("meaning").toString().contains("lost oss:PutObject on acs:oss:*:*:serverless-spark-test-resources/*"));
      assertTrue(f.webhook.received().get(0).body.contains("lost oss:PutObject on acs:oss:*:*:serverless-spark-test-resources/*"));
    }
  }

  @Test
  void addingOssStarOnStar_isWidening() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: alert", "")) {
      ObjectNode doc = (ObjectNode) TestJson.MAPPER.readTree(CUSTOM);
      ((ArrayNode) doc.get("Statement")).addObject().put("Effect", "Allow").put("Action", "oss:*").put("Resource", "*");
      JsonNode item = driftAfterNewVersion(f, doc.toString()).path("drift").get(0);
      assertEquals("widening", item.path("change").asText());
      assertEquals("[\"gained oss:* on *\"]", item.path("meaning").toString());
    }
  }

  @Test
  void reorderedDocument_isCosmetic_notAlerted_notRestored() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: restore", "")) {
      ObjectNode doc = (ObjectNode) TestJson.MAPPER.readTree(CUSTOM);
      ArrayNode reversed = TestJson.MAPPER.createArrayNode();
      for (int i = doc.get("Statement").size() - 1; i >= 0; i--) {
        reversed.add(doc.get("Statement").get(i));
      }
      doc.set("Statement", reversed);
      f.emulator.clearRequests();
      JsonNode reorderedRole = driftAfterNewVersion(f, doc.toPrettyString());
      assertEquals("in_sync", reorderedRole.path("status").asText(), "order carries no meaning: not even drift");

      // a textual change that grants exactly the same: dlf:GetTable is already covered by dlf:Get*
      f.emulator.ram().createPolicyVersion(CUSTOM_POLICY, CUSTOM.replace("\"dlf:Get*\",", "\"dlf:Get*\", \"dlf:GetTable\","), true, null);
      InvocationResult scan = f.invoke("timer.json");
      assertTrue(scan.ok(), () -> scan.json().toString());
      JsonNode role = GuardFixture.role(scan, CUSTOM_ROLE);
      assertEquals("cosmetic", role.path("status").asText());
      assertEquals("cosmetic", role.path("drift").get(0).path("change").asText());
      assertEquals("low", role.path("drift").get(0).path("severity").asText());
      assertEquals(0, f.webhook.received().size(), "not alerted");
      assertEquals(0, f.emulator.writes().size(), "not restored");
    }
  }

  @Test
  void trustOpenedToAnotherAccount_isCriticalWidening() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: alert", "")) {
      f.replay("eventbridge-update-role-trust-default.json");
      InvocationResult r = f.invoke("eventbridge-update-role-trust-default.json");
      JsonNode item = GuardFixture.role(r, DEFAULT_ROLE).path("drift").get(0);
      assertEquals("trust_policy_changed", item.path("kind").asText());
      assertEquals("widening", item.path("change").asText());
      assertEquals("critical", item.path("severity").asText());
      assertEquals("[\"may now be assumed by RAM acs:ram::999988887777:root\"]", item.path("meaning").toString());
      assertTrue(f.webhook.received().get(0).body.contains("[CRITICAL]"));
    }
  }
}
