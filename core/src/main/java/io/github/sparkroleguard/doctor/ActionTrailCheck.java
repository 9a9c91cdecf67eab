package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.event.ChangeEvents;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.trail.TrailPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * ActionTrail answers LookupEvents, and the age of its newest RAM write event. Attribution,
 * {@code history} and the timer scan's "who" all depend on it; an old newest event in a busy
 * account means events are not reaching the trail.
 */
final class ActionTrailCheck implements DoctorCheck {
  static final String NAME = "actiontrail";
  /** How far back the newest RAM write is looked for. */
  static final Duration WINDOW = Duration.ofDays(7);
  /** Pages read at most (50 events each; LookupEvents allows 2 calls per second). */
  static final int MAX_PAGES = 3;

  private final TrailPort trail;
  private final Clock clock;

  ActionTrailCheck(TrailPort trail, Clock clock) {
    this.trail = trail;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    Instant now = clock.instant();
    String token = "";
    int read = 0;
    try {
      for (int page = 0; page < MAX_PAGES; page++) {
        TrailPort.Page p = trail.lookup("ServiceName", ChangeEvents.Service.RAM.lookupName(), now.minus(WINDOW), now, token);
        for (TrailRecord r : p.records()) {
          read++;
          if ("Write".equalsIgnoreCase(r.eventRw())) {
            return List.of(Finding.pass(NAME, "", "LookupEvents answers; the newest RAM write event (" + r.eventName()
                + ") is " + age(r.eventTime(), now) + " old (events appear about 10 minutes after the call)"));
          }
        }
        token = p.nextToken();
        if (token.isEmpty()) {
          break;
        }
      }
    } catch (CloudCallException e) {
      return List.of(Finding.fail(NAME, "", Failures.describe("LookupEvents", e), Failures.fix(e, TrailPort.PERMISSION)));
    }
    return List.of(Finding.warn(NAME, "", "LookupEvents answers, but no RAM write event in the last " + WINDOW.toDays()
        + " days (" + read + " RAM events read)", "normal for a quiet account; otherwise check that ActionTrail records "
        + "this account's RAM events and that actiontrail.endpoint is the region the trail is in"));
  }

  private static String age(String eventTime, Instant now) {
    try {
      Duration d = Duration.between(Instant.parse(eventTime), now);
      if (d.isNegative()) {
        return "0 minutes";
      }
      long minutes = d.toMinutes();
      return minutes < 120 ? minutes + " minutes" : minutes < 2880 ? d.toHours() + " hours" : d.toDays() + " days";
    } catch (DateTimeParseException e) {
      return "of unknown age (time " + eventTime + ")";
    }
  }
}
