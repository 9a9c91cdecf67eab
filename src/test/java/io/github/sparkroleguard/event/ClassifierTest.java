package io.github.sparkroleguard.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassifierTest {
  static final GuardConfig CONFIG = new ConfigLoader(k -> null, Path.of(".")).parse(String.join("\n",
      "roles:",
      "  - name: custom-role",
      "    policies:",
      "      - { name: shared, type: Custom, document: '{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\"}]}' }",
      "  - name: other-role",
      "    policies:",
      "      - { name: shared, type: Custom, document: '{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\"}]}' }"));
  final Classifier classifier = new Classifier(CONFIG);

  static TrailRecord.Builder ram(String name, String key, String value) {
    return TrailRecord.builder().eventName(name).serviceName("Ram").eventSource("ram.aliyuncs.com").eventRw("Write")
        .requestParameters(Map.of(key, value));
  }

  @Test
  void classify_roleEvent_onProtectedRole_inspectsIt_caseInsensitively() {
    Classification c = classifier.classify(ram("DeleteRole", "RoleName", "aliyunemrsparkjobrundefaultrole").build(), "");
    assertEquals(List.of("AliyunEMRSparkJobRunDefaultRole"), c.roles());
  }

  @Test
  void classify_policyEvent_inspectsEveryRolePinningThePolicy() {
    Classification c = classifier.classify(ram("CreatePolicyVersion", "PolicyName", "shared").build(), "");
    assertEquals(List.of("custom-role", "other-role"), c.roles());
  }

  @Test
  void classify_resourceManagerCreateRole_isSkipped() {
    Classification c = classifier.classify(ram("CreateRole", "RoleName", "custom-role").serviceName("ResourceManager")
        .eventSource("resourcemanager.aliyuncs.com").build(), "");
    assertTrue(c.skipped());
    assertEquals("not a RAM event (service 'ResourceManager')", c.reason());
  }

  @Test
  void classify_eventSourceOnly_imsIsRam() {
    Classification c = classifier.classify(ram("DeleteRole", "RoleName", "custom-role").serviceName("")
        .eventSource("ims.aliyuncs.com").build(), "");
    assertEquals(List.of("custom-role"), c.roles());
  }

  @Test
  void classify_failedRead_self_unknownAndUnwatched_areSkippedWithReasons() {
    assertEquals("failed call (errorCode 'NoPermission'): it changed nothing",
        classifier.classify(ram("DeleteRole", "RoleName", "custom-role").errorCode("NoPermission").build(), "").reason());
    assertEquals("read-only call", classifier.classify(ram("GetRole", "RoleName", "custom-role").eventRw("Read").build(), "").reason());
    assertEquals("made by the guard's own role spark-role-guard-fc", classifier.classify(ram("AttachPolicyToRole", "RoleName", "custom-role")
        .actor(new Actor("assumed-role", "Spark-Role-Guard-FC:s1", "", "", "STS.x")).build(), "").reason());
    assertEquals("made by the guard's own role spark-role-guard-fc", classifier.classify(ram("AttachPolicyToRole", "RoleName", "custom-role")
        .actor(new Actor("assumed-role", "renamed:s1", "", "", "STS.SelfKey123")).build(), "STS.SelfKey123").reason());
    assertEquals("RAM event 'CreateUser' does not change roles or policies",
        classifier.classify(ram("CreateUser", "UserName", "u").build(), "").reason());
    assertEquals("role 'someone-else' is not protected", classifier.classify(ram("DeleteRole", "RoleName", "someone-else").build(), "").reason());
  }

  @Test
  void classify_missingTargetParameter_checksEveryProtectedRole() {
    Classification c = classifier.classify(ram("DeleteRole", "Other", "x").build(), "");
    assertEquals(3, c.roles().size());
    assertTrue(c.reason().startsWith("no RoleName in the request parameters"));
  }

  @Test
  void classify_hostileNameInReason_isQuotedAndCut() {
    String hostile = "x\n\u0000" + "A".repeat(500);
    String reason = classifier.classify(ram("DeleteRole", "RoleName", hostile).build(), "").reason();
    assertTrue(reason.length() < 150, reason);
    assertTrue(!reason.contains("\n") && !reason.contains("\u0000"), reason);
  }
}
