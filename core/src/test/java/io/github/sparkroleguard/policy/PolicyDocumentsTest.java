package io.github.sparkroleguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyDocumentsTest {
  static final String DOC = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:GetObject\",\"oss:PutObject\"],"
      + "\"Resource\":\"acs:oss:*:*:bucket/*\"},{\"Effect\":\"Allow\",\"Action\":\"dlf:Get*\",\"Resource\":\"*\"}]}";

  @Test
  void equivalent_reorderedReformattedAndScalarVersusArray_isTrue() {
    String same = "{ \"Statement\": [ {\"Resource\": \"*\", \"Action\": [\"dlf:Get*\"], \"Effect\": \"Allow\"},\n"
        + "  {\"Action\": [\"oss:PutObject\", \"oss:GetObject\"], \"Effect\": \"Allow\", \"Resource\": [\"acs:oss:*:*:bucket/*\"]} ],\n"
        + "  \"Version\": 1 }";
    assertTrue(PolicyDocuments.equivalent(DOC, same));
  }

  @Test
  void equivalent_duplicateActions_areOneSet() {
    String dup = DOC.replace("[\"oss:GetObject\",\"oss:PutObject\"]", "[\"oss:GetObject\",\"oss:PutObject\",\"oss:GetObject\"]");
    assertTrue(PolicyDocuments.equivalent(DOC, dup));
  }

  @Test
  void equivalent_conditionValueOrder_isIgnored() {
    String a = "{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\","
        + "\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]}}}}";
    String b = a.replace("[\"10.0.0.0/8\",\"192.168.0.0/16\"]", "[\"192.168.0.0/16\",\"10.0.0.0/8\"]");
    assertTrue(PolicyDocuments.equivalent(a, b));
  }

  /** {@code "Condition": {}} is no condition: deleting it (or adding it) changes nothing. */
  @Test
  void equivalent_emptyCondition_isNoCondition() {
    String empty = DOC.replace("\"Resource\":\"*\"}", "\"Resource\":\"*\",\"Condition\":{}}");
    assertTrue(empty.contains("\"Condition\":{}"), empty);
    assertTrue(PolicyDocuments.equivalent(DOC, empty));
    assertEquals(PolicyDocuments.canonical(DOC), PolicyDocuments.canonical(empty));
    assertFalse(PolicyDocuments.canonical(empty).contains("Condition"), PolicyDocuments.canonical(empty));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"oss:PutObject\"|\"oss:DeleteObject\"",
      "\"Allow\",\"Action\":\"dlf|\"Deny\",\"Action\":\"dlf",
      "bucket/*|other/*"})
  void equivalent_realChange_isFalse(String from, String to) {
    assertFalse(PolicyDocuments.equivalent(DOC, DOC.replace(from, to)));
  }

  @Test
  void equivalent_principalAdded_isFalse() {
    String trust = "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"a.aliyuncs.com\"]}}],\"Version\":\"1\"}";
    String wider = trust.replace("[\"a.aliyuncs.com\"]", "[\"a.aliyuncs.com\",\"b.aliyuncs.com\"]");
    assertFalse(PolicyDocuments.equivalent(trust, wider));
  }

  @Test
  void parse_malformed_saysWhatIsWrong() {
    assertEquals("policy document is empty", assertThrows(PolicyFormatException.class, () -> PolicyDocuments.parse(" ")).getMessage());
    assertTrue(assertThrows(PolicyFormatException.class, () -> PolicyDocuments.parse("{\"Version\":")).getMessage()
        .startsWith("policy document is not valid JSON"));
    assertEquals("policy document must be a JSON object",
        assertThrows(PolicyFormatException.class, () -> PolicyDocuments.parse("[1]")).getMessage());
    assertEquals("policy document has no Statement",
        assertThrows(PolicyFormatException.class, () -> PolicyDocuments.parse("{\"Version\":\"1\"}")).getMessage());
  }

  @Test
  void matches_unparseableOrNull_isFalse() {
    assertFalse(PolicyDocuments.matches(DOC, "not json"));
    assertFalse(PolicyDocuments.matches(DOC, null));
    assertTrue(PolicyDocuments.matches(DOC, DOC));
  }
}
