package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.state.DeliveredEvent;
import io.github.sparkroleguard.state.GuardState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The deliveries of one event invocation: each is claimed (id and content) before it is acted
 * on, a duplicate is skipped, and at the end the claims are marked handled, or released when the
 * invocation failed so FC's retry is handled again. A delivery another instance holds and has
 * not finished fails this invocation: FC retries it once the holder is done (or dead).
 */
final class DeliveryClaims {
  private final GuardState state;
  private final Instant now;
  private final Set<String> mine = new LinkedHashSet<>();
  private final List<String[]> claimed = new ArrayList<>();
  private final List<String> heldElsewhere = new ArrayList<>();

  DeliveryClaims(GuardState state, Instant now) {
    this.state = state;
    this.now = now;
  }

  /** Records every delivered ActionTrail event for the deafness check, and the last delivery. */
  void recordDelivered(List<TrailRecord> records) {
    List<DeliveredEvent> events = new ArrayList<>();
    for (TrailRecord r : records) {
      events.add(new DeliveredEvent(r.eventId(), r.eventName(), now));
    }
    if (!events.isEmpty()) {
      state.delivered(events, now);
    }
  }

  /** Empty when the record is to be handled; else why it is skipped. */
  String claim(TrailRecord r) {
    String id = r.deliveryId();
    String content = DeliveryContent.hash(r);
    if (!id.isEmpty() && !mine.add(id + "|" + content)) {
      return ""; // twice in this batch: handled with the first (the role is inspected once anyway)
    }
    switch (state.claimDelivery(id, content, now)) {
      case DUPLICATE:
        return "duplicate delivery " + id + ": already handled (same id and content)";
      case IN_PROGRESS:
        heldElsewhere.add(id);
        return "delivery " + id + " is being handled by another invocation: this one fails so FC retries it";
      default:
        claimed.add(new String[] {id, content});
        return "";
    }
  }

  /** Deliveries another invocation holds; non-empty fails this invocation (FC retries it). */
  List<String> heldElsewhere() {
    return List.copyOf(heldElsewhere);
  }

  /** Handled: claims become duplicates for later deliveries; failed: released for the retry. */
  void finish(boolean handled) {
    for (String[] c : claimed) {
      state.finishDelivery(c[0], c[1], handled, now);
    }
  }
}
