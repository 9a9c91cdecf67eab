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

  static TrailRecord.Builder rm(String name, Map<String, String> parameters) {
    return TrailRecord.builder().eventName(name).serviceName("ResourceManager").eventSource("resourcemanager.aliyuncs.com")
        .eventRw("Write").requestParameters(parameters);
  }

  @Test
  void classify_resourceManagerCreateRole_isHandledLikeItsRamTwin() {
    Classification c = classifier.classify(rm("CreateRole", Map.of("RoleName", "custom-role")).build(), "");
    assertEquals(List.of("custom-role"), c.roles());
  }

  @Test
  void classify_resourceManagerEventSourceOnly_isResourceManager() {
    Classification c = classifier.classify(rm("DeleteRole", Map.of("RoleName", "custom-role")).serviceName("").build(), "");
    assertEquals(List.of("custom-role"), c.roles());
  }

  @Test
  void classify_resourceManagerAttach_parsesThePrincipalName() {
    Classification c = classifier.classify(rm("AttachPolicy", Map.of("PolicyType", "System", "PolicyName", "AdministratorAccess",
        "PrincipalType", "ServiceRole", "PrincipalName", "Custom-Role@role.my-alias.onaliyunservice.com",
        "ResourceGroupId", "rg-aek2abc")).build(), "");
    assertEquals(List.of("custom-role"), c.roles());
  }

  @Test
  void classify_resourceManagerAttachToUser_isSkipped() {
    Classification c = classifier.classify(rm("AttachPolicy", Map.of("PrincipalType", "IMSUser",
        "PrincipalName", "alice@my-alias.onaliyun.com")).build(), "");
    assertEquals("principal type 'IMSUser' is not a role", c.reason());
  }

  @Test
  void classify_serviceLinkedRoleEvents_pointAtTheGuardedServiceLinkedRole() {
    assertEquals(List.of("AliyunServiceRoleForEMRServerlessSpark"), classifier.classify(rm("DeleteServiceLinkedRole",
        Map.of("RoleName", "AliyunServiceRoleForEMRServerlessSpark")).build(), "").roles());
    assertEquals(List.of("AliyunServiceRoleForEMRServerlessSpark"), classifier.classify(rm("CreateServiceLinkedRole",
        Map.of("ServiceName", "spark.emr-serverless.aliyuncs.com")).build(), "").roles());
    assertEquals("no protected service-linked role of service 'ecs.aliyuncs.com'", classifier.classify(rm("CreateServiceLinkedRole",
        Map.of("ServiceName", "ecs.aliyuncs.com")).build(), "").reason());
  }

  @Test
  void classify_ramNameUnderAnotherService_isNotMatchedOnNameAlone() {
    Classification c = classifier.classify(rm("AttachPolicyToRole", Map.of("RoleName", "custom-role")).build(), "");
    assertEquals("Resource Management event 'AttachPolicyToRole' does not change roles or policies", c.reason());
  }

  @Test
  void classify_namesakeOfTheGuardsRole_isInspected_butItsKeyOrRoleIdIsSkipped() {
    Actor namesake = new Actor("assumed-role", "spark-role-guard-fc:s1", "399999999999999999:s1", "", "STS.Other");
    assertEquals(List.of("custom-role"), classifier.classify(ram("AttachPolicyToRole", "RoleName", "custom-role")
        .actor(namesake).build(), "STS.SelfKey123").roles());
    SelfIdentity self = new SelfIdentity("spark-role-guard-fc", java.util.Set.of("STS.SelfKey123"), "305555555555555555");
    assertTrue(self.needsRoleId(namesake) == false, "the role id is known");
    assertTrue(!self.made(namesake));
    Actor earlierKey = new Actor("assumed-role", "spark-role-guard-fc:s0", "305555555555555555:s0", "", "STS.Earlier");
    assertTrue(classifier.classify(ram("AttachPolicyToRole", "RoleName", "custom-role").actor(earlierKey).build(), self).skipped());
    assertTrue(SelfIdentity.ofKey("spark-role-guard-fc", "STS.SelfKey123").needsRoleId(earlierKey));
  }

  @Test
  void classify_eventSourceOnly_imsIsRam() {
    Classification c = classifier.classify(ram("DeleteRole", "RoleName", "custom-role").serviceName("")
        .eventSource("ims.aliyuncs.com").build(), "");
    assertEquals(List.of("custom-role"), c.roles());
  }

  /** The published Resource Management record says resourcemanager-share.aliyuncs.com; the endpoint's name is accepted too. */
  @Test
  void classify_eventSourceOnly_resourceManagerBothSpellings() {
    for (String source : List.of("resourcemanager-share.aliyuncs.com", "resourcemanager.aliyuncs.com")) {
      Classification c = classifier.classify(rm("DeleteRole", Map.of("RoleName", "custom-role")).serviceName("")
          .eventSource(source).build(), "");
      assertEquals(List.of("custom-role"), c.roles(), source + ": " + c.reason());
    }
  }

  @Test
  void classify_failedRead_self_unknownAndUnwatched_areSkippedWithReasons() {
    assertEquals("failed call (errorCode 'NoPermission'): it changed nothing",
        classifier.classify(ram("DeleteRole", "RoleName", "custom-role").errorCode("NoPermission").build(), "").reason());
    assertEquals("read-only call", classifier.classify(ram("GetRole", "RoleName", "custom-role").eventRw("Read").build(), "").reason());
    assertEquals("made by the guard's own role spark-role-guard-fc (its access key or role id)", classifier.classify(ram("AttachPolicyToRole", "RoleName", "custom-role")
        .actor(new Actor("assumed-role", "renamed:s1", "", "", "STS.SelfKey123")).build(), "STS.SelfKey123").reason());
    assertEquals("RAM event 'CreateUser' does not change roles or policies",
        classifier.classify(ram("CreateUser", "UserName", "u").build(), "").reason());
    assertEquals("role 'someone-else' is not protected", classifier.classify(ram("DeleteRole", "RoleName", "someone-else").build(), "").reason());
  }

  @Test
  void classify_missingTargetParameter_checksEveryProtectedRole() {
    Classification c = classifier.classify(ram("DeleteRole", "Other", "x").build(), "");
    assertEquals(4, c.roles().size(), "both execution roles of the file, the default role, the service-linked role");
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
