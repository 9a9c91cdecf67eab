package io.github.sparkroleguard.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.event.ChangeEvents;
import io.github.sparkroleguard.state.StoreFacts;
import io.github.sparkroleguard.trail.TrailPort;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ActionTrail's service names have one source, {@link ChangeEvents.Service}: the deafness
 * check's lookups and doctor's ActionTrail check ask for names the classifier recognises as the
 * service they mean (three separate lists before).
 */
class ServiceNamesTest {
  @Test
  void everyLookedUpServiceName_isOneTheClassifierRecognises() {
    for (ChangeEvents.Service s : ChangeEvents.Service.values()) {
      assertEquals(s, ChangeEvents.service(record(s.lookupName())).orElseThrow(), s.lookupName());
    }
    for (String name : StoreFacts.TRAIL_SERVICE_NAMES) {
      assertTrue(ChangeEvents.service(record(name)).isPresent(), "deafness looks up " + name);
    }
  }

  @Test
  void doctorLooksUpRamRecords_byTheTablesName() {
    List<String> asked = new ArrayList<>();
    TrailPort trail = new TrailPort() {
      @Override
      public Page lookup(String key, String value, Instant start, Instant end, String nextToken) {
        asked.add(key + "=" + value);
        return new Page(List.of(), "");
      }

      public Page lookup(String key, String value, String key2, String value2, Instant start, Instant end, String t) {
        return lookup(key, value, start, end, t);
      }
    };
    new ActionTrailCheck(trail, Clock.fixed(Instant.parse("2026-12-03T06:00:00Z"), ZoneOffset.UTC)).run();
    assertEquals(List.of("ServiceName=" + ChangeEvents.Service.RAM.lookupName()), asked);
  }

  static io.github.sparkroleguard.event.TrailRecord record(String serviceName) {
    return io.github.sparkroleguard.event.TrailRecord.builder().serviceName(serviceName).build();
  }
}
