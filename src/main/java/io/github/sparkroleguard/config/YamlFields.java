package io.github.sparkroleguard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/** Reading typed values out of the parsed YAML, each failure a {@link ConfigException} naming the key. */
final class YamlFields {
  private YamlFields() {}

  /**
   * One YAML document as plain maps, lists and scalars (SnakeYAML's safe constructor: no
   * classes, the default alias limits). This is what {@code new Yaml(new SafeConstructor(..))
   * .load(..)} does, without building the dumper half that a fresh JVM would pay for.
   */
  static Object load(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false); // two roles: blocks would silently drop the first one's roles
    SafeConstructor constructor = new SafeConstructor(options);
    constructor.setAllowDuplicateKeys(false); // the constructor does not take it from the options (Yaml's does)
    constructor.setComposer(new Composer(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options));
    try {
      return constructor.getSingleData(Object.class);
    } catch (MarkedYAMLException e) {
      throw new ConfigException("configuration is not valid YAML: " + YamlErrors.describe(e, yaml));
    }
  }

  static void allowKeys(JsonNode node, String prefix, String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!ok.contains(k)) {
        throw new ConfigException(prefix + k + ": unknown key (allowed: " + String.join(", ", allowed) + ")");
      }
    }
  }

  static JsonNode object(JsonNode root, String field, String key) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!n.isObject()) {
      throw new ConfigException(key + ": must be a mapping");
    }
    return n;
  }

  static String text(JsonNode node, String field, String key) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      throw new ConfigException(key + ": is required");
    }
    if (!n.isValueNode() || n.asText().isBlank()) {
      throw new ConfigException(key + ": must be a non-empty string");
    }
    return n.asText();
  }

  static String optText(JsonNode node, String field, String key, String fallback) {
    return node.has(field) ? text(node, field, key) : fallback;
  }

  static boolean bool(JsonNode node, String field, String key, boolean fallback) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      throw new ConfigException(key + ": must be true or false");
    }
    return n.asBoolean();
  }

  static int integer(JsonNode node, String field, String key, int fallback, int min, int max) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isInt() || n.asInt() < min || n.asInt() > max) {
      throw new ConfigException(key + ": must be a whole number from " + min + " to " + max);
    }
    return n.asInt();
  }

  static void checkName(String value, Pattern pattern, String key, String what) {
    if (!pattern.matcher(value).matches()) {
      throw new ConfigException(key + ": must be " + what);
    }
  }
}
