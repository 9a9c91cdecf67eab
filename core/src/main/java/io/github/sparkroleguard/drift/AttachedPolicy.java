package io.github.sparkroleguard.drift;

import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import java.util.Objects;

/**
 * A policy attached to a role: account-wide, as RAM's ListPoliciesForRole reports it, or in one
 * resource group, as only Resource Management's ListPolicyAttachments reports it.
 */
public final class AttachedPolicy {
  private final PolicyType type;
  private final String name;
  private final String resourceGroupId;
  private final boolean allowsEverything;

  public AttachedPolicy(PolicyType type, String name) {
    this(type, name, "", false);
  }

  /**
   * @param resourceGroupId the resource group of a scoped grant; empty for account-wide
   * @param allowsEverything the policy allows every action on every resource (by the evaluator)
   */
  public AttachedPolicy(PolicyType type, String name, String resourceGroupId, boolean allowsEverything) {
    this.type = Objects.requireNonNull(type, "type");
    this.name = Objects.requireNonNull(name, "name");
    this.resourceGroupId = resourceGroupId == null ? "" : resourceGroupId;
    this.allowsEverything = allowsEverything;
  }

  /** The resource group of a scoped grant; empty for an account-wide attachment. */
  public String resourceGroupId() {
    return resourceGroupId;
  }

  /** Whether the policy allows {@code *} on {@code *}: an administrator grant. */
  public boolean allowsEverything() {
    return allowsEverything;
  }

  /** The same attachment, known to grant everything or not. */
  public AttachedPolicy withAllowsEverything(boolean value) {
    return new AttachedPolicy(type, name, resourceGroupId, value);
  }

  public PolicyType type() {
    return type;
  }

  public String name() {
    return name;
  }

  public String key() {
    return PolicyRef.key(type, name, resourceGroupId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttachedPolicy && ((AttachedPolicy) o).key().equals(key());
  }

  @Override
  public int hashCode() {
    return key().hashCode();
  }

  @Override
  public String toString() {
    return type.wireName() + " policy " + name + (resourceGroupId.isEmpty() ? "" : " in resource group " + resourceGroupId);
  }
}
