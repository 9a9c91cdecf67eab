package io.github.sparkroleguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sparkroleguard.policy.PolicyGrammar.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pinned documents must follow RAM's grammar; each error names the JSON path of the key. */
class PolicyGrammarTest {
  static final String OK = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\"}]}";
  static final String TRUST = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
      + "\"Principal\":{\"Service\":[\"emr.aliyuncs.com\"]}}]}";

  private static String resource(String name) throws IOException {
    try (InputStream in = PolicyGrammarTest.class.getResourceAsStream("/policies/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"custom-execution-role-oss-dlf.json", "kms-for-encrypted-oss.json", "maxcompute-act-on-behalf.json"})
  void check_shippedPermissionPolicies_pass(String name) throws IOException {
    PolicyGrammar.check(resource(name), Kind.PERMISSION);
  }

  @Test
  void check_shippedTrustPolicyAndTypicalForms_pass() throws IOException {
    PolicyGrammar.check(resource("execution-role-trust.json"), Kind.TRUST);
    PolicyGrammar.check(TRUST, Kind.TRUST);
    PolicyGrammar.check(OK, Kind.PERMISSION);
    PolicyGrammar.check("{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Deny\",\"NotAction\":[\"ram:Get*\"],\"NotResource\":[\"acs:ram:*:*:role/x\"],"
        + "\"Condition\":{\"StringLike\":{\"acs:SourceVpc\":[\"vpc-*\"]},\"Bool\":{\"acs:SecureTransport\":true},"
        + "\"IpAddress\":{\"acs:SourceIp\":\"10.0.0.0/8\"}}}}", Kind.PERMISSION);
  }

  /** RAM's grammar makes Condition optional and lets its map be empty; published policies carry {@code "Condition": {}}. */
  @Test
  void check_emptyCondition_isLegal_inPermissionAndTrustPolicies() {
    PolicyGrammar.check("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\","
        + "\"Condition\":{}}]}", Kind.PERMISSION);
    PolicyGrammar.check("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
        + "\"Principal\":{\"Service\":[\"emr.aliyuncs.com\"]},\"Condition\":{}}]}", Kind.TRUST);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // the typo that was written to RAM
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Alow\",\"Action\":\"oss:*\",\"Resource\":\"*\"}]}'|Statement[0].Effect: must be Allow or Deny, not \"Alow\"",
      "'{\"Version\":\"1\",\"Statement\":[{\"Action\":\"oss:*\",\"Resource\":\"*\"}]}'|Statement[0].Effect: required (Allow or Deny)",
      "'{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\"}]}'|Version: required (RAM policies are version \"1\")",
      "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\"}]}'|Version: must be \"1\", not \"2012-10-17\"",
      "'{\"Version\":1,\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\"}]}'|Version: must be \"1\", not number",
      "'{\"Version\":\"1\",\"Statement\":[]}'|Statement: must be a statement object or a non-empty array of them",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}'|Statement[0].Action: required (Action or NotAction)",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"NotAction\":\"c:d\",\"Resource\":\"*\"}]}'|Statement[0].NotAction: use Action or NotAction, not both",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":{\"oss\":1},\"Resource\":\"*\"}]}'|Statement[0].Action: must be a string or a non-empty array of strings, not an object",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:Get*\",7],\"Resource\":\"*\"}]}'|Statement[0].Action[1]: must be a non-empty string, not number",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\"}]}'|Statement[0].Resource: required (Resource or NotResource)",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":[]}]}'|Statement[0].Resource: must be a string or a non-empty array of strings, not an array",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"NotResource\":true}]}'|Statement[0].NotResource: must be a string or a non-empty array of strings, not boolean",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\",\"Condition\":{\"StringEqual\":{\"k\":\"v\"}}}]}'|Statement[0].Condition.StringEqual: unknown condition operator",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":[\"v\"]}}]}'|Statement[0].Condition.StringEquals: must be an object of condition keys and values",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\",\"Condtion\":{}}]}'|Statement[0].Condtion: unknown key",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\",\"Condition\":[]}]}'|Statement[0].Condition: must be an object of operators",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\",\"Principal\":{\"RAM\":\"*\"}}]}'|Statement[0].Principal: only a role's trust policy names a Principal",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\"}],\"Id\":\"x\"}'|Id: unknown key"})
  void check_permissionPolicyMistakes_nameTheKeyAndPath(String document, String message) {
    PolicyFormatException e = assertThrows(PolicyFormatException.class, () -> PolicyGrammar.check(document, Kind.PERMISSION));
    assertEquals(message, e.getMessage().substring(0, Math.min(e.getMessage().length(), message.length())), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}'|Statement[0].Principal: required in a trust policy",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":{\"Servce\":\"emr.aliyuncs.com\"}}]}'|Statement[0].Principal.Servce: unknown key",
      "'{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":{\"Service\":[]}}]}'|Statement[0].Principal.Service: must be a string or a non-empty array of strings"})
  void check_trustPolicyMistakes_nameTheKeyAndPath(String document, String message) {
    PolicyFormatException e = assertThrows(PolicyFormatException.class, () -> PolicyGrammar.check(document, Kind.TRUST));
    assertEquals(message, e.getMessage().substring(0, Math.min(e.getMessage().length(), message.length())), e.getMessage());
  }
}
