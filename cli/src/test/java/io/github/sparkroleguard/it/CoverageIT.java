package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.testing.TestJson;
import org.junit.jupiter.api.Test;

/** The coverage check end to end: the system policy is read live from the emulator. */
class CoverageIT {
  @Test
  void check_customRole_showsCoverageAgainstTheLiveSystemPolicyAndTheWorkspace() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: alert",
        "workspace: { ossPath: \"oss://serverless-spark-test-resources/spark/\", dlf: true }")) {
      f.emulator.clearRequests();
      InvocationResult r = f.invoke("command-check-custom-role.json");
      assertTrue(r.ok(), () -> r.json().toString());
      assertEquals(2, f.emulator.requests().stream().filter(q -> q.action.equals("GetPolicy")).count(),
          "the pinned policy once (inspection) and the live system policy once: nothing read twice");
      JsonNode coverage = GuardFixture.role(r, CUSTOM_ROLE).path("coverage");
      assertEquals("[\"dlf:*\",\"dlf-dss:*\",\"odps:ActOnBehalfOfAnotherUser\"]", coverage.path("lackingSystemPolicyActions").toString());
      coverage.path("workspaceNeeds").forEach(n -> assertEquals("allow", n.path("decision").asText(), n.toString()));
      assertEquals(0, f.webhook.received().size(), "check never alerts");
      // the system policy is updated by Alibaba Cloud: the check reads it live
      f.emulator.ram().getPolicy("System", "AliyunEMRSparkJobRunDefaultRolePolicy").versions.get(0).policyDocument =
          "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:GetObject\",\"emr-serverless:NewAction\"],\"Resource\":\"*\"}]}";
      InvocationResult again = f.invoke("command-check-custom-role.json");
      assertEquals("[\"emr-serverless:NewAction\"]",
          GuardFixture.role(again, CUSTOM_ROLE).path("coverage").path("lackingSystemPolicyActions").toString());
    }
  }

  @Test
  void timerScan_workspaceOnAnotherBucket_raisesOneLowAlert() throws Exception {
    try (GuardFixture f = new GuardFixture("mode: alert", "workspace: { ossPath: \"oss://another-bucket/ws/\" }")) {
      InvocationResult r = f.invoke("timer.json");
      assertTrue(r.ok(), () -> r.json().toString());
      JsonNode role = GuardFixture.role(r, CUSTOM_ROLE);
      assertEquals("in_sync", role.path("status").asText(), "falling behind is not drift");
      assertEquals(1, f.webhook.received().size());
      String alert = f.webhook.received().get(0).body;
      assertTrue(alert.contains("[LOW] Falls behind what Spark needs"), alert);
      assertTrue(alert.contains("cannot write the workspace directory (oss:PutObject on acs:oss:"), alert);
      JsonNode need = TestJson.MAPPER.readTree(alert).path("coverage").path("workspaceNeeds").get(1);
      assertEquals("acs:oss:*:*:another-bucket/ws/part-0000.parquet", need.path("resource").asText());
      assertEquals("implicit_deny", need.path("decision").asText());
      f.invoke("timer.json");
      assertEquals(1, f.webhook.received().size(), "re-alerted at most once per window");
    }
  }
}
