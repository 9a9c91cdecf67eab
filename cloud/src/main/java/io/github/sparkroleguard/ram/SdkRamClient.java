package io.github.sparkroleguard.ram;

import io.github.sparkroleguard.transport.Answers;
import io.github.sparkroleguard.transport.SdkCaller;
import io.github.sparkroleguard.transport.CloudCallException;
import com.aliyuncs.ram.model.v20150501.AttachPolicyToRoleRequest;
import com.aliyuncs.ram.model.v20150501.CreatePolicyRequest;
import com.aliyuncs.ram.model.v20150501.CreatePolicyVersionRequest;
import com.aliyuncs.ram.model.v20150501.CreateRoleRequest;
import com.aliyuncs.ram.model.v20150501.DetachPolicyFromRoleRequest;
import com.aliyuncs.ram.model.v20150501.GetPolicyRequest;
import com.aliyuncs.ram.model.v20150501.GetPolicyResponse;
import com.aliyuncs.ram.model.v20150501.GetPolicyVersionRequest;
import com.aliyuncs.ram.model.v20150501.GetPolicyVersionResponse;
import com.aliyuncs.ram.model.v20150501.GetRoleRequest;
import com.aliyuncs.ram.model.v20150501.GetRoleResponse;
import com.aliyuncs.ram.model.v20150501.ListPoliciesForRoleRequest;
import com.aliyuncs.ram.model.v20150501.ListPolicyVersionsRequest;
import com.aliyuncs.ram.model.v20150501.ListPolicyVersionsResponse;
import com.aliyuncs.ram.model.v20150501.SetDefaultPolicyVersionRequest;
import com.aliyuncs.ram.model.v20150501.UpdateRoleRequest;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.PolicyVersion;
import io.github.sparkroleguard.policy.PolicyDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link RamPort} over the official RAM SDK (API 2015-05-01). */
public final class SdkRamClient implements RamPort {
  /** Keeps the version limit: the oldest non-default version makes room for the restored one. */
  static final String ROTATE_STRATEGY = "DeleteOldestNonDefaultVersionWhenLimitExceeded";

  private final SdkCaller caller;

  public SdkRamClient(SdkCaller caller) {
    this.caller = caller;
  }

  @Override
  public Optional<String> getRoleTrustPolicy(String roleName) {
    return getRole(roleName).map(RamRole::trustPolicy);
  }

