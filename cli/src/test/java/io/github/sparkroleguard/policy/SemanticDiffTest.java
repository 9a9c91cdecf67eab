package io.github.sparkroleguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.emulator.SampleAccount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemanticDiffTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CUSTOM = SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json");
  static final String TRUST = SampleAccount.resource("/policies/execution-role-trust.json");

  static ObjectNode doc(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text);
  }

  static String withStatement(String base, String statementJson) throws Exception {
    ObjectNode d = doc(base);
    ((ArrayNode) d.get("Statement")).add(JSON.readTree(statementJson));
    return d.toString();
  }

  /** Golden outcomes of typical edits: the kind and every line, in order. */
  @Test
  void typicalEdits_haveTheirMeaning() throws Exception {
    SemanticDiff removed = SemanticDiff.between(CUSTOM, CUSTOM.replace("\"oss:PutObject\",", ""));
    assertEquals(SemanticDiff.Kind.BREAKING, removed.kind());
    assertEquals(List.of("lost oss:PutObject on acs:oss:*:*:serverless-spark-test-resources/*",
        "lost oss:PutObject on acs:oss:*:*:serverless-spark-test-resources"), removed.lines());

    SemanticDiff widened = SemanticDiff.between(CUSTOM, withStatement(CUSTOM, "{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\"}"));
    assertEquals(SemanticDiff.Kind.WIDENING, widened.kind());
    assertEquals(List.of("gained oss:* on *"), widened.lines());

    ObjectNode reordered = doc(CUSTOM);
    List<Object> statements = new ArrayList<>();
    reordered.get("Statement").forEach(statements::add);
    Collections.reverse(statements);
    ArrayNode rev = JSON.createArrayNode();
    statements.forEach(s -> rev.add((com.fasterxml.jackson.databind.JsonNode) s));
    reordered.set("Statement", rev);
    assertEquals(SemanticDiff.Kind.COSMETIC, SemanticDiff.between(CUSTOM, reordered.toPrettyString()).kind());

    SemanticDiff redundant = SemanticDiff.between(CUSTOM, CUSTOM.replace("\"dlf:Get*\",", "\"dlf:Get*\", \"dlf:GetTable\","));
    assertEquals(SemanticDiff.Kind.COSMETIC, redundant.kind(), redundant.lines().toString());

    SemanticDiff scoped = SemanticDiff.between(CUSTOM, CUSTOM.replace("\"dlf:Get*\",", "\"dlf:GetTable\","));
    assertEquals(SemanticDiff.Kind.BREAKING, scoped.kind());
    assertEquals(List.of("lost dlf:Get* on *"), scoped.lines());

    SemanticDiff deny = SemanticDiff.between(CUSTOM, withStatement(CUSTOM, "{\"Effect\":\"Deny\",\"Action\":\"oss:Delete*\",\"Resource\":\"*\"}"));
    assertEquals(SemanticDiff.Kind.BREAKING, deny.kind());
    assertTrue(deny.lines().contains("lost oss:DeleteObject on acs:oss:*:*:serverless-spark-test-resources/*"), deny.lines().toString());
  }

  /**
   * A published policy carries {@code "Condition": {}}; a user who deletes it changed nothing, in
   * either direction and in a trust policy too: not a widening, not conditional.
   */
  @Test
  void emptyCondition_deletedOrAdded_isCosmetic() throws Exception {
    ObjectNode withEmpty = doc(CUSTOM);
    withEmpty.get("Statement").forEach(s -> ((ObjectNode) s).putObject("Condition"));
    SemanticDiff deleted = SemanticDiff.between(withEmpty.toString(), CUSTOM);
    assertEquals(SemanticDiff.Kind.COSMETIC, deleted.kind(), deleted.lines().toString());
    assertEquals(List.of(), deleted.lines());
    assertEquals(SemanticDiff.Kind.COSMETIC, SemanticDiff.between(CUSTOM, withEmpty.toString()).kind());
    ObjectNode trust = doc(TRUST);
    trust.get("Statement").forEach(s -> ((ObjectNode) s).putObject("Condition"));
    assertEquals(SemanticDiff.Kind.COSMETIC, SemanticDiff.between(trust.toString(), TRUST).kind());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"RAM\":[\"acs:ram::999988887777:root\"]}|WIDENING|may now be assumed by RAM acs:ram::999988887777:root",
      "{\"Service\":[\"ecs.aliyuncs.com\"]}|WIDENING|may now be assumed by Service ecs.aliyuncs.com",
      "{\"Federated\":[\"acs:ram::1:saml-provider/idp\"]}|WIDENING|may now be assumed by Federated acs:ram::1:saml-provider/idp"})
  void trust_addedPrincipal_isWidening(String principal, SemanticDiff.Kind kind, String line) throws Exception {
    String wider = withStatement(TRUST, "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":" + principal + "}");
    SemanticDiff d = SemanticDiff.between(TRUST, wider);
    assertEquals(kind, d.kind());
    assertEquals(List.of(line), d.lines());
  }

  @Test
  void trust_principalReplaced_isBreakingAndWidening() {
    SemanticDiff d = SemanticDiff.between(TRUST, TRUST.replace("spark.emr-serverless.aliyuncs.com", "ecs.aliyuncs.com"));
    assertEquals(SemanticDiff.Kind.BREAKING_AND_WIDENING, d.kind());
    assertEquals(List.of("may now be assumed by Service ecs.aliyuncs.com",
        "may no longer be assumed by Service spark.emr-serverless.aliyuncs.com"), d.lines());
  }

  /** Properties over random documents built from a pool of patterns. */
  @Test
  void properties_addAllowNeverLoses_addDenyNeverGains_reformatIsCosmetic() throws Exception {
    String[] actions = {"oss:GetObject", "oss:PutObject", "oss:*", "dlf:Get*", "dlf:GetTable", "kms:Decrypt", "*", "oss:Get*"};
    String[] resources = {"*", "acs:oss:*:*:b/*", "acs:oss:*:*:b", "acs:oss:*:*:c/*", "acs:oss:*:*:b/logs/*"};
    Random random = new Random(42);
    for (int i = 0; i < 400; i++) {
      String base = randomDoc(random, actions, resources, 1 + random.nextInt(4));
      String stmt = "{\"Effect\":\"%s\",\"Action\":\"" + actions[random.nextInt(actions.length)] + "\",\"Resource\":\""
          + resources[random.nextInt(resources.length)] + "\"}";
      SemanticDiff allow = SemanticDiff.between(base, withStatement(base, String.format(stmt, "Allow")));
      assertEquals(List.of(), allow.lost(), "adding an Allow lost something: " + base);
      SemanticDiff deny = SemanticDiff.between(base, withStatement(base, String.format(stmt, "Deny")));
      assertEquals(List.of(), deny.gained(), "adding a Deny gained something: " + base);
      String reformatted = JSON.readTree(base).toPrettyString().replace("\n", "\n   ");
      assertEquals(SemanticDiff.Kind.COSMETIC, SemanticDiff.between(base, reformatted).kind());
    }
  }

  static String randomDoc(Random random, String[] actions, String[] resources, int statements) {
    ObjectNode d = JSON.createObjectNode().put("Version", "1");
    ArrayNode list = d.putArray("Statement");
    for (int s = 0; s < statements; s++) {
      ObjectNode st = list.addObject().put("Effect", random.nextInt(5) == 0 ? "Deny" : "Allow");
      ArrayNode a = st.putArray("Action");
      for (int k = 0; k <= random.nextInt(3); k++) {
        a.add(actions[random.nextInt(actions.length)]);
      }
      st.put("Resource", resources[random.nextInt(resources.length)]);
    }
    return d.toString();
  }

  @Test
  void parse_malformed_namesThePath() {
    assertEquals("Statement[1].Effect: must be Allow or Deny", assertThrows(PolicyFormatException.class, () -> Policy.parse(
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\"},{\"Effect\":\"allow\",\"Action\":\"a:b\",\"Resource\":\"*\"}]}")).getMessage());
    assertEquals("Statement[0].Action[1]: must be a non-empty string", assertThrows(PolicyFormatException.class, () -> Policy.parse(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"a:b\",3],\"Resource\":\"*\"}]}")).getMessage());
    assertEquals("Statement[0]: needs exactly one of Action and NotAction", assertThrows(PolicyFormatException.class, () -> Policy.parse(
        "{\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}")).getMessage());
    assertEquals("Statement[0].Principal.User: must be Service, RAM or Federated", assertThrows(PolicyFormatException.class, () -> Policy.parse(
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":{\"User\":\"x\"}}}")).getMessage());
    assertEquals("Statement[0].Condtion: unknown element", assertThrows(PolicyFormatException.class, () -> Policy.parse(
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\",\"Condtion\":{}}}")).getMessage());
    assertEquals("Version: must be \"1\"", assertThrows(PolicyFormatException.class, () -> Policy.parse(
        "{\"Version\":\"2\",\"Statement\":[]}")).getMessage());
  }
}
