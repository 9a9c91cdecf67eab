package io.github.sparkroleguard.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.EventBridgeConfig;
import io.github.sparkroleguard.deploy.EventPattern;
import io.github.sparkroleguard.eventbridge.EventBridgePort;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * doctor's EventBridge check evaluates the rule's whole pattern against samples of every event
 * the guard handles: a pattern that names the right types and event names but can never match
 * (another source, a data field no RAM event carries) is a fail, not a pass.
 */
class EventBridgePatternCheckTest {
  static final String TYPES = "\"type\":[\"ram:ActionTrail:ApiCall\",\"ram:ActionTrail:ConsoleOperation\","
      + "\"ram:ActionTrail:AliyunServiceEvent\"]";
  static final String NAMES = "\"eventName\":[\"CreateRole\",\"DeleteRole\",\"UpdateRole\",\"AttachPolicyToRole\","
      + "\"DetachPolicyFromRole\",\"CreatePolicy\",\"DeletePolicy\",\"CreatePolicyVersion\",\"DeletePolicyVersion\","
      + "\"SetDefaultPolicyVersion\"]";

  static Finding check(String pattern) {
    EventBridgePort port = new EventBridgePort() {
      @Override
      public List<Rule> listRules(String region, String busName) {
        return List.of(new Rule("r", "ENABLE", pattern, List.of(new Target("t", "acs.fc.function",
            "acs:fc:" + region + ":1:functions/spark-role-guard", "BACKOFF_RETRY", "acs:mns:q"))));
      }
    };
    List<Finding> out = new EventBridgeRulesCheck(EventBridgeConfig.defaults(k -> null), port).run();
    return out.get(0);
  }

  @Test
  void run_theGuardsPattern_passes() {
    Finding f = check(EventPattern.forRam());
    assertEquals(CheckStatus.PASS, f.status(), f.detail());
  }

  @Test
  void run_anotherSource_neverMatches_fails() {
    Finding f = check("{\"source\":[\"acs.oss\"]," + TYPES + ",\"data\":{" + NAMES + "}}");
    assertEquals(CheckStatus.FAIL, f.status(), f.detail());
    assertTrue(f.detail().contains("source"), f.detail());
  }

  @Test
  void run_aDataFieldNoRamEventCarries_fails() {
    Finding f = check("{" + TYPES + ",\"data\":{" + NAMES + ",\"serviceName\":[\"Oss\"]}}");
    assertEquals(CheckStatus.FAIL, f.status(), f.detail());
    assertTrue(f.detail().contains("data.serviceName"), f.detail());
  }

  @Test
  void run_onlyOneKindOfCaller_fails() {
    Finding f = check("{" + TYPES + ",\"data\":{" + NAMES + ",\"userIdentity\":{\"type\":[\"ram-user\"]}}}");
    assertEquals(CheckStatus.FAIL, f.status(), f.detail());
    assertTrue(f.detail().contains("data.userIdentity.type"), f.detail());
  }

  @Test
  void run_eventNamesByOperator_passes() {
    Finding f = check("{\"source\":[{\"prefix\":\"acs.\"}],\"type\":[{\"prefix\":\"ram:ActionTrail:\"}],"
        + "\"data\":{\"eventName\":[{\"anything-but\":{\"prefix\":\"Get\"}}]}}");
    assertEquals(CheckStatus.PASS, f.status(), f.detail());
  }

  @Test
  void run_anOperatorEventBridgeDoesNotDocument_fails() {
    Finding f = check("{" + TYPES + ",\"data\":{\"eventName\":[{\"regex\":\".*\"}]}}");
    assertEquals(CheckStatus.FAIL, f.status(), f.detail());
  }
}
