package io.github.sparkroleguard.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * A healthy account as the product documentation sets it up: the default execution role with its
 * system policy, and the custom execution role {@value #CUSTOM_ROLE} with the documented example
 * policy {@value #CUSTOM_POLICY}. The system policy's text here is a stand-in (its real content
 * belongs to Alibaba Cloud and changes); the guard never pins it.
 */
public final class SampleAccount {
  public static final String DEFAULT_ROLE = "AliyunEMRSparkJobRunDefaultRole";
  public static final String SYSTEM_POLICY = "AliyunEMRSparkJobRunDefaultRolePolicy";
  public static final String CUSTOM_ROLE = "test-serverless-spark-jobrun";
  public static final String CUSTOM_POLICY = "test-serverless-spark";
  public static final String UNRELATED_ROLE = "AliyunECSInstanceForYourAppRole";
  public static final String GUARD_ROLE = "spark-role-guard-fc";
  public static final String GUARD_ROLE_ID = "305555555555555555";
  public static final String SERVICE_LINKED_ROLE = "AliyunServiceRoleForEMRServerlessSpark";
  public static final String SERVICE_LINKED_POLICY = "AliyunServiceRolePolicyForEMRServerlessSpark";
  public static final String SPARK_SERVICE = "spark.emr-serverless.aliyuncs.com";

  private SampleAccount() {}

  public static AccountState healthy(Clock clock) {
    AccountState state = new AccountState();
    EmulatedRam ram = new EmulatedRam(state, clock);
    String trust = resource("/policies/execution-role-trust.json");
    ram.addSystemPolicy(SYSTEM_POLICY, resource("/emulator/" + SYSTEM_POLICY + ".json"),
        "Default policy of the EMR Serverless Spark job run role (emulator stand-in)");
    ram.addSystemPolicy("AdministratorAccess",
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
        "Full access to all resources");
    ram.addSystemPolicy("AliyunOSSFullAccess",
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\"}]}",
        "Full access to OSS");
    ram.createRole(DEFAULT_ROLE, trust, "Default execution role of EMR Serverless Spark", 3600L);
    ram.attachPolicyToRole("System", SYSTEM_POLICY, DEFAULT_ROLE);
    ram.createPolicy(CUSTOM_POLICY, resource("/policies/custom-execution-role-oss-dlf.json"),
        "OSS and DLF access for Serverless Spark");
    ram.createRole(CUSTOM_ROLE, trust, "Custom execution role", 3600L);
    ram.attachPolicyToRole("Custom", CUSTOM_POLICY, CUSTOM_ROLE);
    // The product's service-linked role, with a stand-in of its system policy (ENI, security group, EIP).
    ram.addSystemPolicy(SERVICE_LINKED_POLICY,
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ecs:CreateNetworkInterface\","
            + "\"ecs:DeleteNetworkInterface\",\"ecs:DescribeSecurityGroups\",\"vpc:DescribeEipAddresses\"],\"Resource\":\"*\"}]}",
        "Policy of the EMR Serverless Spark service-linked role (emulator stand-in)");
    new EmulatedResourceManager(ram).createServiceLinkedRole(SPARK_SERVICE);
    // The guard's own function role, with a fixed id: ActionTrail records it in the principalId of
    // the guard's writes (<roleId>:<session>), which is how they are told from a namesake's.
    ram.createRole(GUARD_ROLE, "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Service\":[\"fc.aliyuncs.com\"]}}],\"Version\":\"1\"}", "The guard's own function role", 3600L).roleId = GUARD_ROLE_ID;
    ram.createRole(UNRELATED_ROLE,
        "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"ecs.aliyuncs.com\"]}}],\"Version\":\"1\"}",
        "A role the guard does not protect", 3600L);
    return state;
  }

  public static String resource(String path) {
    try (InputStream in = SampleAccount.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
