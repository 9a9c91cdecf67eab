package io.github.sparkroleguard.config;

import static io.github.sparkroleguard.config.YamlFields.allowKeys;
import static io.github.sparkroleguard.config.YamlFields.bool;
import static io.github.sparkroleguard.config.YamlFields.integer;
import static io.github.sparkroleguard.config.YamlFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.json.Json;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads and validates the YAML configuration. Every error names the key and the problem; secrets
 * are accepted only as {@code ${env:NAME}} references and never appear in an error message.
 * Finding the file is {@link ConfigSource}'s job, each section has its parser, the defaults live
 * in {@link Defaults}; this class reads the top-level keys and puts the parts together.
 */
public final class ConfigLoader {
  /** Environment variable holding the configuration file's path. */
  public static final String CONFIG_ENV = ConfigSource.CONFIG_ENV;
  /** The configuration shipped inside the jar, used when GUARD_CONFIG is not set. */
  public static final String BUNDLED = ConfigSource.BUNDLED;

  private final Secrets secrets;
  private final Path baseDir;
  private final Function<String, String> env;

  /**
   * @param env environment lookup (System::getenv in production, a map in tests)
   * @param baseDir directory that {@code *File} keys are relative to; null for the bundled
   *     configuration, whose files are resources inside the jar
   */
  public ConfigLoader(Function<String, String> env, Path baseDir) {
    this.secrets = new Secrets(env);
    this.baseDir = baseDir;
    this.env = env;
  }

  /** GUARD_CONFIG if set, else the bundled file, else the built-in zero-configuration default. */
  public static GuardConfig fromEnvironment(Function<String, String> env) {
    ConfigSource source = ConfigSource.locate(env);
    if (source.baseDir() == null) {
      return new ConfigLoader(env, null).parse(source.text()); // the bundled file
    }
    try {
      return new ConfigLoader(env, source.baseDir()).parse(source.text(), true);
    } catch (ConfigException e) {
      throw new ConfigException(CONFIG_ENV + " " + env.apply(CONFIG_ENV) + ": " + e.getMessage());
    }
  }

  /** A configuration file; one that holds nothing (empty, or only comments) is an error. */
  public static GuardConfig load(Path file, Function<String, String> env) {
    ConfigSource source = ConfigSource.file(file);
    return new ConfigLoader(env, source.baseDir()).parse(source.text(), true);
  }

  /** YAML text; an empty text is the zero configuration. */
  public GuardConfig parse(String yaml) {
    return parse(yaml, false);
  }

  private GuardConfig parse(String yaml, boolean file) {
    JsonNode parsed = tree(yaml);
    if (parsed.isNull()) {
      if (file) {
        throw new ConfigException("the configuration file is empty. Zero configuration (protect "
            + Defaults.DEFAULT_ROLE + ", alert only) means no file: remove it or unset " + CONFIG_ENV
            + ", or write the configuration in it");
      }
      parsed = Json.object();
    }
    JsonNode root = EnvRefs.resolve(parsed, secrets);
    allowKeys(root, "", "mode", "dryRun", "maxWritesPerInvocation", "attributionHours", "retryBudgetSeconds",
        "realertMinutes", "flapping", "settleSeconds", "approvedActors", "ram", "actiontrail", "self", "roles", "alerts",
        "resourcemanager", "eventbridge", "state", "serviceLinkedRole", "accounts", "fleet", "prevention", "fanOut");
    Mode mode = root.has("mode") ? Mode.parse(text(root, "mode", "mode"), "mode") : Mode.ALERT;
    GuardConfig.Builder b = GuardConfig.builder();
    b.dryRun = bool(root, "dryRun", "dryRun", false);
    b.maxWritesPerInvocation = integer(root, "maxWritesPerInvocation", "maxWritesPerInvocation",
        Defaults.DEFAULT_MAX_WRITES, 1, 1000);
    b.attributionHours = integer(root, "attributionHours", "attributionHours", Defaults.ATTRIBUTION_HOURS, 0, 2160);
    b.retryBudgetSeconds = integer(root, "retryBudgetSeconds", "retryBudgetSeconds", Defaults.RETRY_BUDGET_SECONDS, 0, 600);
    b.realertMinutes = integer(root, "realertMinutes", "realertMinutes", Defaults.REALERT_MINUTES, 0, 10080);
    ServiceSection.parse(root, b);
    RoleSection roleSection = new RoleSection(baseDir, YamlFields.bool(root, "serviceLinkedRole", "serviceLinkedRole", true));
    b.roles = roleSection.parse(root.get("roles"), mode);
    b.accounts = new AccountsSection(roleSection, secrets).parse(root, b.roles, mode);
    b.alerts = new AlertSection(secrets).parse(root.get("alerts"));
    b.hardening = HardeningSection.parse(root);
    b.prevention = Prevention.parse(root.get("prevention"));
    b.eventBridge = EventBridgeConfig.parse(root.get("eventbridge"), env);
    b.state = StateSettings.read(root.get("state"), b.region, env.apply("FC_REGION"), secrets);
    b.fanOut = FanOutSettings.read(root);
    return b.build();
  }

  /** The YAML as a tree; an empty file (or only comments) is a null node. */
  private static JsonNode tree(String yaml) {
    JsonNode root;
    try {
      root = Json.fromJava(YamlParser.load(yaml));
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new ConfigException("configuration is not valid YAML: " + firstLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("configuration: " + e.getMessage() + " (quote dates and binary values)");
    }
    if (root.isNull()) {
      return root;
    }
    if (!root.isObject()) {
      throw new ConfigException("configuration: must be a mapping of keys");
    }
    return root;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
