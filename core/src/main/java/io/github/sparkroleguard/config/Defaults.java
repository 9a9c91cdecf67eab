package io.github.sparkroleguard.config;

import java.util.List;

/**
 * Every default of the configuration, in one place (the loader, the config builder and
 * {@link Hardening#DEFAULTS} read them from here), and the built-in baseline for the default
 * execution role. The trust document is documented for
 * custom execution roles and inferred for the default role (PLATFORM.md section 1); the system
 * policy's content is never pinned because Alibaba Cloud updates it.
 */
public final class Defaults {
  public static final String DEFAULT_ROLE = "AliyunEMRSparkJobRunDefaultRole";
  public static final String DEFAULT_ROLE_POLICY = "AliyunEMRSparkJobRunDefaultRolePolicy";
  public static final String SPARK_SERVICE_PRINCIPAL = "spark.emr-serverless.aliyuncs.com";
  public static final String SPARK_TRUST_POLICY =
      "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"Service\":[\"" + SPARK_SERVICE_PRINCIPAL + "\"]}}],\"Version\":\"1\"}";
  /** Description used only when the guard has to re-create the default role [inferred wording]. */
  public static final String DEFAULT_ROLE_DESCRIPTION =
      "Default execution role of EMR Serverless Spark jobs (restored by spark-role-guard)";
  public static final int DEFAULT_MAX_WRITES = 20;
  public static final String DEFAULT_SELF_ROLE = "spark-role-guard-fc";
  public static final int ATTRIBUTION_HOURS = 24;
  public static final int RETRY_BUDGET_SECONDS = 60;
  public static final int REALERT_MINUTES = 60;
  public static final String RAM_ENDPOINT = Endpoints.RAM;
  public static final String REGION = "cn-hangzhou";
  public static final int RAM_CONCURRENCY = 8;
  /** RAM's API quota is per account [inferred default]. */
  public static final int RAM_QPS = 20;
  public static final int FLAP_RESTORES = 3;
  public static final int FLAP_WINDOW_MINUTES = 10;
  public static final int COOL_DOWN_MINUTES = 30;
  public static final int SETTLE_SECONDS = 0;
  /** RAM's shortest maximum session duration, in seconds. */
  public static final int MAX_SESSION_DURATION = 3600;
  /** The role the guard assumes in each member account unless the account names another. */
  public static final String MEMBER_ROLE = "spark-role-guard-member";
  /** Member accounts scanned at once. */
  public static final int ACCOUNT_CONCURRENCY = 4;
  /** STS session asked for in each member account (STS accepts 900 s up to the role's maximum). */
  public static final int SESSION_SECONDS = 3600;
  /** AssumeRole calls per second at most: well under STS's quota ([inferred], an older FAQ gives ~100 QPS). */
  public static final int STS_QPS = 10;
  public static final String STS_ENDPOINT = Endpoints.STS;
  /** Resource Management's endpoint (global): {@link Endpoints#RESOURCE_MANAGER}. */
  public static final String RESOURCE_MANAGER_ENDPOINT = Endpoints.RESOURCE_MANAGER;

  /** The product's service-linked role and the service that owns it [doc: PLATFORM.md section 1]. */
  public static final String SERVICE_LINKED_ROLE = "AliyunServiceRoleForEMRServerlessSpark";
  public static final String SERVICE_LINKED_ROLE_POLICY = "AliyunServiceRolePolicyForEMRServerlessSpark";

  private Defaults() {}

  /** The service-linked role's baseline: guarded by default, like the default role. */
  public static RoleBaseline serviceLinkedRole(Mode mode) {
    return RoleBaseline.builder(SERVICE_LINKED_ROLE).mode(mode).serviceLinked(SPARK_SERVICE_PRINCIPAL).build();
  }

  /** ActionTrail's public endpoint in a region: {@link Endpoints#actionTrail}. */
  public static String actionTrailEndpoint(String region) {
    return Endpoints.actionTrail(region);
  }

  /** The default execution role's baseline in the given mode. */
  public static RoleBaseline defaultRole(Mode mode) {
    return RoleBaseline.builder(DEFAULT_ROLE)
        .mode(mode)
        .description(DEFAULT_ROLE_DESCRIPTION)
        .policies(List.of(PolicyRef.system(DEFAULT_ROLE_POLICY)))
        .build();
  }
}
