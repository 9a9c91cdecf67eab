package io.github.sparkroleguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.event.Classifier;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.trail.TrailPort;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which role a record touches is decided once ({@code event.RoleTouch}): the event path's
 * classifier and the history and attribution lookups agree on every record of the table and every
 * protected role. They used to disagree on a name with spaces around it, a Resource Management
 * principal that is not a role, a write that names no role, a created service-linked role, and a
 * pinned policy named like its role.
 */
class RoleTouchAgreementTest {
  static final String DOC = "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\"}]}'";
  static final GuardConfig CONFIG = new ConfigLoader(k -> null, Path.of(".")).parse(String.join("\n",
      "roles:",
      "  - name: custom-role",
      "    policies:",
      "      - { name: pinned, type: Custom, document: " + DOC + " }",
      "      - { name: custom-role, type: Custom, document: " + DOC + " }",
      "  - name: other-role"));

  static TrailRecord ram(String event, Map<String, String> parameters) {
    return TrailRecord.builder().eventId(event + parameters).eventName(event).serviceName("Ram")
        .eventSource("ram.aliyuncs.com").eventRw("Write").eventTime("2026-12-03T05:00:00Z").requestParameters(parameters).build();
  }

  static TrailRecord rm(String event, Map<String, String> parameters) {
    return ram(event, parameters).toBuilder().eventId("rm" + event + parameters).serviceName("ResourceManager")
        .eventSource("resourcemanager.aliyuncs.com").build();
  }

  static final List<TrailRecord> TABLE = List.of(
      ram("AttachPolicyToRole", Map.of("RoleName", "custom-role")),
      ram("AttachPolicyToRole", Map.of("RoleName", "CUSTOM-ROLE")),
      ram("AttachPolicyToRole", Map.of("RoleName", " custom-role ")),
      ram("AttachPolicyToRole", Map.of("RoleName", "unprotected")),
      ram("DeleteRole", Map.of()),
      ram("CreatePolicyVersion", Map.of("PolicyName", "pinned")),
      ram("CreatePolicyVersion", Map.of("PolicyName", "custom-role")),
      ram("CreatePolicyVersion", Map.of("PolicyName", "elsewhere")),
      ram("GetRole", Map.of("RoleName", "custom-role")),
      rm("AttachPolicy", Map.of("PrincipalType", "ServiceRole", "PrincipalName", "custom-role@role.123.onaliyunservice.com")),
      rm("AttachPolicy", Map.of("PrincipalType", "User", "PrincipalName", "custom-role@role.123.onaliyunservice.com")),
      rm("AttachPolicyToRole", Map.of("RoleName", "custom-role")),
      rm("CreateServiceLinkedRole", Map.of("ServiceName", Defaults.SPARK_SERVICE_PRINCIPAL)),
      rm("CreateServiceLinkedRole", Map.of("ServiceName", "ecs.aliyuncs.com")),
      rm("DeleteServiceLinkedRole", Map.of("RoleName", Defaults.SERVICE_LINKED_ROLE)));

  @Test
  void classifierAndHistory_agreeOnTheRolesEachRecordTouches() {
    Classifier classifier = new Classifier(CONFIG);
    for (RoleBaseline role : CONFIG.roles()) {
      List<TrailRecord> history = new History(everyLookupAnswers()).changes(role, Instant.parse("2026-12-03T06:00:00Z"), 24).records;
      for (TrailRecord r : TABLE) {
        boolean eventPath = classifier.classify(r, "").roles().contains(role.name());
        assertEquals(eventPath, history.contains(r), role.name() + " / " + r.eventName() + " " + r.requestParameters());
      }
    }
  }

  /** ActionTrail's ResourceName match is left to ActionTrail: every record comes back for every name. */
  static TrailPort everyLookupAnswers() {
    return new TrailPort() {
      @Override
      public Page lookup(String key, String value, Instant start, Instant end, String nextToken) {
        return new Page(TABLE, "");
      }

      public Page lookup(String key, String value, String key2, String value2, Instant start, Instant end, String t) {
        return lookup(key, value, start, end, t);
      }
    };
  }
}
