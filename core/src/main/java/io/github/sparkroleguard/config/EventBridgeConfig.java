package io.github.sparkroleguard.config;

import static io.github.sparkroleguard.config.YamlFields.allowKeys;
import static io.github.sparkroleguard.config.YamlFields.optText;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the EventBridge rules feeding the guard live, for {@code doctor} to check them: the
 * regions whose default bus carries RAM events, the function the rules must target, and optional
 * endpoint overrides (the emulator). RAM events of calls for regions in China are published in
 * cn-hangzhou, of calls for regions outside China in ap-southeast-1 [doc: EventBridge's RAM event
 * page, PLATFORM.md section 3]: both by default.
 */
public final class EventBridgeConfig {
  /** The regions whose default bus receives RAM's ActionTrail events [doc]. */
  public static final List<String> RAM_EVENT_REGIONS = List.of("cn-hangzhou", "ap-southeast-1");
  /** The function name s.yaml deploys in each region. */
  public static final String DEFAULT_FUNCTION_NAME = "spark-role-guard";

  private final List<String> regions;
  private final String functionName;
  private final Map<String, Endpoint> endpoints;

  private EventBridgeConfig(List<String> regions, String functionName, Map<String, Endpoint> endpoints) {
    this.regions = List.copyOf(regions);
    this.functionName = functionName;
    this.endpoints = Map.copyOf(endpoints);
  }

  /** Both RAM event regions; the function name from FC_FUNCTION_NAME when set. */
  public static EventBridgeConfig defaults(Function<String, String> env) {
    String fn = env.apply("FC_FUNCTION_NAME");
    return new EventBridgeConfig(RAM_EVENT_REGIONS, fn == null || fn.isBlank() ? DEFAULT_FUNCTION_NAME : fn, Map.of());
  }

  /** The {@code eventbridge} section: {@code functionName}, {@code regions}, {@code endpoints} (region to host). */
  static EventBridgeConfig parse(JsonNode node, Function<String, String> env) {
    EventBridgeConfig d = defaults(env);
    if (node == null || node.isNull()) {
      return d;
    }
    if (!node.isObject()) {
      throw new ConfigException("eventbridge: must be a mapping");
    }
    allowKeys(node, "eventbridge.", "functionName", "regions", "endpoints");
    String fn = optText(node, "functionName", "eventbridge.functionName", d.functionName);
    if (!fn.matches("[A-Za-z_][A-Za-z0-9_\\-]{0,127}")) {
      throw new ConfigException("eventbridge.functionName: must be a Function Compute function name");
    }
    List<String> regions = new ArrayList<>();
    JsonNode r = node.get("regions");
    if (r == null || r.isNull()) {
      regions.addAll(d.regions);
    } else {
      if (!r.isArray() || r.isEmpty()) {
        throw new ConfigException("eventbridge.regions: must be a non-empty list of region ids");
      }
      for (int i = 0; i < r.size(); i++) {
        String region = r.get(i).asText("");
        if (!r.get(i).isTextual() || !region.matches("[a-z]{2}-[a-z0-9\\-]{1,30}")) {
          throw new ConfigException("eventbridge.regions[" + i + "]: must be a region id such as cn-hangzhou");
        }
        regions.add(region);
      }
    }
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    JsonNode e = node.get("endpoints");
    if (e != null && !e.isNull()) {
      if (!e.isObject()) {
        throw new ConfigException("eventbridge.endpoints: must be a mapping of region to endpoint");
      }
      e.fields().forEachRemaining(f -> {
        if (!regions.contains(f.getKey())) {
          throw new ConfigException("eventbridge.endpoints." + f.getKey() + ": not one of eventbridge.regions " + regions);
        }
        endpoints.put(f.getKey(), Endpoint.parse(f.getValue().asText(), "eventbridge.endpoints." + f.getKey()));
      });
    }
    return new EventBridgeConfig(regions, fn, endpoints);
  }

  public List<String> regions() {
    return regions;
  }

  /** The function each region's rule must target (s.yaml deploys the same name in every region). */
  public String functionName() {
    return functionName;
  }

  /** The configured endpoint of a region; empty: the service's public endpoint. */
  public Optional<Endpoint> endpoint(String region) {
    return Optional.ofNullable(endpoints.get(region));
  }
}
