package io.github.sparkroleguard.ram;

import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.PolicyVersion;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The RAM calls the guard makes, and no others. Reads return empty for "does not exist"; every
 * other failure is a {@link CloudCallException}. One adapter over the official SDK; tests use the
 * emulator through that same adapter.
 */
public interface RamPort {
  /** The permissions the reads of a role need; granted on the protected roles. */
  List<String> ROLE_READ_PERMISSIONS = List.of("ram:GetRole", "ram:ListPoliciesForRole");

  /** The permission {@link #getDefaultPolicyVersion} needs: GetPolicy answers with the default version. */
  String DEFAULT_VERSION_PERMISSION = "ram:GetPolicy";

  /** The permissions the reads of a policy need (GetPolicyVersion: when a listing lacks documents). */
  List<String> POLICY_READ_PERMISSIONS = List.of(DEFAULT_VERSION_PERMISSION, "ram:ListPolicyVersions", "ram:GetPolicyVersion");

  /** Every permission the reads below need. */
  List<String> READ_PERMISSIONS = Stream.concat(ROLE_READ_PERMISSIONS.stream(), POLICY_READ_PERMISSIONS.stream())
      .collect(Collectors.toUnmodifiableList());

  /** The role's trust policy document, or empty when the role does not exist. */
  Optional<String> getRoleTrustPolicy(String roleName);

  /** The role's trust policy and ARN (one GetRole), or empty when the role does not exist. */
  default Optional<RamRole> getRole(String roleName) {
    return getRoleTrustPolicy(roleName).map(t -> new RamRole(t, ""));
  }

  List<AttachedPolicy> listPoliciesForRole(String roleName);

  /** The default version of a policy (its document filled in), or empty when it does not exist. */
  Optional<PolicyVersion> getDefaultPolicyVersion(PolicyType type, String policyName);

  /** Every version of a custom policy, with documents. */
  List<PolicyVersion> listPolicyVersions(String policyName);

  void createRole(String roleName, String trustPolicy, String description, int maxSessionDuration);

  void updateRoleTrustPolicy(String roleName, String trustPolicy);

  void attachPolicyToRole(PolicyType type, String policyName, String roleName);

  void detachPolicyFromRole(PolicyType type, String policyName, String roleName);

  void createPolicy(String policyName, String document, String description);

  /** Creates a version set as default, rotating out the oldest non-default one at the limit. */
  void createDefaultPolicyVersion(String policyName, String document);

  void setDefaultPolicyVersion(String policyName, String versionId);
}
