package io.github.sparkroleguard.config;

import static io.github.sparkroleguard.config.YamlFields.allowKeys;
import static io.github.sparkroleguard.config.YamlFields.integer;
import static io.github.sparkroleguard.config.YamlFields.object;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The {@code flapping} mapping, {@code settleSeconds} and {@code approvedActors}. */
final class HardeningSection {
  private HardeningSection() {}

  static Hardening parse(JsonNode root) {
    JsonNode flap = object(root, "flapping", "flapping");
    allowKeys(flap, "flapping.", "restores", "windowMinutes", "coolDownMinutes");
    List<String> approved = approvedActors(root.get("approvedActors"));
    return new Hardening(
        integer(flap, "restores", "flapping.restores", Defaults.FLAP_RESTORES, 0, 100),
        integer(flap, "windowMinutes", "flapping.windowMinutes", Defaults.FLAP_WINDOW_MINUTES, 1, 1440),
        integer(flap, "coolDownMinutes", "flapping.coolDownMinutes", Defaults.COOL_DOWN_MINUTES, 1, 10080),
        integer(root, "settleSeconds", "settleSeconds", Defaults.SETTLE_SECONDS, 0, 60),
        approved);
  }

  private static List<String> approvedActors(JsonNode node) {
    List<String> approved = new ArrayList<>();
    if (node == null || node.isNull()) {
      return approved;
    }
    if (!node.isArray()) {
      throw new ConfigException("approvedActors: must be a list of RAM user or role names");
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode a = node.get(i);
      if (!a.isTextual() || !a.asText().matches("[A-Za-z0-9.@_:\\-]{1,128}")) {
        throw new ConfigException("approvedActors[" + i + "]: must be a RAM user name, role name or role:session");
      }
      approved.add(a.asText());
    }
    return approved;
  }
}
