package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A batch with a record that cannot be read: the others are classified and acted on, the bad one is a skip. */
class BatchIT {
  GuardFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new GuardFixture("mode: restore", "");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void batch_oneMalformedRecord_othersRestored_badOneSkippedWithReason() throws Exception {
    f.replay("eventbridge-delete-role-default.json");
    String good = GuardFixture.text(GuardFixture.read("eventbridge-delete-role-default.json"));
    String bad = "{\"eventId\":\"BAD-1\",\"eventName\":\"DetachPolicyFromRole\",\"userIdentity\":\"root\"}";
    byte[] batch = ("[" + good + "," + bad + ",7]").getBytes(StandardCharsets.UTF_8);

    InvocationResult r = f.invoke(batch);

    assertTrue(r.ok(), r.json().toString());
    assertEquals("restored", GuardFixture.role(r, SampleAccount.DEFAULT_ROLE).path("status").asText(), r.json().toString());
    JsonNode skipped = r.json().path("skipped");
    assertEquals(2, skipped.size(), skipped.toString());
    assertEquals("BAD-1", skipped.get(0).path("eventId").asText());
    assertEquals("DetachPolicyFromRole", skipped.get(0).path("eventName").asText());
    assertEquals("record cannot be read: [1]userIdentity: expected an object, got string",
        skipped.get(0).path("reason").asText());
    assertEquals("record cannot be read: [2]: expected an EventBridge event object", skipped.get(1).path("reason").asText());
    assertTrue(f.log.stream().anyMatch(l -> l.contains("\"decision\":\"skip\"") && l.contains("BAD-1")), "logged as a skip");
  }

  @Test
  void batch_noReadableRecord_isBadInputWithNoRamCall() throws Exception {
    f.emulator.clearRequests();
    InvocationResult r = f.invoke("[7, {\"eventName\": {\"x\": 1}}]".getBytes(StandardCharsets.UTF_8));
    assertEquals("BadInput", r.json().path("error").path("code").asText(), r.json().toString());
    assertTrue(r.json().path("error").path("message").asText().startsWith("[0]: expected an EventBridge event object"),
        r.json().toString());
    assertEquals(0, f.emulator.requests().size());
  }
}
