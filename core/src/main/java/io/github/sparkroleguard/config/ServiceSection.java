package io.github.sparkroleguard.config;

import static io.github.sparkroleguard.config.YamlFields.allowKeys;
import static io.github.sparkroleguard.config.YamlFields.checkName;
import static io.github.sparkroleguard.config.YamlFields.integer;
import static io.github.sparkroleguard.config.YamlFields.object;
import static io.github.sparkroleguard.config.YamlFields.optText;

import com.fasterxml.jackson.databind.JsonNode;

/** The services the guard calls and its own identity: {@code ram}, {@code actiontrail}, {@code resourcemanager}, {@code self}. */
final class ServiceSection {
  private ServiceSection() {}

  static void parse(JsonNode root, GuardConfig.Builder b) {
    JsonNode ram = object(root, "ram", "ram");
    allowKeys(ram, "ram.", "endpoint", "region", "concurrency", "qps");
    b.ramConcurrency = integer(ram, "concurrency", "ram.concurrency", Defaults.RAM_CONCURRENCY, 1, 64);
    b.ramQps = integer(ram, "qps", "ram.qps", Defaults.RAM_QPS, 1, 1000);
    b.ramEndpoint = Endpoint.parse(optText(ram, "endpoint", "ram.endpoint", Defaults.RAM_ENDPOINT), "ram.endpoint");
    b.region = optText(ram, "region", "ram.region", Defaults.REGION);
    JsonNode trail = object(root, "actiontrail", "actiontrail");
    allowKeys(trail, "actiontrail.", "endpoint");
    b.actionTrailEndpoint = Endpoint.parse(
        optText(trail, "endpoint", "actiontrail.endpoint", Defaults.actionTrailEndpoint(b.region)), "actiontrail.endpoint");
    JsonNode rm = object(root, "resourcemanager", "resourcemanager");
    allowKeys(rm, "resourcemanager.", "endpoint");
    b.resourceManagerEndpoint = Endpoint.parse(
        optText(rm, "endpoint", "resourcemanager.endpoint", Defaults.RESOURCE_MANAGER_ENDPOINT), "resourcemanager.endpoint");
    JsonNode self = object(root, "self", "self");
    allowKeys(self, "self.", "roleName");
    b.selfRoleName = optText(self, "roleName", "self.roleName", Defaults.DEFAULT_SELF_ROLE);
    checkName(b.selfRoleName, RoleSection.ROLE_NAME, "self.roleName", "a RAM role name");
  }
}
