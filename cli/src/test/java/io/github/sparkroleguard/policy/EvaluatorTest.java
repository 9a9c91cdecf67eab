package io.github.sparkroleguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkroleguard.emulator.SampleAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RAM's evaluation rules over the documented policies and hand-made edge cases. */
class EvaluatorTest {
  static final Map<String, String> DOCS = Map.ofEntries(
      Map.entry("custom", SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json")),
      Map.entry("kms", SampleAccount.resource("/policies/kms-for-encrypted-oss.json")),
      Map.entry("odps", SampleAccount.resource("/policies/maxcompute-act-on-behalf.json")),
      Map.entry("trust", SampleAccount.resource("/policies/execution-role-trust.json")),
      Map.entry("denyDelete", "{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"oss:Delete*\",\"Resource\":\"*\"}}"),
      Map.entry("allowAll", "{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"),
      Map.entry("notAction", "{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"NotAction\":[\"ram:*\",\"sts:*\"],\"Resource\":\"*\"}}"),
      Map.entry("notResource", "{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"NotResource\":\"acs:oss:*:*:secret-bucket/*\"}}"),
      Map.entry("question", "{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecs:Describe?nstances\",\"Resource\":\"acs:ecs:cn-??:*:instance/*\"}}"),
      Map.entry("midStar", "{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"oss:*Object\",\"Resource\":\"acs:oss:*:*:b/*/logs/*\"}}"),
      Map.entry("condAllow", "{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\","
          + "\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":\"10.0.0.0/8\"}}}}"),
      Map.entry("condDeny", "{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"oss:*\",\"Resource\":\"*\","
          + "\"Condition\":{\"Bool\":{\"acs:SecureTransport\":\"false\"}}}}"));

  @ParameterizedTest(name = "{0}: {1} on {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      // the documented custom policy: OSS on one bucket
      "custom|oss:PutObject|acs:oss:*:*:serverless-spark-test-resources/data/x.parquet|ALLOW",
      "custom|oss:GetObject|acs:oss:*:*:serverless-spark-test-resources/a|ALLOW",
      "custom|oss:ListObjects|acs:oss:*:*:serverless-spark-test-resources|ALLOW",
      "custom|oss:GetBucketInfo|acs:oss:cn-hangzhou:123:serverless-spark-test-resources|ALLOW",
      "custom|oss:PutObject|acs:oss:*:*:other-bucket/x|IMPLICIT_DENY",
      "custom|oss:PutObject|acs:oss:*:*:serverless-spark-test-resources-copy/x|IMPLICIT_DENY",
      "custom|oss:PutBucketAcl|acs:oss:*:*:serverless-spark-test-resources|IMPLICIT_DENY",
      "custom|oss:DeleteBucket|acs:oss:*:*:serverless-spark-test-resources|IMPLICIT_DENY",
      "custom|oss:DeleteObject|acs:oss:*:*:serverless-spark-test-resources/x|ALLOW",
      "custom|oss:ListBuckets|acs:oss:*:*:serverless-spark-test-resources|ALLOW",
      // dlf:Get* and DLF on *
      "custom|dlf:GetTable|*|ALLOW",
      "custom|dlf:GetDatabase|acs:dlf:cn-hangzhou:123:catalog/x|ALLOW",
      "custom|dlf:getpartition|*|ALLOW",
      "custom|DLF:GETTABLE|*|ALLOW",
      "custom|dlf:CreateTable|*|ALLOW",
      "custom|dlf:DropCatalog|*|IMPLICIT_DENY",
      "custom|dlf:Gettable|*|ALLOW",
      "custom|dlf:Ge|*|IMPLICIT_DENY",
      "custom|dlf-dss:DescribeTable|*|ALLOW",
      "custom|dlf-dss:GrantPermissions|*|IMPLICIT_DENY",
      "custom|dlf-auth:ActOnBehalfOfAnotherUser|*|ALLOW",
      "custom|dlf-auth:OtherAction|*|IMPLICIT_DENY",
      "custom|odps:ActOnBehalfOfAnotherUser|acs:odps:*:*:users/default/aliyun/x|IMPLICIT_DENY",
      "custom|kms:Decrypt|*|IMPLICIT_DENY",
      "custom|ram:CreateRole|*|IMPLICIT_DENY",
      // MaxCompute extra
      "odps|odps:ActOnBehalfOfAnotherUser|acs:odps:*:*:users/default/aliyun/alice|ALLOW",
      "odps|odps:ActOnBehalfOfAnotherUser|acs:odps:*:*:users/default/ramuser/bob|ALLOW",
      "odps|odps:ActOnBehalfOfAnotherUser|acs:odps:*:*:users/default/ramrole/r|ALLOW",
      "odps|odps:ActOnBehalfOfAnotherUser|acs:odps:*:*:users/other/aliyun/alice|IMPLICIT_DENY",
      "odps|odps:CreateTable|acs:odps:*:*:users/default/aliyun/alice|IMPLICIT_DENY",
      "odps|ODPS:actonbehalfofanotheruser|acs:odps:*:*:users/default/aliyun/alice|ALLOW",
      // KMS extra: kms:List*
      "kms|kms:ListKeys|*|ALLOW",
      "kms|kms:ListAliases|acs:kms:cn-hangzhou:123:key/abc|ALLOW",
      "kms|kms:Decrypt|acs:kms:cn-hangzhou:123:key/abc|ALLOW",
      "kms|kms:GenerateDataKey|*|ALLOW",
      "kms|kms:Encrypt|*|IMPLICIT_DENY",
      "kms|kms:DescribeKey|*|ALLOW",
      "kms|kms:ScheduleKeyDeletion|*|IMPLICIT_DENY",
      // Deny overrides Allow
      "allowAll+denyDelete|oss:DeleteObject|acs:oss:*:*:b/x|DENY",
      "allowAll+denyDelete|oss:GetObject|acs:oss:*:*:b/x|ALLOW",
      "custom+denyDelete|oss:DeleteObject|acs:oss:*:*:serverless-spark-test-resources/x|DENY",
      "custom+denyDelete|oss:DeleteObjects|acs:oss:*:*:serverless-spark-test-resources/x|DENY",
      "custom+denyDelete|oss:PutObject|acs:oss:*:*:serverless-spark-test-resources/x|ALLOW",
      "denyDelete|oss:GetObject|*|IMPLICIT_DENY",
      "denyDelete|oss:DeleteObject|*|DENY",
      // NotAction and NotResource
      "notAction|ecs:RunInstances|*|ALLOW",
      "notAction|ram:CreateRole|*|IMPLICIT_DENY",
      "notAction|sts:AssumeRole|*|IMPLICIT_DENY",
      "notAction|RAM:createrole|*|IMPLICIT_DENY",
      "notResource|oss:GetObject|acs:oss:*:*:public/x|ALLOW",
      "notResource|oss:GetObject|acs:oss:*:*:secret-bucket/x|IMPLICIT_DENY",
      "notResource|ecs:DescribeInstances|acs:oss:*:*:public/x|IMPLICIT_DENY",
      // wildcards in different positions
      "question|ecs:DescribeInstances|acs:ecs:cn-hz:1:instance/i-1|ALLOW",
      "question|ecs:DescribeXnstances|acs:ecs:cn-hz:1:instance/i-1|ALLOW",
      "question|ecs:DescribeInstances|acs:ecs:cn-hangzhou:1:instance/i-1|IMPLICIT_DENY",
      "question|ecs:Describenstances|acs:ecs:cn-hz:1:instance/i-1|IMPLICIT_DENY",
      "midStar|oss:GetObject|acs:oss:*:*:b/2026/logs/x|ALLOW",
      "midStar|oss:PutObject|acs:oss:*:*:b/x/y/logs/z|ALLOW",
      "midStar|oss:GetObjectAcl|acs:oss:*:*:b/2026/logs/x|IMPLICIT_DENY",
      "midStar|oss:GetObject|acs:oss:*:*:b/2026/data/x|IMPLICIT_DENY",
      "midStar|oss:Object|acs:oss:*:*:b//logs/|ALLOW",
      // resources are case-sensitive, actions are not
      "custom|oss:GetObject|acs:oss:*:*:SERVERLESS-SPARK-TEST-RESOURCES/a|IMPLICIT_DENY",
      // conditions are not guessed
      "condAllow|oss:GetObject|acs:oss:*:*:b/x|CONDITIONAL",
      "condAllow|oss:PutObject|acs:oss:*:*:b/x|IMPLICIT_DENY",
      "allowAll+condDeny|oss:GetObject|*|CONDITIONAL",
      "allowAll+condDeny|ecs:RunInstances|*|ALLOW",
      "condDeny|oss:GetObject|*|IMPLICIT_DENY",
      "condAllow+denyDelete|oss:GetObject|*|CONDITIONAL",
      // the trust policy: no Resource, the action is sts:AssumeRole
      "trust|sts:AssumeRole||ALLOW",
      "trust|sts:assumerole||ALLOW",
      "trust|sts:GetCallerIdentity||IMPLICIT_DENY"})
  void decide_documentedRules(String docs, String action, String resource, Decision expected) {
    List<Policy> policies = new ArrayList<>();
    for (String name : docs.split("\\+")) {
      policies.add(Policy.parse(DOCS.get(name)));
    }
    assertEquals(expected, Evaluator.decide(policies, action, resource == null ? "" : resource));
  }
}
