package io.github.sparkroleguard.config;

import static io.github.sparkroleguard.config.YamlFields.allowKeys;
import static io.github.sparkroleguard.config.YamlFields.bool;
import static io.github.sparkroleguard.config.YamlFields.checkName;
import static io.github.sparkroleguard.config.YamlFields.integer;
import static io.github.sparkroleguard.config.YamlFields.object;
import static io.github.sparkroleguard.config.YamlFields.optText;
import static io.github.sparkroleguard.config.YamlFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.policy.PolicyDocuments;
import io.github.sparkroleguard.policy.PolicyFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates the YAML configuration. Every error names the key and the problem; secrets
 * are accepted only as {@code ${env:NAME}} references and never appear in an error message.
 */
public final class ConfigLoader {
  /** Environment variable holding the configuration file's path. */
  public static final String CONFIG_ENV = "GUARD_CONFIG";
  /** The configuration shipped inside the jar, used when GUARD_CONFIG is not set. */
  public static final String BUNDLED = "/guard.yaml";

  private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9.\\-]{1,64}");
  private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9\\-]{1,128}");
  private static final Set<String> CHANNEL_TYPES =
      Set.of("log", "webhook", "dingtalk", "feishu", "lark", "wecom", "slack");
  /** Channels that sign their messages, and so take a secret. */
  private static final Set<String> SIGNING_CHANNELS = Set.of("webhook", "dingtalk", "feishu", "lark");

  private final Function<String, String> env;
  private final Path baseDir;

  /**
   * @param env environment lookup (System::getenv in production, a map in tests)
   * @param baseDir directory that {@code *File} keys are relative to; null for the bundled
   *     configuration, whose files are resources inside the jar
   */
  public ConfigLoader(Function<String, String> env, Path baseDir) {
    this.env = env;
    this.baseDir = baseDir;
  }

  /** GUARD_CONFIG if set, else the bundled file, else the built-in zero-configuration default. */
  public static GuardConfig fromEnvironment(Function<String, String> env) {
    String path = env.apply(CONFIG_ENV);
    if (path != null && !path.isBlank()) {
      return load(Path.of(path), env);
    }
    try (InputStream in = ConfigLoader.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        return new ConfigLoader(env, null).parse("{}");
      }
      return new ConfigLoader(env, null).parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("bundled configuration: cannot be read: " + e.getMessage());
    }
  }

  public static GuardConfig load(Path file, Function<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(CONFIG_ENV + ": cannot read " + file + ": " + e.getClass().getSimpleName());
    }
    Path dir = file.toAbsolutePath().getParent();
    return new ConfigLoader(env, dir == null ? Path.of(".") : dir).parse(text);
  }

  public GuardConfig parse(String yaml) {
    JsonNode root;
    try {
      root = Json.fromJava(YamlFields.load(yaml));
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new ConfigException("configuration is not valid YAML: " + firstLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("configuration: " + e.getMessage() + " (quote dates and binary values)");
    }
    if (root.isNull()) {
      root = Json.object();
    }
    if (!root.isObject()) {
      throw new ConfigException("configuration: must be a mapping of keys");
    }
    allowKeys(root, "", "mode", "dryRun", "maxWritesPerInvocation", "attributionHours", "retryBudgetSeconds",
        "realertMinutes", "flapping", "settleSeconds", "approvedActors", "ram", "actiontrail", "self", "roles", "alerts");
    Mode mode = root.has("mode") ? Mode.parse(text(root, "mode", "mode"), "mode") : Mode.ALERT;
    boolean dryRun = bool(root, "dryRun", "dryRun", false);
    int maxWrites = integer(root, "maxWritesPerInvocation", "maxWritesPerInvocation", Defaults.DEFAULT_MAX_WRITES, 1, 1000);
    int attributionHours = integer(root, "attributionHours", "attributionHours", 24, 0, 2160);
    int retryBudget = integer(root, "retryBudgetSeconds", "retryBudgetSeconds", 60, 0, 600);
    int realert = integer(root, "realertMinutes", "realertMinutes", 60, 0, 10080);

    JsonNode ram = object(root, "ram", "ram");
    allowKeys(ram, "ram.", "endpoint", "region", "concurrency", "qps");
    int concurrency = integer(ram, "concurrency", "ram.concurrency", 8, 1, 64);
    int qps = integer(ram, "qps", "ram.qps", 20, 1, 1000);
    Endpoint ramEndpoint = Endpoint.parse(optText(ram, "endpoint", "ram.endpoint", "ram.aliyuncs.com"), "ram.endpoint");
    String region = optText(ram, "region", "ram.region", "cn-hangzhou");
    JsonNode trail = object(root, "actiontrail", "actiontrail");
    allowKeys(trail, "actiontrail.", "endpoint");
    Endpoint trailEndpoint = Endpoint.parse(
        optText(trail, "endpoint", "actiontrail.endpoint", "actiontrail." + region + ".aliyuncs.com"),
        "actiontrail.endpoint");
    JsonNode self = object(root, "self", "self");
    allowKeys(self, "self.", "roleName");
    String selfRole = optText(self, "roleName", "self.roleName", Defaults.DEFAULT_SELF_ROLE);
    checkName(selfRole, ROLE_NAME, "self.roleName", "a RAM role name");

    List<RoleBaseline> roles = roles(root.get("roles"), mode);
    List<ChannelConfig> alerts = alerts(root.get("alerts"));
    JsonNode flap = object(root, "flapping", "flapping");
    allowKeys(flap, "flapping.", "restores", "windowMinutes", "coolDownMinutes");
    List<String> approved = new ArrayList<>();
    JsonNode approvedNode = root.get("approvedActors");
    if (approvedNode != null && !approvedNode.isNull()) {
      if (!approvedNode.isArray()) {
        throw new ConfigException("approvedActors: must be a list of RAM user or role names");
      }
      for (int i = 0; i < approvedNode.size(); i++) {
        JsonNode a = approvedNode.get(i);
        if (!a.isTextual() || !a.asText().matches("[A-Za-z0-9.@_:\\-]{1,128}")) {
          throw new ConfigException("approvedActors[" + i + "]: must be a RAM user name, role name or role:session");
        }
        approved.add(a.asText());
      }
    }
    Hardening hardening = new Hardening(
        integer(flap, "restores", "flapping.restores", 3, 0, 100),
        integer(flap, "windowMinutes", "flapping.windowMinutes", 10, 1, 1440),
        integer(flap, "coolDownMinutes", "flapping.coolDownMinutes", 30, 1, 10080),
        integer(root, "settleSeconds", "settleSeconds", 0, 0, 60),
        approved);
    GuardConfig.Builder b = GuardConfig.builder();
    b.dryRun = dryRun;
    b.maxWritesPerInvocation = maxWrites;
    b.ramEndpoint = ramEndpoint;
    b.region = region;
    b.actionTrailEndpoint = trailEndpoint;
    b.selfRoleName = selfRole;
    b.roles = roles;
    b.alerts = alerts;
    b.attributionHours = attributionHours;
    b.retryBudgetSeconds = retryBudget;
    b.realertMinutes = realert;
    b.hardening = hardening;
    b.ramConcurrency = concurrency;
    b.ramQps = qps;
    return b.build();
  }

  private List<RoleBaseline> roles(JsonNode node, Mode defaultMode) {
    List<RoleBaseline> roles = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (node != null && !node.isNull()) {
      if (!node.isArray()) {
        throw new ConfigException("roles: must be a list");
      }
      for (int i = 0; i < node.size(); i++) {
        RoleBaseline role = role(node.get(i), "roles[" + i + "]", defaultMode);
        if (!names.add(role.name().toLowerCase(Locale.ROOT))) {
          throw new ConfigException("roles[" + i + "].name: role " + role.name() + " is listed twice");
        }
        roles.add(role);
      }
    }
    if (!names.contains(Defaults.DEFAULT_ROLE.toLowerCase(Locale.ROOT))) {
      roles.add(0, Defaults.defaultRole(defaultMode));
    }
    return roles;
  }

  private RoleBaseline role(JsonNode node, String at, Mode defaultMode) {
    if (!node.isObject()) {
      throw new ConfigException(at + ": must be a mapping with at least name");
    }
    allowKeys(node, at + ".", "name", "mode", "trustPolicy", "trustPolicyFile", "description",
        "maxSessionDuration", "policies", "detachUnexpected", "workspace");
    String name = text(node, "name", at + ".name");
    checkName(name, ROLE_NAME, at + ".name", "a RAM role name (1-64 letters, digits, '.', '-')");
    boolean isDefault = name.equalsIgnoreCase(Defaults.DEFAULT_ROLE);
    RoleBaseline.Builder b = isDefault ? Defaults.defaultRole(defaultMode).toBuilder() : RoleBaseline.builder(name);
    b.mode(node.has("mode") ? Mode.parse(text(node, "mode", at + ".mode"), at + ".mode") : defaultMode);
    String trust = document(node, "trustPolicy", "trustPolicyFile", at);
    if (trust != null) {
      b.trustPolicy(trust);
    }
    if (node.has("description")) {
      b.description(text(node, "description", at + ".description"));
    }
    b.maxSessionDuration(integer(node, "maxSessionDuration", at + ".maxSessionDuration", 3600, 3600, 43200));
    b.detachUnexpected(bool(node, "detachUnexpected", at + ".detachUnexpected", false));
    if (node.has("workspace")) {
      JsonNode w = object(node, "workspace", at + ".workspace");
      allowKeys(w, at + ".workspace.", "ossPath", "dlf", "maxcompute", "kms");
      b.workspace(Workspace.parse(text(w, "ossPath", at + ".workspace.ossPath"), bool(w, "dlf", at + ".workspace.dlf", true),
          bool(w, "maxcompute", at + ".workspace.maxcompute", false), bool(w, "kms", at + ".workspace.kms", false),
          at + ".workspace.ossPath"));
    }
    if (node.has("policies")) {
      b.policies(policies(node.get("policies"), at + ".policies"));
    } else if (!isDefault) {
      b.policies(List.of());
    }
    return b.build();
  }

  private List<PolicyRef> policies(JsonNode node, String at) {
    if (!node.isArray()) {
      throw new ConfigException(at + ": must be a list");
    }
    List<PolicyRef> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String p = at + "[" + i + "]";
      JsonNode item = node.get(i);
      if (!item.isObject()) {
        throw new ConfigException(p + ": must be a mapping with name and type");
      }
      allowKeys(item, p + ".", "name", "type", "document", "documentFile", "description");
      String name = text(item, "name", p + ".name");
      checkName(name, POLICY_NAME, p + ".name", "a RAM policy name (1-128 letters, digits, '-')");
      PolicyType type = PolicyType.fromWire(text(item, "type", p + ".type"));
      if (type == null) {
        throw new ConfigException(p + ".type: must be System or Custom");
      }
      String doc = document(item, "document", "documentFile", p);
      PolicyRef ref;
      if (type == PolicyType.SYSTEM) {
        if (doc != null) {
          throw new ConfigException(p + ": a System policy is pinned by name only (Alibaba Cloud updates its content); remove document");
        }
        ref = PolicyRef.system(name);
      } else {
        if (doc == null) {
          throw new ConfigException(p + ": a Custom policy needs document or documentFile");
        }
        ref = PolicyRef.custom(name, doc, item.has("description") ? text(item, "description", p + ".description") : "");
      }
      if (!keys.add(ref.key())) {
        throw new ConfigException(p + ".name: policy " + name + " is listed twice");
      }
      out.add(ref);
    }
    return out;
  }

  /** An inline document (mapping or JSON string) or a file relative to the config; validated. */
  private String document(JsonNode node, String inlineKey, String fileKey, String at) {
    if (node.has(inlineKey) && node.has(fileKey)) {
      throw new ConfigException(at + ": set " + inlineKey + " or " + fileKey + ", not both");
    }
    String doc;
    String key;
    if (node.has(inlineKey)) {
      key = at + "." + inlineKey;
      JsonNode v = node.get(inlineKey);
      doc = v.isTextual() ? v.asText() : Json.write(v);
    } else if (node.has(fileKey)) {
      key = at + "." + fileKey;
      doc = readFile(text(node, fileKey, key), key);
    } else {
      return null;
    }
    try {
      String compact = PolicyDocuments.compact(doc);
      if (compact.getBytes(StandardCharsets.UTF_8).length > PolicyDocuments.MAX_DOCUMENT_BYTES) {
        throw new ConfigException(key + ": document is larger than RAM's limit of "
            + PolicyDocuments.MAX_DOCUMENT_BYTES + " bytes");
      }
      return compact;
    } catch (PolicyFormatException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private String readFile(String relative, String key) {
    if (baseDir == null) {
      try (InputStream in = ConfigLoader.class.getResourceAsStream("/" + relative)) {
        if (in == null) {
          throw new ConfigException(key + ": no resource " + relative + " in the jar");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException(key + ": cannot read resource " + relative);
      }
    }
    Path file = baseDir.resolve(relative);
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(key + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private List<ChannelConfig> alerts(JsonNode node) {
    List<ChannelConfig> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new ConfigException("alerts: must be a list");
    }
    for (int i = 0; i < node.size(); i++) {
      String at = "alerts[" + i + "]";
      JsonNode item = node.get(i);
      if (!item.isObject()) {
        throw new ConfigException(at + ": must be a mapping with type");
      }
      allowKeys(item, at + ".", "type", "url", "secret");
      String type = text(item, "type", at + ".type").toLowerCase(Locale.ROOT);
      if (!CHANNEL_TYPES.contains(type)) {
        throw new ConfigException(at + ".type: must be one of " + new java.util.TreeSet<>(CHANNEL_TYPES));
      }
      String url = item.has("url") ? resolve(text(item, "url", at + ".url"), at + ".url") : null;
      if (!"log".equals(type) && (url == null || !url.matches("(?i)https?://\\S+"))) {
        throw new ConfigException(at + ".url: must be an http(s) URL (write it as ${env:NAME})");
      }
      String secret = null;
      if (item.has("secret") && !SIGNING_CHANNELS.contains(type)) {
        throw new ConfigException(at + ".secret: " + type + " does not sign messages; remove secret");
      }
      if (item.has("secret")) {
        String raw = text(item, "secret", at + ".secret");
        if (!ENV_REF.matcher(raw.trim()).matches()) {
          throw new ConfigException(at + ".secret: secrets must be written as ${env:NAME}, never inline");
        }
        secret = resolve(raw.trim(), at + ".secret");
      }
      out.add(new ChannelConfig(type, url, secret));
    }
    return out;
  }

  /** Replaces every ${env:NAME}; a missing variable is an error naming the key and the variable. */
  private String resolve(String value, String key) {
    Matcher m = ENV_REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = env.apply(m.group(1));
      if (v == null || v.isEmpty()) {
        throw new ConfigException(key + ": environment variable " + m.group(1) + " is not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
