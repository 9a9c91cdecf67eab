package io.github.sparkroleguard.config;

/**
 * Every Alibaba Cloud API host the guard builds by hand, in one place with its source, so a
 * correction is a one-line change. Each is held to the official SDKs' own endpoint data by
 * EndpointsTest; a configured {@code endpoint} (the emulator, a VPC endpoint) always wins.
 * OSS hosts are the shared-state store's and live with it ({@link StateSettings}).
 */
public final class Endpoints {
  /** RAM (global) [code: V1 core endpoints.json global_endpoints "ram"; aliyun-java-sdk-ram Endpoint, type "central"]. */
  public static final String RAM = "ram.aliyuncs.com";
  /** STS (global) [code: V1 core endpoints.json global_endpoints "sts"]. */
  public static final String STS = "sts.aliyuncs.com";
  /**
   * Resource Management, Resource Directory's ListAccounts and control policies included
   * (global) [code: Tea resourcemanager20200331 Client, rule "central", product "resourcemanager"].
   */
  public static final String RESOURCE_MANAGER = "resourcemanager.aliyuncs.com";

  private Endpoints() {}

  /** ActionTrail in a region [code: V1 core endpoints.json regional_endpoints; aliyun-java-sdk-actiontrail Endpoint, "regional"]. */
  public static String actionTrail(String region) {
    return "actiontrail." + region + ".aliyuncs.com";
  }

  /**
   * EventBridge's OpenAPI (control plane: ListRules, ListTargets) in a region: the
   * {@code eventbridge-console} host [code: Tea eventbridge20200401 Client's endpointMap, every
   * region; the alicloud Terraform provider's eventbridge endpoint]. {@code eventbridge.REGION}
   * does not answer the OpenAPI.
   */
  public static String eventBridge(String region) {
    return "eventbridge-console." + region + ".aliyuncs.com";
  }

  /**
   * Function Compute 3.0 from inside a region, for the fan-out's InvokeFunction:
   * {@code <accountId>.<region>-internal.fc.aliyuncs.com} [doc: FC 3.0 "Endpoints", Nov 2025; the
   * public host drops {@code -internal}; the fc20230330 SDK takes it as a configured endpoint].
   */
  public static String functionComputeInternal(String accountId, String region) {
    return accountId + "." + region + "-internal.fc.aliyuncs.com";
  }
}
