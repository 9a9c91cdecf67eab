package io.github.sparkroleguard.config;

import static io.github.sparkroleguard.config.YamlFields.allowKeys;
import static io.github.sparkroleguard.config.YamlFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The {@code alerts} list: channel type, URL (may hold tokens: written as env references) and secret. */
final class AlertSection {
  private final Secrets secrets;

  AlertSection(Secrets secrets) {
    this.secrets = secrets;
  }

  List<ChannelConfig> parse(JsonNode node) {
    List<ChannelConfig> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new ConfigException("alerts: must be a list");
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(channel(node.get(i), "alerts[" + i + "]"));
    }
    return out;
  }

  private ChannelConfig channel(JsonNode item, String at) {
    if (!item.isObject()) {
      throw new ConfigException(at + ": must be a mapping with type");
    }
    allowKeys(item, at + ".", "type", "url", "secret");
    ChannelType type = ChannelType.fromWire(text(item, "type", at + ".type"))
        .orElseThrow(() -> new ConfigException(at + ".type: must be one of " + ChannelType.names()));
    String url = item.has("url") ? secrets.resolve(text(item, "url", at + ".url"), at + ".url") : null;
    if (type != ChannelType.LOG && (url == null || !url.matches("(?i)https?://\\S+"))) {
      throw new ConfigException(at + ".url: must be an http(s) URL (write it as ${env:NAME})");
    }
    String secret = null;
    if (item.has("secret")) {
      if (!type.signs()) {
        throw new ConfigException(at + ".secret: " + type.wireName() + " does not sign messages; remove secret");
      }
      secret = secrets.secret(text(item, "secret", at + ".secret"), at + ".secret");
    }
    return new ChannelConfig(type, url, secret);
  }
}
