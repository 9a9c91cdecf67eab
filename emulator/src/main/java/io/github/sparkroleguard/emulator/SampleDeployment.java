package io.github.sparkroleguard.emulator;

import java.util.List;

/**
 * The guard as s.yaml deploys it, in an emulated account: its own role (trusting Function
 * Compute) with the policy the caller passes, and one EventBridge rule per region on the default
 * bus targeting the function, with a retry strategy and a dead-letter queue. What to install is
 * passed in, so the emulator never borrows the guard's own logic.
 */
public final class SampleDeployment {
  public static final String SELF_ROLE = "spark-role-guard-fc";
  public static final String SELF_POLICY = "spark-role-guard-fc-policy";
  public static final List<String> REGIONS = List.of("cn-hangzhou", "ap-southeast-1");

  private SampleDeployment() {}

  /**
   * @param functionPolicies the guard's own policy documents (function-policy may split them)
   * @param eventPattern the rules' event pattern (JSON)
   * @param functionName the function every region's rule targets
   */
  public static void install(CloudEmulator emulator, List<String> functionPolicies, String eventPattern, String functionName) {
    EmulatedRam ram = emulator.ram();
    if (!ram.hasRole(SELF_ROLE)) { // the sample account already holds the guard's role
      ram.createRole(SELF_ROLE, "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":[\"fc.aliyuncs.com\"]}}],\"Version\":\"1\"}", "Runs spark-role-guard", 3600L);
    }
    for (int i = 0; i < functionPolicies.size(); i++) {
      String name = i == 0 ? SELF_POLICY : SELF_POLICY + "-" + (i + 1);
      ram.createPolicy(name, functionPolicies.get(i), "What spark-role-guard may read and restore");
      ram.attachPolicyToRole("Custom", name, SELF_ROLE);
    }
    for (String region : REGIONS) {
      rule(emulator, region, eventPattern, functionName);
    }
    // What creating the trigger leaves behind: EventBridge's service-linked roles for ActionTrail
    // events and for invoking Function Compute.
    serviceLinkedRole(ram, "AliyunServiceRoleForEventBridgeSourceActionTrail", "source-actiontrail.eventbridge.aliyuncs.com");
    serviceLinkedRole(ram, "AliyunServiceRoleForEventBridgeSendToFC", "sendevent-fc.eventbridge.aliyuncs.com");
  }

  private static void serviceLinkedRole(EmulatedRam ram, String name, String service) {
    if (!ram.hasRole(name)) {
      ram.createRole(name, "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":[\"" + service + "\"]}}],\"Version\":\"1\"}", "Service-linked role of EventBridge", 3600L);
    }
  }

  /** The rule fc3 creates for the trigger {@code ram-role-changes}: {@code <function>-<trigger>}. */
  public static void rule(CloudEmulator emulator, String region, String eventPattern, String functionName) {
    String account = emulator.ram().accountId();
    emulator.eventBridge().putRule(region, "default", functionName + "-ram-role-changes", "ENABLE", eventPattern,
        "acs.fc.function", "acs:fc:" + region + ":" + account + ":functions/" + functionName, "BACKOFF_RETRY",
        "acs:mns:" + region + ":" + account + ":/queues/spark-role-guard-dlq");
  }
}