  @Override
  public Optional<RamRole> getRole(String roleName) {
    GetRoleRequest req = new GetRoleRequest();
    req.setRoleName(roleName);
    try {
      GetRoleResponse.Role role = Answers.require(caller.call(req).getRole(), "GetRole", "Role");
      return Optional.of(new RamRole(Answers.require(role.getAssumeRolePolicyDocument(), "GetRole",
          "Role.AssumeRolePolicyDocument"), role.getArn()));
    } catch (CloudCallException e) {
      if ("EntityNotExist.Role".equals(e.code())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<AttachedPolicy> listPoliciesForRole(String roleName) {
    ListPoliciesForRoleRequest req = new ListPoliciesForRoleRequest();
    req.setRoleName(roleName);
    List<AttachedPolicy> out = new ArrayList<>();
    Answers.require(caller.call(req).getPolicies(), "ListPoliciesForRole", "Policies").forEach(p -> {
      String name = Answers.require(p.getPolicyName(), "ListPoliciesForRole", "Policies.Policy[].PolicyName");
      PolicyType type = PolicyType.fromWire(p.getPolicyType());
      if (type == null) {
        throw new CloudCallException(Answers.CODE, "ListPoliciesForRole answered an unknown PolicyType for " + name, false);
      }
      out.add(new AttachedPolicy(type, name));
    });
    return out;
  }

  @Override
  public Optional<PolicyVersion> getDefaultPolicyVersion(PolicyType type, String policyName) {
    GetPolicyRequest req = new GetPolicyRequest();
    req.setPolicyType(type.wireName());
    req.setPolicyName(policyName);
    GetPolicyResponse resp;
    try {
      resp = caller.call(req);
    } catch (CloudCallException e) {
      if ("EntityNotExist.Policy".equals(e.code())) {
        return Optional.empty();
      }
      throw e;
    }
    GetPolicyResponse.DefaultPolicyVersion v = resp.getDefaultPolicyVersion();
    GetPolicyResponse.Policy policy = resp.getPolicy();
    String versionId = Answers.require(v != null && v.getVersionId() != null ? v.getVersionId()
        : policy != null ? policy.getDefaultVersion() : null, "GetPolicy", "DefaultPolicyVersion.VersionId");
    String doc = v != null && v.getPolicyDocument() != null ? v.getPolicyDocument()
        : policy != null ? policy.getPolicyDocument() : null;
    if (doc == null) {
      doc = getPolicyVersion(type, policyName, versionId);
    }
    return Optional.of(new PolicyVersion(versionId, doc, true));
  }

  @Override
  public List<PolicyVersion> listPolicyVersions(String policyName) {
    ListPolicyVersionsRequest req = new ListPolicyVersionsRequest();
    req.setPolicyType(PolicyType.CUSTOM.wireName());
    req.setPolicyName(policyName);
    List<PolicyVersion> out = new ArrayList<>();
    for (ListPolicyVersionsResponse.PolicyVersion v
        : Answers.require(caller.call(req).getPolicyVersions(), "ListPolicyVersions", "PolicyVersions")) {
      Answers.require(v.getVersionId(), "ListPolicyVersions", "PolicyVersions.PolicyVersion[].VersionId");
      // Whether ListPolicyVersions returns documents is unverified (PLATFORM.md section 4).
      String doc = v.getPolicyDocument() != null
          ? v.getPolicyDocument()
          : getPolicyVersion(PolicyType.CUSTOM, policyName, v.getVersionId());
      out.add(new PolicyVersion(v.getVersionId(), doc, Boolean.TRUE.equals(v.getIsDefaultVersion())));
    }
    return out;
  }

  private String getPolicyVersion(PolicyType type, String policyName, String versionId) {
    GetPolicyVersionRequest req = new GetPolicyVersionRequest();
    req.setPolicyType(type.wireName());
    req.setPolicyName(policyName);
    req.setVersionId(versionId);
    GetPolicyVersionResponse.PolicyVersion v = Answers.require(caller.call(req).getPolicyVersion(), "GetPolicyVersion", "PolicyVersion");
    return Answers.require(v.getPolicyDocument(), "GetPolicyVersion", "PolicyVersion.PolicyDocument");
  }

  @Override
  public void createRole(String roleName, String trustPolicy, String description, int maxSessionDuration) {
    CreateRoleRequest req = new CreateRoleRequest();
    req.setRoleName(roleName);
    req.setAssumeRolePolicyDocument(trustPolicy);
    if (description != null && !description.isEmpty()) {
      req.setDescription(description);
    }
    req.setMaxSessionDuration((long) maxSessionDuration);
    caller.call(req);
  }

  @Override
  public void updateRoleTrustPolicy(String roleName, String trustPolicy) {
    UpdateRoleRequest req = new UpdateRoleRequest();
    req.setRoleName(roleName);
    req.setNewAssumeRolePolicyDocument(trustPolicy);
    caller.call(req);
  }

  @Override
  public void attachPolicyToRole(PolicyType type, String policyName, String roleName) {
    AttachPolicyToRoleRequest req = new AttachPolicyToRoleRequest();
    req.setPolicyType(type.wireName());
    req.setPolicyName(policyName);
    req.setRoleName(roleName);
    caller.call(req);
  }

  @Override
  public void detachPolicyFromRole(PolicyType type, String policyName, String roleName) {
    DetachPolicyFromRoleRequest req = new DetachPolicyFromRoleRequest();
    req.setPolicyType(type.wireName());
    req.setPolicyName(policyName);
    req.setRoleName(roleName);
    caller.call(req);
  }

  @Override
  public void createPolicy(String policyName, String document, String description) {
    CreatePolicyRequest req = new CreatePolicyRequest();
    req.setPolicyName(policyName);
    req.setPolicyDocument(document);
    if (description != null && !description.isEmpty()) {
      req.setDescription(description);
    }
    caller.call(req);
  }

  @Override
  public void createDefaultPolicyVersion(String policyName, String document) {
    CreatePolicyVersionRequest req = new CreatePolicyVersionRequest();
    req.setPolicyName(policyName);
    req.setPolicyDocument(document);
    req.setSetAsDefault(true);
    req.setRotateStrategy(ROTATE_STRATEGY);
    // Not harmless to repeat: each call adds a version (and may rotate one out). After a timeout,
    // send it again only if the default version does not hold the document yet.
    caller.callUnlessApplied(req, () -> getDefaultPolicyVersion(PolicyType.CUSTOM, policyName)
        .map(v -> PolicyDocuments.matches(document, v.document())).orElse(false));
  }

  @Override
  public void setDefaultPolicyVersion(String policyName, String versionId) {
    SetDefaultPolicyVersionRequest req = new SetDefaultPolicyVersionRequest();
    req.setPolicyName(policyName);
    req.setVersionId(versionId);
    caller.call(req);
  }
}
