package io.github.sparkroleguard.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.ram.RamException;
import io.github.sparkroleguard.ram.SdkCaller;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every member of the Resource Directory, from Resource Management's ListAccounts (callable by
 * the management account or a delegated administrator), through the core's CommonRequest. The
 * response shape ({@code Accounts.Account[].AccountId, DisplayName}, {@code TotalCount}) is that
 * of the API reference [inferred here: no live account to check it against; doctor reports it].
 *
 * <p>The management account is left out: it is not a member one assumes into like the others
 * (it has no {@code ResourceDirectoryAccountAccessRole} and no member role unless someone made
 * one), and ListAccounts may list it [inferred]. It is told by GetResourceDirectory's
 * {@code ResourceDirectory.MasterAccountId} [doc: Resource Management API reference,
 * GetResourceDirectory]. Listing it under {@code accounts:} protects it all the same.
 */
public final class ResourceDirectoryMembers implements AccountDirectory.Members {
  static final int PAGE_SIZE = 100;
  /** A directory holds at most a few thousand members; this bounds the listing whatever comes back. */
  static final int MAX_PAGES = 50;

  private final SdkCaller caller;

  public ResourceDirectoryMembers(SdkCaller caller) {
    this.caller = caller;
  }

  @Override
  public Map<String, String> list() {
    String management = managementAccount();
    Map<String, String> out = new LinkedHashMap<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonNode body = parse(caller.callCommon("ResourceManager", "2020-03-31", "ListAccounts",
          Map.of("PageNumber", Integer.toString(page), "PageSize", Integer.toString(PAGE_SIZE))));
      JsonNode list = body.path("Accounts").path("Account");
      if (!list.isArray()) {
        throw new RamException("UnexpectedResponse", "ListAccounts: Accounts.Account is not a list", false);
      }
      for (JsonNode a : list) {
        String id = a.path("AccountId").asText("");
        if (!id.matches("[0-9]{5,32}")) {
          throw new RamException("UnexpectedResponse", "ListAccounts: an account without a valid AccountId", false);
        }
        if (!id.equals(management)) {
          out.put(id, a.path("DisplayName").asText(""));
        }
      }
      long total = body.path("TotalCount").asLong(-1);
      if (list.size() < PAGE_SIZE || (total >= 0 && (long) page * PAGE_SIZE >= total)) {
        break;
      }
    }
    return out;
  }

  /** The directory's management account, which discovery leaves out. */
  private String managementAccount() {
    JsonNode body = parse("GetResourceDirectory", caller.callCommon("ResourceManager", "2020-03-31", "GetResourceDirectory", Map.of()));
    String id = body.path("ResourceDirectory").path("MasterAccountId").asText("");
    if (!id.matches("[0-9]{5,32}")) {
      throw new RamException("UnexpectedResponse", "GetResourceDirectory: no valid ResourceDirectory.MasterAccountId", false);
    }
    return id;
  }

  private static JsonNode parse(String data) {
    return parse("ListAccounts", data);
  }

  private static JsonNode parse(String action, String data) {
    try {
      JsonNode n = Json.parse(data);
      if (n == null || !n.isObject()) {
        throw new RamException("UnexpectedResponse", action + ": the answer is not a JSON object", false);
      }
      return n;
    } catch (IOException e) {
      throw new RamException("UnexpectedResponse", action + ": the answer is not JSON", false);
    }
  }
}
