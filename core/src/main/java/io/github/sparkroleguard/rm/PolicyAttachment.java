package io.github.sparkroleguard.rm;

import io.github.sparkroleguard.config.PolicyType;
import java.util.Objects;

/**
 * One record of Resource Management's ListPolicyAttachments
 * ({@code PolicyAttachments.PolicyAttachment[]}: PolicyName, PolicyType, PrincipalName,
 * PrincipalType, ResourceGroupId, AttachDate [doc]).
 */
public final class PolicyAttachment {
  private final PolicyType policyType;
  private final String policyName;
  private final String principalName;
  private final String resourceGroupId;

  public PolicyAttachment(PolicyType policyType, String policyName, String principalName, String resourceGroupId) {
    this.policyType = Objects.requireNonNull(policyType, "policyType");
    this.policyName = Objects.requireNonNull(policyName, "policyName");
    this.principalName = principalName == null ? "" : principalName;
    this.resourceGroupId = resourceGroupId == null ? "" : resourceGroupId;
  }

  public PolicyType policyType() {
    return policyType;
  }

  public String policyName() {
    return policyName;
  }

  public String principalName() {
    return principalName;
  }

  /** The scope: a resource group id, or the account id for an account-wide grant. */
  public String resourceGroupId() {
    return resourceGroupId;
  }
}
