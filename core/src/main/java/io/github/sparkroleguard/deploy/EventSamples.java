package io.github.sparkroleguard.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.event.ChangeEvents;
import io.github.sparkroleguard.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Samples of every event the guard must receive through EventBridge, shaped like the delivered
 * events of events/eventbridge-*.json (a test holds the shapes together): each RAM event type,
 * each event name the guard handles, each kind of caller. doctor matches a rule's whole pattern
 * against them. The envelope's {@code source} is {@code acs.ram} and the caller kinds are
 * ActionTrail's userIdentity types [inferred from the delivered samples and ActionTrail's event
 * reference: PLATFORM.md section 2]. Pure: built in memory.
 */
public final class EventSamples {
  static final String SOURCE = "acs.ram";
  static final List<String> CALLERS = List.of("ram-user", "assumed-role", "root-account");
  private static final String ACCOUNT = "1234567890123456";

  private EventSamples() {}

  /** One sample per type, event name and caller kind (3 x 10 x 3), for rules of this region. */
  public static List<ObjectNode> forRegion(String region) {
    List<ObjectNode> out = new ArrayList<>();
    for (String type : new TreeSet<>(ChangeEvents.EVENTBRIDGE_TYPES)) {
      for (String name : ChangeEvents.eventNames()) {
        for (String caller : CALLERS) {
          out.add(sample(region, type, name, caller));
        }
      }
    }
    return out;
  }

  static ObjectNode sample(String region, String type, String name, String caller) {
    boolean policy = ChangeEvents.target(name).map(t -> t == ChangeEvents.Target.POLICY).orElse(false);
    String resource = policy ? "spark-policy" : "spark-role";
    ObjectNode e = Json.object().put("specversion", "1.0").put("id", "00000000-0000-4000-8000-000000000000")
        .put("source", SOURCE).put("type", type)
        .put("subject", "acs:ram::" + ACCOUNT + ":" + (policy ? "policy/" : "role/") + resource)
        .put("time", "2026-01-01T00:00:00Z").put("datacontenttype", "application/json;charset=utf-8")
        .put("aliyunaccountid", ACCOUNT).put("aliyunpublishtime", "2026-01-01T00:00:00.000Z")
        .put("aliyuneventbusname", "default").put("aliyunregionid", region).put("aliyunpublishaddr", "10.0.0.1");
    ObjectNode d = e.putObject("data");
    d.put("eventId", "00000000-0000-4000-8000-000000000001").put("eventVersion", 1).put("eventName", name)
        .put("eventSource", ChangeEvents.RAM_EVENT_SOURCE).put("eventType", type.substring(type.lastIndexOf(':') + 1))
        .put("eventCategory", "Management").put("eventRW", "Write").put("eventTime", "2026-01-01T00:00:00Z")
        .put("serviceName", ChangeEvents.Service.RAM.lookupName()).put("apiVersion", "2015-05-01").put("requestId", "00000000-0000-4000-8000-000000000002");
    d.putObject("requestParameters").put(policy ? "PolicyName" : "RoleName", resource);
    d.putObject("responseElements");
    ObjectNode who = d.putObject("userIdentity").put("type", caller).put("principalId", "200000000000000000")
        .put("accountId", ACCOUNT);
    who.put("userName", caller.equals("assumed-role") ? "some-role:session" : caller.equals("root-account") ? "root" : "alice");
    who.put("accessKeyId", caller.equals("assumed-role") ? "STS.sample" : "LTAIsample");
    d.put("sourceIpAddress", "203.0.113.1").put("userAgent", "sample").put("acsRegion", region.toLowerCase(Locale.ROOT))
        .put("errorCode", "").put("errorMessage", "").put("isGlobal", true).put("recipientAccountId", ACCOUNT);
    d.putObject("referencedResources").putArray(policy ? "ACS::RAM::Policy" : "ACS::RAM::Role").add(resource);
    return e;
  }
}
