package io.github.sparkroleguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.emulator.SampleAccount;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CoverageTest {
  static final String CUSTOM = SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json");
  static final String SYSTEM = SampleAccount.resource("/emulator/AliyunEMRSparkJobRunDefaultRolePolicy.json");
  static final String ODPS = SampleAccount.resource("/policies/maxcompute-act-on-behalf.json");
  static final String KMS = SampleAccount.resource("/policies/kms-for-encrypted-oss.json");

  static String decisions(Coverage c) {
    return c.needs().stream().map(n -> n.action + "=" + n.decision).collect(Collectors.joining(" "));
  }

  @Test
  void documentedRole_onItsBucket_coversOssAndDlf_butLacksWiderSystemActions() {
    Coverage c = Coverage.of(SYSTEM, List.of(CUSTOM), SparkNeeds.of("serverless-spark-test-resources", "ws/", true, false, false));
    assertEquals("oss:GetObject=ALLOW oss:PutObject=ALLOW oss:DeleteObject=ALLOW oss:ListObjects=ALLOW "
        + "dlf:GetTable=ALLOW dlf:CreateTable=ALLOW dlf-auth:ActOnBehalfOfAnotherUser=ALLOW", decisions(c));
    assertEquals(List.of("dlf:*", "dlf-dss:*", "odps:ActOnBehalfOfAnotherUser"), c.lackingSystemActions());
    assertFalse(c.complete());
  }

  @Test
  void otherBucket_andUndeclaredExtras_areImplicitlyDenied() {
    Coverage c = Coverage.of(null, List.of(CUSTOM), SparkNeeds.of("another-bucket", "", true, true, true));
    assertTrue(decisions(c).startsWith("oss:GetObject=IMPLICIT_DENY oss:PutObject=IMPLICIT_DENY"), decisions(c));
    assertTrue(decisions(c).contains("odps:ActOnBehalfOfAnotherUser=IMPLICIT_DENY"));
    assertTrue(decisions(c).endsWith("kms:Decrypt=IMPLICIT_DENY kms:GenerateDataKey=IMPLICIT_DENY"));
  }

  @Test
  void withTheDocumentedExtras_maxComputeAndKmsAreCovered() {
    Coverage c = Coverage.of(null, List.of(CUSTOM, ODPS, KMS), SparkNeeds.of("serverless-spark-test-resources", "", true, true, true));
    assertTrue(c.complete(), decisions(c));
  }
}
