package io.github.sparkroleguard.trail;

import com.aliyuncs.actiontrail.model.v20200706.LookupEventsRequest;
import com.aliyuncs.actiontrail.model.v20200706.LookupEventsResponse;
import io.github.sparkroleguard.event.InputParser;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.transport.Answers;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.transport.SdkCaller;
import io.github.sparkroleguard.transport.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link TrailPort} over the official ActionTrail SDK. LookupEvents allows 2 calls per second per
 * account [doc]; calls are spaced at least {@value #MIN_INTERVAL_MS} ms apart.
 */
public final class SdkTrailClient implements TrailPort {
  static final long MIN_INTERVAL_MS = 500;
  static final int MAX_RESULTS = 50;

  private final SdkCaller caller;
  private final Clock clock;
  private final Sleeper sleeper;
  private Instant lastCall = Instant.MIN;

  public SdkTrailClient(SdkCaller caller, Clock clock, Sleeper sleeper) {
    this.caller = caller;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public Page lookup(String key, String value, Instant start, Instant end, String nextToken) {
    return lookup(List.of(attribute(key, value)), start, end, nextToken);
  }

  @Override
  public Page lookup(String key, String value, String key2, String value2, Instant start, Instant end, String nextToken) {
    return lookup(List.of(attribute(key, value), attribute(key2, value2)), start, end, nextToken);
  }

  private static LookupEventsRequest.LookupAttribute attribute(String key, String value) {
    LookupEventsRequest.LookupAttribute attribute = new LookupEventsRequest.LookupAttribute();
    attribute.setKey(key);
    attribute.setValue(value);
    return attribute;
  }

  private synchronized Page lookup(List<LookupEventsRequest.LookupAttribute> attributes, Instant start, Instant end,
      String nextToken) {
    pace();
    LookupEventsRequest req = new LookupEventsRequest();
    req.setLookupAttributes(attributes);
    req.setStartTime(start.truncatedTo(ChronoUnit.SECONDS).toString());
    req.setEndTime(end.truncatedTo(ChronoUnit.SECONDS).toString());
    req.setMaxResults(Integer.toString(MAX_RESULTS));
    if (nextToken != null && !nextToken.isEmpty()) {
      req.setNextToken(nextToken);
    }
    LookupEventsResponse resp = caller.call(req);
    List<TrailRecord> records = new ArrayList<>();
    for (Object event : Answers.require(resp.getEvents(), "LookupEvents", "Events")) {
      if (!(event instanceof Map)) {
        throw new CloudCallException(Answers.CODE, "LookupEvents answered an event that is not an object", false);
      }
      try {
        records.add(InputParser.record(Json.fromJava(event)));
      } catch (RuntimeException e) { // BadInputException, or a value the parser cannot take
        throw new CloudCallException(Answers.CODE, "LookupEvents returned an unreadable event: " + e.getMessage(), false);
      }
    }
    return new Page(records, resp.getNextToken());
  }

  private void pace() {
    Instant now = clock.instant();
    Instant next = lastCall.equals(Instant.MIN) ? now : lastCall.plusMillis(MIN_INTERVAL_MS);
    if (next.isAfter(now)) {
      try {
        sleeper.sleep(Duration.between(now, next));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lastCall = clock.instant().isAfter(next) ? clock.instant() : next;
  }
}
