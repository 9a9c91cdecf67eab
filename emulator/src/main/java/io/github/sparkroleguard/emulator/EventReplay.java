package io.github.sparkroleguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes the change an ActionTrail record describes happen in the emulated account, the way the
 * person who made it would have (the console detaches policies before deleting a role, for
 * instance), and adds the record to the emulated trail. Failed calls, reads and other services'
 * events change nothing. Used by the demo and the tests; never by the guard.
 */
public final class EventReplay {
  /** A narrower version of the documented custom policy: oss:PutObject and DLF writes are gone. */
  static final String NARROWED = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:GetObject\","
      + "\"oss:ListObjects\"],\"Resource\":[\"acs:oss:*:*:serverless-spark-test-resources/*\"]}]}";

  private EventReplay() {}

  /** A distinct narrowed document, for building up policy versions in tests. */
  public static String narrowed(String marker) {
    return NARROWED.replace("oss:ListObjects", "oss:ListObjects\",\"oss:Get" + marker.replaceAll("[^A-Za-z0-9]", ""));
  }

  /** Applies an EventBridge event, a bare record, or an array of them. */
  public static void apply(CloudEmulator emulator, JsonNode payload) {
    if (payload.isArray()) {
      payload.forEach(p -> apply(emulator, p));
      return;
    }
    JsonNode record = payload.has("data") ? payload.get("data") : payload;
    if (!record.isObject() || !record.has("eventName")) {
      return;
    }
    emulator.trail().add((ObjectNode) record);
    String service = record.path("serviceName").asText();
    // a record without serviceName is told by its eventSource (either spelling of Resource Management's)
    boolean rm = "ResourceManager".equalsIgnoreCase(service)
        || service.isEmpty() && record.path("eventSource").asText().toLowerCase(java.util.Locale.ROOT).startsWith("resourcemanager");
    if ((!"Ram".equalsIgnoreCase(service) && !rm) || !record.path("errorCode").asText().isEmpty()
        || "Read".equalsIgnoreCase(record.path("eventRW").asText())) {
      return;
    }
    Map<String, String> p = new LinkedHashMap<>();
    record.path("requestParameters").fields().forEachRemaining(f -> p.put(f.getKey(), f.getValue().asText()));
    EmulatedRam ram = emulator.ram();
    String name = record.get("eventName").asText();
    try {
      prepare(ram, name, p);
      if (rm) {
        if ("DeleteRole".equals(name)) {
          synchronized (ram) {
            ram.state().attachments.removeIf(a -> a.roleName.equalsIgnoreCase(p.get("RoleName")));
          }
        }
        ResourceManagerActions.run(ram, emulator.resourceManager(), name, p);
      } else {
        RamActions.run(ram, name, p);
      }
    } catch (EmulatorException e) {
      // The recorded call would have failed the same way; nothing changes, as in the cloud.
    }
  }

  /** Brings the account to where the recorded call could succeed. */
  private static void prepare(EmulatedRam ram, String name, Map<String, String> p) {
    switch (name) {
      case "DeleteRole":
        detachAll(ram, p.get("RoleName"));
        break;
      case "CreateRole":
        if (exists(() -> ram.getRole(p.get("RoleName")))) {
          detachAll(ram, p.get("RoleName"));
          ram.deleteRole(p.get("RoleName"));
        }
        break;
      case "CreatePolicy":
        if (exists(() -> ram.getPolicy("Custom", p.get("PolicyName")))) {
          ram.deletePolicy(p.get("PolicyName"), true);
        }
        break;
      case "SetDefaultPolicyVersion":
      case "DeletePolicyVersion":
        while (!exists(() -> ram.getPolicyVersion("Custom", p.get("PolicyName"), p.get("VersionId")))
            && ram.getPolicy("Custom", p.get("PolicyName")).lastVersion < 5) {
          ram.createPolicyVersion(p.get("PolicyName"), NARROWED, false, null);
        }
        break;
      default:
        break;
    }
  }

  private static void detachAll(EmulatedRam ram, String role) {
    if (exists(() -> ram.getRole(role))) {
      ram.listPoliciesForRole(role).forEach(a -> ram.detachPolicyFromRole(a.policyType, a.policyName, role));
    }
  }

  private static boolean exists(Runnable read) {
    try {
      read.run();
      return true;
    } catch (EmulatorException e) {
      return false;
    }
  }
}
