package io.github.sparkroleguard.rm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.transport.SdkCaller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ResourceManagerPort} over the V1 core's {@code CommonRequest} (the V1 jars have no
 * Resource Management client; PLATFORM.md section 2): RPC, version {@value #VERSION}, the
 * configured endpoint ({@code resourcemanager.aliyuncs.com} by default, {@code http://} for the
 * local emulator). Response field names are those of the API reference and the SDKs generated
 * from it; anything the guard cannot read is an UnexpectedResponse error, never a guess.
 */
public final class SdkResourceManagerClient implements ResourceManagerPort {
  public static final String VERSION = "2020-03-31";
  /** The product code of Resource Management, as the official Go provider calls it [code]. */
  public static final String PRODUCT = "ResourceManager";
  /** ListPolicyAttachments' PageSize is 1-100 [doc]. */
  static final int PAGE_SIZE = 100;
  /** Bounds the listing whatever the account holds (100 pages of 100 attachments for one role). */
  static final int MAX_PAGES = 100;

  private final SdkCaller caller;

  public SdkResourceManagerClient(SdkCaller caller) {
    this.caller = caller;
  }

  @Override
  public Optional<RmRole> getRole(String roleName) {
    JsonNode body;
    try {
      body = call("GetRole", Map.of("RoleName", roleName));
    } catch (CloudCallException e) {
      if ("EntityNotExist.Role".equals(e.code())) {
        return Optional.empty();
      }
      throw e;
    }
    JsonNode role = body.path("Role");
    if (!role.path("RoleName").isTextual()) {
      throw unexpected("GetRole", "no Role.RoleName");
    }
    return Optional.of(new RmRole(role.path("RoleName").asText(), role.path("RoleId").asText(""),
        role.path("RolePrincipalName").asText(""), role.path("IsServiceLinkedRole").asBoolean(false),
        role.path("LatestDeletionTask").path("DeletionTaskId").asText("")));
  }

  @Override
  public List<PolicyAttachment> listPolicyAttachments(String principalName) {
    List<PolicyAttachment> out = new ArrayList<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("PrincipalType", SERVICE_ROLE);
      p.put("PrincipalName", principalName);
      p.put("PageNumber", Integer.toString(page));
      p.put("PageSize", Integer.toString(PAGE_SIZE));
      JsonNode body = call("ListPolicyAttachments", p);
      JsonNode list = body.path("PolicyAttachments").path("PolicyAttachment");
      if (!list.isArray() && !list.isMissingNode()) {
        throw unexpected("ListPolicyAttachments", "PolicyAttachments.PolicyAttachment is not a list");
      }
      for (JsonNode a : list) {
        PolicyType type = PolicyType.fromWire(a.path("PolicyType").asText(null));
        if (type == null || !a.path("PolicyName").isTextual()) {
          throw unexpected("ListPolicyAttachments", "an attachment without PolicyType/PolicyName");
        }
        out.add(new PolicyAttachment(type, a.path("PolicyName").asText(), a.path("PrincipalName").asText(""),
            a.path("ResourceGroupId").asText("")));
      }
      long total = body.path("TotalCount").asLong(-1);
      boolean more = total >= 0 ? (long) page * PAGE_SIZE < total : list.size() == PAGE_SIZE;
      if (!more) {
        return out;
      }
    }
    throw unexpected("ListPolicyAttachments", "more than " + MAX_PAGES * PAGE_SIZE + " attachments for " + principalName);
  }

  @Override
  public void detachPolicy(PolicyType type, String policyName, String principalName, String resourceGroupId) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("PolicyType", type.wireName());
    p.put("PolicyName", policyName);
    p.put("PrincipalType", SERVICE_ROLE);
    p.put("PrincipalName", principalName);
    p.put("ResourceGroupId", resourceGroupId);
    call("DetachPolicy", p);
  }

  @Override
  public void createServiceLinkedRole(String serviceName) {
    call("CreateServiceLinkedRole", Map.of("ServiceName", serviceName));
  }

  @Override
  public DeletionStatus getServiceLinkedRoleDeletionStatus(String deletionTaskId) {
    return DeletionStatus.parse(call("GetServiceLinkedRoleDeletionStatus", Map.of("DeletionTaskId", deletionTaskId))
        .path("Status").asText(null));
  }

  private JsonNode call(String action, Map<String, String> parameters) {
    String data = caller.callCommon(PRODUCT, VERSION, action, parameters);
    try {
      JsonNode body = Json.parse(data == null ? "" : data);
      if (!body.isObject()) {
        throw unexpected(action, "the answer is not a JSON object");
      }
      return body;
    } catch (JsonProcessingException e) {
      throw unexpected(action, "the answer is not JSON");
    }
  }

  private static CloudCallException unexpected(String action, String what) {
    return new CloudCallException("UnexpectedResponse", "Resource Management " + action + ": " + what, false);
  }
}
