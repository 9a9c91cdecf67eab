package io.github.sparkroleguard.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.event.ChangeEvents;
import io.github.sparkroleguard.json.Json;
import java.util.TreeSet;

/**
 * The EventBridge event pattern that feeds the guard, from the one event table: the RAM event
 * types and every event name the guard handles. s.yaml's triggers carry it (a test holds them to
 * it) and the README's fallback rule uses it.
 */
public final class EventPattern {
  private EventPattern() {}

  public static String forRam() {
    ObjectNode p = Json.object();
    new TreeSet<>(ChangeEvents.EVENTBRIDGE_TYPES).forEach(p.withArray("type")::add);
    ChangeEvents.eventNames().forEach(p.putObject("data").withArray("eventName")::add);
    return Json.write(p);
  }
}
