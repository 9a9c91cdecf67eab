package io.github.sparkroleguard.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.DriftDetector;
import io.github.sparkroleguard.drift.PolicyState;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.policy.SemanticDiff;
import io.github.sparkroleguard.report.ResultJson;
import io.github.sparkroleguard.report.RoleReport;
import io.github.sparkroleguard.testing.TestJson;
import io.github.sparkroleguard.testing.WorstCase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A legal but worst-case edit (a pinned policy replaced by a document just under 6,144 bytes of
 * tens of thousands of (action, resource) pairs), seen by a thousand events: every output stays
 * bounded and says how much it left out.
 */
class WorstCaseAlertTest {
  static RoleReport worstCase(int events) {
    RoleBaseline custom = RoleBaseline.builder("test-serverless-spark-jobrun").mode(Mode.ALERT)
        .policies(List.of(PolicyRef.custom("test-serverless-spark", ChannelGoldenTest.POLICY, ""))).build();
    String worst = WorstCase.document(0);
    assertTrue(worst.getBytes(StandardCharsets.UTF_8).length < WorstCase.MAX_DOCUMENT_BYTES);
    assertTrue(WorstCase.pairs(worst) > 50_000, "tens of thousands of pairs");
    RoleState live = RoleState.present(custom.name(), Defaults.SPARK_TRUST_POLICY,
        List.of(new AttachedPolicy(PolicyType.CUSTOM, "test-serverless-spark")),
        List.of(PolicyState.present("test-serverless-spark", "v2", worst, List.of())));
    // a long (legal) user agent, so that a thousand events alone pass the webhook's cap
    List<TrailRecord> records = new ArrayList<>(Collections.nCopies(events,
        ChannelGoldenTest.event("CreatePolicyVersion", "infra-deployer:terraform", "Terraform/1.9.5 " + "x".repeat(400))));
    return RoleReport.builder(custom.name(), Mode.ALERT, GuardRequest.Kind.EVENT, records)
        .found(DriftDetector.compare(custom, live)).acted(RoleReport.Action.ALERT_ONLY).build();
  }

  @Test
  void result_worstCaseDocument_meaningIsCappedWithAndNMore() {
    JsonNode drift = ResultJson.role(worstCase(1)).path("drift").get(0);
    JsonNode meaning = drift.path("meaning");
    assertEquals(SemanticDiff.MAX_LINES + 1, meaning.size());
    String last = meaning.get(meaning.size() - 1).asText();
    assertTrue(last.startsWith("... and "), last);
    assertTrue(last.contains("gained in all (") && last.contains("oss 8"), last);
    assertEquals("breaking_and_widening", drift.path("change").asText());
  }

  @Test
  void alertLines_worstCaseDocument_areBoundedAndComputedOnce() {
    AlertMessage m = new AlertMessage(worstCase(1000), "1", "t");
    assertSame(m.changeLines(), m.changeLines());
    assertTrue(m.changeLines().size() <= 2 * (AlertMessage.MAX_DIFF_LINES + 2), m.changeLines().toString());
    assertTrue(m.changeLines().stream().anyMatch(l -> l.contains("... and ") && l.contains("more changed lines")));
    assertEquals(AlertMessage.MAX_ACTOR_LINES + 1, m.actorLines().size());
    assertEquals("... and 980 more events", m.actorLines().get(AlertMessage.MAX_ACTOR_LINES));
  }

  @Test
  void everyChannel_worstCaseDocumentAndThousandEvents_bodyBoundedAndSaysWhatItLeftOut() throws Exception {
    AlertMessage m = new AlertMessage(worstCase(1000), "1", "t");
    for (Map.Entry<String, PostChannel> c : ChannelGoldenTest.channels().entrySet()) {
      byte[] body = Json.write(c.getValue().payload(m, ChannelGoldenTest.NOW)).getBytes(StandardCharsets.UTF_8);
      assertTrue(body.length <= WebhookChannel.MAX_BODY_BYTES, c.getKey() + ": " + body.length + " bytes");
      String text = new String(body, StandardCharsets.UTF_8);
      assertTrue(text.contains("more changed lines") || text.contains("lines cut to fit"),
          c.getKey() + " does not say that it left lines out");
    }
    List<String> log = new ArrayList<>();
    new LogChannel(log::add).send(m);
    assertTrue(log.get(0).length() < 64 * 1024, "log line of " + log.get(0).length() + " chars");
    assertTrue(log.get(0).contains("more changed lines") && log.get(0).contains("980 more events"));
  }

  @Test
  void webhook_thousandEvents_keepsTheBodyUnder256KiBAndCountsWhatItOmitted() throws Exception {
    AlertMessage m = new AlertMessage(worstCase(1000), "1", "t");
    byte[] body = Json.write(WebhookChannel.payload(m)).getBytes(StandardCharsets.UTF_8);
    assertTrue(body.length <= 256 * 1024, body.length + " bytes");
    JsonNode n = TestJson.MAPPER.readTree(body);
    assertEquals(WebhookChannel.EVENTS_KEPT, n.path("events").size());
    assertEquals(1000 - WebhookChannel.EVENTS_KEPT, n.path("eventsOmitted").asInt());
    assertTrue(n.path("truncated").asBoolean());
    assertEquals("test-serverless-spark-jobrun", n.path("roleName").asText());
  }

  @Test
  void webhook_smallAlert_isSentWhole() throws Exception {
    JsonNode n = TestJson.MAPPER.readTree(Json.write(WebhookChannel.payload(new AlertMessage(worstCase(1), "1", "t"))));
    assertEquals(1, n.path("events").size());
    assertTrue(n.path("truncated").isMissingNode());
  }
}
