package io.github.sparkroleguard.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {
  static final String DOC = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\"}]}";
  static final RoleBaseline BASE = RoleBaseline.builder("r")
      .policies(List.of(PolicyRef.custom("p", DOC, ""), PolicyRef.system("S")))
      .build();
  static final List<AttachedPolicy> ATTACHED = List.of(new AttachedPolicy(PolicyType.CUSTOM, "p"), new AttachedPolicy(PolicyType.SYSTEM, "S"));

  static String codes(List<DriftItem> items) {
    return items.stream().map(DriftItem::code).collect(Collectors.joining(","));
  }

  static PolicyState policy(String doc) {
    return PolicyState.present("p", "v1", doc, List.of());
  }

  @Test
  void compare_identicalOrReformatted_isNoDrift() {
    String reformatted = "{ \"Statement\": { \"Resource\": [\"*\"], \"Action\": [\"oss:GetObject\"], \"Effect\": \"Allow\" }, \"Version\": \"1\" }";
    String trust = Defaults.SPARK_TRUST_POLICY.replace("[\"spark.emr-serverless.aliyuncs.com\"]", "\"spark.emr-serverless.aliyuncs.com\"");
    assertEquals("", codes(DriftDetector.compare(BASE, RoleState.present("r", trust, ATTACHED, List.of(policy(reformatted))))));
  }

  @Test
  void compare_roleMissing_reportsRoleAndEveryAttachment() {
    assertEquals("role_missing,policy_not_attached,policy_not_attached",
        codes(DriftDetector.compare(BASE, RoleState.missing("r", List.of(policy(DOC))))));
  }

  @Test
  void compare_eachKindOfChange() {
    String otherTrust = Defaults.SPARK_TRUST_POLICY.replace("spark.emr-serverless", "ecs");
    assertEquals("trust_policy_changed",
        codes(DriftDetector.compare(BASE, RoleState.present("r", otherTrust, ATTACHED, List.of(policy(DOC))))));
    assertEquals("policy_not_attached", codes(DriftDetector.compare(BASE,
        RoleState.present("r", Defaults.SPARK_TRUST_POLICY, ATTACHED.subList(0, 1), List.of(policy(DOC))))));
    List<AttachedPolicy> extra = List.of(ATTACHED.get(0), ATTACHED.get(1), new AttachedPolicy(PolicyType.SYSTEM, "AdministratorAccess"));
    List<DriftItem> unexpected = DriftDetector.compare(BASE, RoleState.present("r", Defaults.SPARK_TRUST_POLICY, extra, List.of(policy(DOC))));
    assertEquals("unexpected_policy_attached", codes(unexpected));
    assertEquals("System policy AdministratorAccess is attached but not in the baseline", unexpected.get(0).describe());
    assertEquals("policy_missing,policy_not_attached", codes(DriftDetector.compare(BASE,
        RoleState.present("r", Defaults.SPARK_TRUST_POLICY, ATTACHED.subList(1, 2), List.of(PolicyState.missing("p"))))));
    List<DriftItem> changed = DriftDetector.compare(BASE, RoleState.present("r", Defaults.SPARK_TRUST_POLICY, ATTACHED,
        List.of(policy(DOC.replace("GetObject", "PutObject")))));
    assertEquals("policy_document_changed", codes(changed));
    assertEquals(DOC, changed.get(0).expected());
  }

  @Test
  void compare_policyTypeMatters_aSystemPolicyWithTheCustomName_isNotTheCustomOne() {
    List<AttachedPolicy> wrongType = List.of(new AttachedPolicy(PolicyType.SYSTEM, "p"), ATTACHED.get(1));
    assertEquals("policy_not_attached,unexpected_policy_attached", codes(DriftDetector.compare(BASE,
        RoleState.present("r", Defaults.SPARK_TRUST_POLICY, wrongType, List.of(policy(DOC))))));
  }

  @Test
  void compare_unparseableLiveTrust_isDrift() {
    assertEquals("trust_policy_changed", codes(DriftDetector.compare(BASE,
        RoleState.present("r", "not json", ATTACHED, List.of(policy(DOC))))));
  }
}
