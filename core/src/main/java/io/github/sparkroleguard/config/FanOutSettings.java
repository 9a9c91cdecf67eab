package io.github.sparkroleguard.config;

import static io.github.sparkroleguard.config.YamlFields.allowKeys;
import static io.github.sparkroleguard.config.YamlFields.integer;
import static io.github.sparkroleguard.config.YamlFields.object;
import static io.github.sparkroleguard.config.YamlFields.optText;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * {@code fanOut:} how a central guard's timer splits a large fleet into shards, each scanned by
 * an asynchronous invocation of the same function (issue 25). Fleets smaller than
 * {@link #threshold()} keep the single-invocation scan. The function is named here (the policy
 * grants {@code fc:InvokeFunction} on exactly it); FC's {@code FC_FUNCTION_NAME} must match,
 * which {@code doctor} reports.
 */
public final class FanOutSettings {
  /** FC function names: letters, digits, '_' and '-', starting with a letter or '_', 1-64 [doc: CreateFunction]. */
  static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");
  static final Pattern QUALIFIER = Pattern.compile("[A-Za-z0-9_.-]{0,128}");
  public static final int DEFAULT_THRESHOLD = 100;
  /** Accounts one shard holds at most: 520 accounts filled a 96 MB heap (BENCHMARKS.md), so a fifth of that. */
  public static final int DEFAULT_MAX_SHARD = 100;
  public static final int MAX_SHARD_LIMIT = 200;
  public static final FanOutSettings DEFAULTS = new FanOutSettings(DEFAULT_THRESHOLD, "spark-role-guard-central", "", 300,
      3000, DEFAULT_MAX_SHARD, "");

  private final int threshold;
  private final String functionName;
  private final String qualifier;
  private final int budgetSeconds;
  private final int accountMillis;
  private final int maxShardAccounts;
  private final String endpoint;

  FanOutSettings(int threshold, String functionName, String qualifier, int budgetSeconds, int accountMillis,
      int maxShardAccounts, String endpoint) {
    this.threshold = threshold;
    this.functionName = functionName;
    this.qualifier = qualifier;
    this.budgetSeconds = budgetSeconds;
    this.accountMillis = accountMillis;
    this.maxShardAccounts = maxShardAccounts;
    this.endpoint = endpoint;
  }

  static FanOutSettings read(JsonNode root) {
    if (!root.has("fanOut")) {
      return DEFAULTS;
    }
    JsonNode n = object(root, "fanOut", "fanOut");
    allowKeys(n, "fanOut.", "threshold", "functionName", "qualifier", "budgetSeconds", "accountMillis",
        "maxShardAccounts", "endpoint");
    String name = optText(n, "functionName", "fanOut.functionName", DEFAULTS.functionName);
    if (!FUNCTION_NAME.matcher(name).matches()) {
      throw new ConfigException("fanOut.functionName: not a Function Compute function name");
    }
    String qualifier = optText(n, "qualifier", "fanOut.qualifier", "");
    if (!QUALIFIER.matcher(qualifier).matches()) {
      throw new ConfigException("fanOut.qualifier: a version number or alias name (letters, digits, '_', '.', '-')");
    }
    String endpoint = optText(n, "endpoint", "fanOut.endpoint", "");
    if (!endpoint.isEmpty()) {
      Endpoint.parse(endpoint, "fanOut.endpoint");
    }
    return new FanOutSettings(
        integer(n, "threshold", "fanOut.threshold", DEFAULT_THRESHOLD, 2, 100_000),
        name, qualifier,
        integer(n, "budgetSeconds", "fanOut.budgetSeconds", DEFAULTS.budgetSeconds, 10, 86_400),
        integer(n, "accountMillis", "fanOut.accountMillis", DEFAULTS.accountMillis, 1, 600_000),
        integer(n, "maxShardAccounts", "fanOut.maxShardAccounts", DEFAULT_MAX_SHARD, 1, MAX_SHARD_LIMIT),
        endpoint);
  }

  /** Fleets of at least this many accounts fan out; smaller ones are scanned in the timer's invocation. */
  public int threshold() {
    return threshold;
  }

  public String functionName() {
    return functionName;
  }

  /** Version or alias shards are sent to; empty: the function's LATEST. */
  public String qualifier() {
    return qualifier;
  }

  /** Wall time one shard may take (keep well under the function's timeout). */
  public int budgetSeconds() {
    return budgetSeconds;
  }

  /** Wall time one account's scan is assumed to take until an instance has measured it. */
  public int accountMillis() {
    return accountMillis;
  }

  public int maxShardAccounts() {
    return maxShardAccounts;
  }

  /** The FC endpoint, host[:port] or a URL; empty: {@code <FC_ACCOUNT_ID>.<FC_REGION>-internal.fc.aliyuncs.com}. */
  public String endpoint() {
    return endpoint;
  }
}
