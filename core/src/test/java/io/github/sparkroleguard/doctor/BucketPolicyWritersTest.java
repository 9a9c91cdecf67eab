package io.github.sparkroleguard.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BucketPolicyWritersTest {
  static final List<String> OBJECTS = List.of("acs:oss:*:*:state-bucket/guard/last-delivery",
      "acs:oss:*:*:state-bucket/guard/approved/probe", "acs:oss:*:*:state-bucket/guard/t/probe");
  static final Map<String, List<String>> WRITES = Map.of("oss:PutObject", OBJECTS, "oss:DeleteObject", OBJECTS,
      "oss:PutBucketLifecycle", List.of("acs:oss:*:*:state-bucket"));

  /** One statement's Effect, Principal, Action and Resource (and an optional Condition) as JSON parts. */
  static String policy(String statement) {
    return "{\"Version\":\"1\",\"Statement\":[" + statement + "]}";
  }

  static String describe(BucketPolicyWriters w) {
    return (w.anyone ? "anyone" : "") + (w.anyoneIf ? "anyone-if" : "") + (w.named.isEmpty() ? "" : "named:" + String.join("+", w.named))
        + (w.unreadable.isEmpty() ? "" : "unreadable:" + String.join("+", w.unreadable));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "anyone may put | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:1234567890123456:state-bucket/*\"]} | anyone",
      "with a Sid | {\"Sid\":\"open\",\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"]} | anyone",
      "the owner's account named | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:cn-hangzhou:1234567890123456:state-bucket/*\"]} | anyone",
      "one kept folder only | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:1234567890123456:state-bucket/guard/approved/*\"]} | anyone",
      "NotResource sparing only the transient keys | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:PutObject\"],\"NotResource\":[\"acs:oss:*:*:state-bucket/guard/t/*\"]} | anyone",
      "a lifecycle rule on the bucket | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:PutBucketLifecycle\"],\"Resource\":[\"acs:oss:*:*:state-bucket\"]} | anyone",
      "one statement, not a list | SINGLE | anyone",
      "a Principal object | {\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"*\"]},\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"]} | unreadable:Statement[0]",
      "an empty Principal list, which OSS reads as anyone | {\"Effect\":\"Allow\",\"Principal\":[],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"]} | anyone",
      "no Principal | {\"Effect\":\"Allow\",\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"]} | unreadable:Statement[0]",
      "an Effect in another case | {\"Effect\":\"allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"]} | unreadable:Statement[0]",
      "principal as a string | {\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"oss:*\",\"Resource\":\"acs:oss:*:*:state-bucket/guard/*\"} | anyone",
      "anyone may delete | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:DeleteObject\"],\"Resource\":[\"acs:oss:*:1234567890123456:*\"]} | anyone",
      "anyone under a condition | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"],\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":[\"10.0.0.0/8\"]}}} | anyone-if",
      "a named account | {\"Effect\":\"Allow\",\"Principal\":[\"20000001\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"]} | named:20000001",
      "reads only | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:GetObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"]} | ''",
      "another prefix | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/public/*\"]} | ''",
      "another bucket | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:other-bucket/*\"]} | ''",
      "a deny | {\"Effect\":\"Deny\",\"Principal\":[\"*\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"]} | ''",
      "NotAction that leaves writes in | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"NotAction\":[\"oss:GetObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"]} | anyone",
      "an operator the evaluator does not know: a condition | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"],\"Condition\":{\"NoSuchOperator\":{\"a\":\"b\"}}} | anyone-if",
      "an Action that is not text | {\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":42,\"Resource\":[\"acs:oss:*:*:state-bucket/*\"]} | unreadable:Statement[0]",
  })
  void of_tellsWhoMayWrite(String name, String statement, String expected) {
    String json = statement.equals("SINGLE") ? "{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\","
        + "\"Action\":\"oss:DeleteObject\",\"Resource\":\"acs:oss:*:*:state-bucket/*\"}}" : policy(statement);
    assertEquals(expected, describe(BucketPolicyWriters.of(json, WRITES)), name);
  }

  @org.junit.jupiter.api.Test
  void of_principalWithControlAndInvisibleCharacters_isShownFlat() {
    String hostile = "2000\u009b31m\u202eevil\u2028line\u0000" + "x".repeat(300);
    BucketPolicyWriters w = BucketPolicyWriters.of(policy("{\"Effect\":\"Allow\",\"Principal\":[\"" + hostile.replace("\u0000", "\\u0000")
        .replace("\u009b", "\\u009b").replace("\u202e", "\\u202e").replace("\u2028", "\\u2028")
        + "\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"]}"), WRITES);
    String shown = w.named.iterator().next();
    assertEquals("2000 31m evil line " + "x".repeat(BucketPolicyWriters.MAX_SHOWN - 19) + "...", shown);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON | {\"Version\":\"1\", | unreadable:the policy is not JSON",
      "no statements | {\"Version\":\"1\"} | unreadable:the policy has no Statement",
  })
  void of_unreadablePolicy_saysSo(String name, String json, String expected) {
    assertEquals(expected, describe(BucketPolicyWriters.of(json, WRITES)), name);
  }

  @org.junit.jupiter.api.Test
  void of_manyStatementsAndPrincipals_isBounded() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < BucketPolicyWriters.MAX_STATEMENTS + 5; i++) {
      s.append(i == 0 ? "" : ",").append("{\"Effect\":\"Allow\",\"Principal\":[\"").append(30000000 + i)
          .append("\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:state-bucket/*\"]}");
    }
    BucketPolicyWriters w = BucketPolicyWriters.of(policy(s.toString()), WRITES);
    assertEquals(BucketPolicyWriters.MAX_NAMED, w.named.size());
    assertEquals(BucketPolicyWriters.MAX_STATEMENTS - BucketPolicyWriters.MAX_NAMED, w.namedOmitted);
    assertEquals(List.of("the 5 statements past the first " + BucketPolicyWriters.MAX_STATEMENTS), w.unreadable);
  }
}
