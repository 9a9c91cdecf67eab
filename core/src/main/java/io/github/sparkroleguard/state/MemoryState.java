package io.github.sparkroleguard.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default memory: this FC instance's own, bounded, gone when the instance is reclaimed.
 * Another instance may therefore alert a duplicate once more, re-alert an unrepaired drift, or
 * miss flapping spread over instances; a durable store closes those gaps. Also the fallback
 * when the durable store fails.
 */
public final class MemoryState implements GuardState {
  private final Map<String, Boolean> handled = new Bounded<>(2048, false);
  private final Map<String, Instant> alerted = new Bounded<>(1024, true);
  private final Map<String, Deque<Instant>> restores = new HashMap<>();
  private final Map<String, Set<String>> actors = new HashMap<>();
  private final Map<String, Instant> pausedUntil = new HashMap<>();
  private final Map<String, Approval> approved = new Bounded<>(1024, true);
  private final Map<String, DeliveredEvent> delivered = new Bounded<>(4096, false);
  private final Map<String, Boolean> deafReported = new Bounded<>(4096, false);
  private DeliveredEvent last;

  @Override
  public synchronized Claim claimDelivery(String deliveryId, String contentHash, Instant now) {
    if (deliveryId.isEmpty()) {
      return Claim.FIRST;
    }
    return handled.containsKey(deliveryId + "|" + contentHash) ? Claim.DUPLICATE : Claim.FIRST;
  }

  @Override
  public synchronized void finishDelivery(String deliveryId, String contentHash, boolean ok, Instant now) {
    if (ok && !deliveryId.isEmpty()) {
      handled.put(deliveryId + "|" + contentHash, Boolean.TRUE);
    }
  }

  @Override
  public synchronized AlertTurn alertTurn(String fingerprint, Instant now, Duration window) {
    Instant at = alerted.get(fingerprint);
    if (at != null && at.plus(window).isAfter(now)) {
      return AlertTurn.taken(fingerprint, at);
    }
    return AlertTurn.granted(fingerprint, "");
  }

  @Override
  public synchronized void alertDone(AlertTurn turn, boolean delivered, Instant now) {
    if (turn.mine() && delivered) {
      alerted.put(turn.fingerprint(), now);
    }
  }

  @Override
  public synchronized void alerted(String fingerprint, Instant now) {
    alerted.put(fingerprint, now);
  }

  @Override
  public synchronized Optional<Pause> restoresPaused(String role, Instant now, FlapRule rule) {
    String k = key(role);
    Instant until = pausedUntil.get(k);
    if (until != null && until.isAfter(now) && !until.isAfter(now.plus(rule.coolDown()))) {
      return Optional.of(new Pause(until, actors.getOrDefault(k, Set.of())));
    }
    return Optional.empty();
  }

  @Override
  public synchronized Pause.Outcome restored(String role, Instant now, Set<String> who, FlapRule rule) {
    String k = key(role);
    Deque<Instant> times = restores.computeIfAbsent(k, x -> new ArrayDeque<>());
    while (!times.isEmpty() && !times.peekFirst().plus(rule.window()).isAfter(now)) {
      times.removeFirst();
    }
    if (times.isEmpty()) {
      actors.remove(k);
    }
    times.addLast(now);
    Set<String> names = actors.computeIfAbsent(k, x -> new LinkedHashSet<>());
    names.addAll(who);
    if (rule.limit() > 0 && times.size() >= rule.limit()) {
      pausedUntil.put(k, now.plus(rule.coolDown()));
      times.clear();
      return new Pause.Outcome(true, names);
    }
    return new Pause.Outcome(false, names);
  }

  @Override
  public synchronized void approve(String driftFingerprint, Approval approval) {
    approved.put(driftFingerprint, approval);
  }

  @Override
  public synchronized Optional<Approval> approval(String driftFingerprint) {
    return Optional.ofNullable(approved.get(driftFingerprint));
  }

  @Override
  public synchronized void delivered(Collection<DeliveredEvent> events, Instant now) {
    for (DeliveredEvent e : events) {
      if (!e.eventId().isEmpty()) {
        delivered.put(e.eventId(), e);
      }
      last = e;
    }
  }

  @Override
  public synchronized Set<String> deliveredIds(Collection<String> eventIds) {
    Set<String> out = new LinkedHashSet<>();
    eventIds.stream().filter(delivered::containsKey).forEach(out::add);
    return out;
  }

  @Override
  public synchronized Optional<DeliveredEvent> lastDelivery() {
    return Optional.ofNullable(last);
  }

  @Override
  public synchronized boolean firstDeafnessReport(String eventId, Instant now) {
    return deafReported.put(eventId, Boolean.TRUE) == null;
  }

  @Override
  public boolean durable() {
    return false;
  }

  @Override
  public String describe() {
    return "memory (per instance)";
  }

  private static String key(String role) {
    return role.toLowerCase(Locale.ROOT);
  }
}
