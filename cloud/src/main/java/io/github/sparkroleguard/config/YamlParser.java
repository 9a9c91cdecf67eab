package io.github.sparkroleguard.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The configuration's YAML text to plain maps, lists and scalars: the one class (with
 * {@link YamlErrors}) that uses SnakeYAML, kept apart from the field readers ({@link YamlFields})
 * that the configuration model uses.
 */
final class YamlParser {
  private YamlParser() {}

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
}
