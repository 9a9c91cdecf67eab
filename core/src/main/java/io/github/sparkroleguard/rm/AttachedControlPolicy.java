package io.github.sparkroleguard.rm;

import java.util.Objects;

/**
 * A Resource Directory control policy that applies to an account: attached to it or to a folder
 * above it. The document is empty for the System policy (FullAliyunAccess), which allows all.
 */
public final class AttachedControlPolicy {
  private final String policyId;
  private final String policyName;
  private final String policyType;
  private final String targetId;
  private final String document;

  public AttachedControlPolicy(String policyId, String policyName, String policyType, String targetId, String document) {
    this.policyId = Objects.requireNonNull(policyId, "policyId");
    this.policyName = Objects.requireNonNull(policyName, "policyName");
    this.policyType = Objects.requireNonNull(policyType, "policyType");
    this.targetId = Objects.requireNonNull(targetId, "targetId");
    this.document = document == null ? "" : document;
  }

  public String policyId() {
    return policyId;
  }

  public String policyName() {
    return policyName;
  }

  /** {@code Custom} or {@code System}. */
  public String policyType() {
    return policyType;
  }

  /** The account or folder it is attached to. */
  public String targetId() {
    return targetId;
  }

  public String document() {
    return document;
  }

  public boolean custom() {
    return "Custom".equals(policyType);
  }
}
