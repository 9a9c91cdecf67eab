package io.github.sparkroleguard.rm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.transport.SdkCaller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads which Resource Directory control policies apply to an account, over the V1 core's
 * {@code CommonRequest} (Resource Management 2020-03-31, like {@link SdkResourceManagerClient}):
 * GetAccount for the account's folder, ListAncestors for the folders above it,
 * ListControlPolicyAttachmentsForTarget on each, GetControlPolicy for each Custom document [doc:
 * the API reference of each]. These calls answer only in the directory's management account (or
 * a delegated administrator); anywhere else they fail and the caller says it cannot see.
 */
public final class ControlPolicyReader {
  /** At most 10 custom policies per target [doc], a folder tree 5 deep plus Root [doc]: bound the reads. */
  static final int MAX_TARGETS = 8;
  static final int MAX_POLICIES = 80;

  private final SdkCaller caller;

  public ControlPolicyReader(SdkCaller caller) {
    this.caller = caller;
  }

  /** The control policies attached to the account and to every folder above it. */
  public List<AttachedControlPolicy> applyingTo(String accountId) {
    List<String> targets = new ArrayList<>();
    targets.add(accountId);
    String folder = call("GetAccount", Map.of("AccountId", accountId)).path("Account").path("FolderId").asText("");
    if (!folder.isEmpty()) {
      targets.add(folder);
      for (JsonNode f : call("ListAncestors", Map.of("ChildId", folder)).path("Folders").path("Folder")) {
        String id = f.path("FolderId").asText("");
        if (!id.isEmpty() && !targets.contains(id) && targets.size() < MAX_TARGETS) {
          targets.add(id);
        }
      }
    }
    List<AttachedControlPolicy> out = new ArrayList<>();
    for (String target : targets) {
      JsonNode list = call("ListControlPolicyAttachmentsForTarget", Map.of("TargetId", target))
          .path("ControlPolicyAttachments").path("ControlPolicyAttachment");
      for (JsonNode a : list) {
        if (out.size() >= MAX_POLICIES) {
          return out;
        }
        String id = a.path("PolicyId").asText("");
        String type = a.path("PolicyType").asText("");
        if (id.isEmpty()) {
          throw unexpected("ListControlPolicyAttachmentsForTarget", "an attachment without PolicyId");
        }
        String document = "Custom".equals(type)
            ? call("GetControlPolicy", Map.of("PolicyId", id)).path("ControlPolicy").path("PolicyDocument").asText("")
            : "";
        out.add(new AttachedControlPolicy(id, a.path("PolicyName").asText(""), type, target, document));
      }
    }
    return out;
  }

  private JsonNode call(String action, Map<String, String> parameters) {
    String data = caller.callCommon(SdkResourceManagerClient.PRODUCT, SdkResourceManagerClient.VERSION, action, parameters);
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
