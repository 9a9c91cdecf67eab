package io.github.sparkroleguard.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.event.Classifier;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.transport.SdkCaller;
import io.github.sparkroleguard.transport.Retrier;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

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
 *
 * <p>The whole listing has a deadline within the invocation's budget (retries included): a directory
 * answering 503 forever makes it fail in bounded time, and the fleet falls back (AccountDirectory).
 * Display names are text from outside: bounded like any other before they reach results or alerts.
 */
public final class ResourceDirectoryMembers implements AccountDirectory.Members {
  static final int PAGE_SIZE = 100;
  /** A directory holds at most a few thousand members; this bounds the listing whatever comes back. */
  static final int MAX_PAGES = 50;
  /** The most time a listing takes, retries included, unless the invocation's budget is shorter. */
  public static final Duration MAX_TIME = Duration.ofSeconds(15);
  /** Characters of a display name kept (Resource Directory allows 2-50 [doc: CreateResourceAccount]). */
  static final int MAX_NAME = 64;
  static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{5,32}");

  private final SdkCaller caller;
  private final Retrier retrier;
  private final Clock clock;
  private final Duration budget;

  /**
   * @param retrier the retrier {@code caller} retries with: its deadline is set for each listing
   * @param budget the invocation's retry budget; a listing takes at most the smaller of it and {@link #MAX_TIME}
   */
  public ResourceDirectoryMembers(SdkCaller caller, Retrier retrier, Clock clock, Duration budget) {
    this.caller = caller;
    this.retrier = retrier;
    this.clock = clock;
    this.budget = budget.compareTo(MAX_TIME) < 0 ? budget : MAX_TIME;
  }

  @Override
  public Map<String, String> list() {
    Instant deadline = clock.instant().plus(budget);
    retrier.withDeadline(deadline);
    String management = managementAccount();
    Map<String, String> out = new LinkedHashMap<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      if (page > 1 && !clock.instant().isBefore(deadline)) {
        throw new CloudCallException("Timeout", "ListAccounts: no complete listing within " + budget.toSeconds() + " s", false);
      }
      JsonNode body = parse(caller.callCommon("ResourceManager", "2020-03-31", "ListAccounts",
          Map.of("PageNumber", Integer.toString(page), "PageSize", Integer.toString(PAGE_SIZE))));
      JsonNode list = body.path("Accounts").path("Account");
      if (!list.isArray()) {
        throw new CloudCallException("UnexpectedResponse", "ListAccounts: Accounts.Account is not a list", false);
      }
      for (JsonNode a : list) {
        String id = a.path("AccountId").asText("");
        if (!ACCOUNT_ID.matcher(id).matches()) {
          throw new CloudCallException("UnexpectedResponse", "ListAccounts: an account without a valid AccountId", false);
        }
        if (!id.equals(management)) {
          out.put(id, Classifier.bounded(a.path("DisplayName").asText(""), MAX_NAME));
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
      throw new CloudCallException("UnexpectedResponse", "GetResourceDirectory: no valid ResourceDirectory.MasterAccountId", false);
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
        throw new CloudCallException("UnexpectedResponse", action + ": the answer is not a JSON object", false);
      }
      return n;
    } catch (IOException e) {
      throw new CloudCallException("UnexpectedResponse", action + ": the answer is not JSON", false);
    }
  }
}
