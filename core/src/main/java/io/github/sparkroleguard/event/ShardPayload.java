package io.github.sparkroleguard.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The payload a central guard's timer sends to each asynchronous shard invocation (issue 25):
 * {@code {"shard":{"id":"<timer time>/<n>-of-<m>","accounts":["<id>",...]}}}. Anyone allowed to
 * invoke the function can send one, so it is read strictly: only these keys, an id of plain
 * characters, 1 to {@link #MAX_ACCOUNTS} distinct account ids. Whether the guard protects each
 * account is checked against its configuration and discovery before anything runs.
 */
public final class ShardPayload {
  /** Most accounts one shard may name (the fan-out's heap bound is lower: fanOut.maxShardAccounts). */
  public static final int MAX_ACCOUNTS = 200;
  static final Pattern ID = Pattern.compile("[A-Za-z0-9:._/-]{1,100}");
  static final Pattern ACCOUNT = Pattern.compile("[0-9]{5,32}");

  private ShardPayload() {}

  static boolean is(JsonNode root) {
    return root.isObject() && root.has("shard");
  }

  static GuardRequest parse(JsonNode root) {
    only(root, "", "shard");
    JsonNode shard = root.get("shard");
    if (!shard.isObject()) {
      throw new BadInputException("shard: expected an object with id and accounts");
    }
    only(shard, "shard.", "id", "accounts");
    JsonNode id = shard.get("id");
    if (id == null || !id.isTextual() || !ID.matcher(id.asText()).matches()) {
      throw new BadInputException("shard.id: required, 1-100 letters, digits and ':._/-'");
    }
    JsonNode accounts = shard.get("accounts");
    if (accounts == null || !accounts.isArray() || accounts.isEmpty()) {
      throw new BadInputException("shard.accounts: required, a non-empty list of account ids");
    }
    if (accounts.size() > MAX_ACCOUNTS) {
      throw new BadInputException("shard.accounts: " + accounts.size() + " accounts (limit " + MAX_ACCOUNTS + ")");
    }
    List<String> ids = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < accounts.size(); i++) {
      JsonNode a = accounts.get(i);
      if (!a.isTextual() || !ACCOUNT.matcher(a.asText()).matches()) {
        throw new BadInputException("shard.accounts[" + i + "]: not an Alibaba Cloud account id (digits, as a string)");
      }
      if (!seen.add(a.asText())) {
        throw new BadInputException("shard.accounts[" + i + "]: account " + a.asText() + " named twice");
      }
      ids.add(a.asText());
    }
    return GuardRequest.shard(id.asText(), ids);
  }

  private static void only(JsonNode node, String at, String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!ok.contains(k)) {
        throw new BadInputException(at + (k.length() > 40 ? k.substring(0, 40) + "..." : k) + ": unknown key in a shard payload");
      }
    }
  }
}
