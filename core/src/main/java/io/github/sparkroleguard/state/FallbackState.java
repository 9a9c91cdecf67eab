package io.github.sparkroleguard.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A durable store that can never block a restore or an alert: every write also goes to this
 * instance's memory, and when the store fails the rest of the invocation uses that memory alone
 * (one timeout per invocation at most). The reason is reported once per invocation, for the
 * result and the log; {@link #startInvocation} tries the store again.
 */
public final class FallbackState implements GuardState {
  private final GuardState store;
  private final MemoryState memory = new MemoryState();
  private final Consumer<String> onFallback;
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final StoreProbe probe;

  /** @param onFallback told once per invocation why the store was given up (thread-safe) */
  public FallbackState(GuardState store, Consumer<String> onFallback) {
    this(store, onFallback, null);
  }

  /** @param probe what {@code doctor} runs to prove the store's writes (null: nothing to prove) */
  public FallbackState(GuardState store, Consumer<String> onFallback, StoreProbe probe) {
    this.store = store;
    this.onFallback = onFallback;
    this.probe = probe;
  }

  /** The store's write probe, for {@code doctor}. */
  @Override
  public Optional<StoreProbe> probe() {
    return Optional.ofNullable(probe);
  }

  /** Before each invocation: use the store again. */
  @Override
  public void startInvocation() {
    failure.set(null);
    write(store::startInvocation, () -> { });
  }

  /** Why this invocation fell back to per-instance memory, if it did. */
  public Optional<String> fallbackReason() {
    return Optional.ofNullable(failure.get());
  }

  /** The same as {@link #fallbackReason}: per-instance memory cannot say what other instances saw. */
  @Override
  public Optional<String> degraded() {
    return fallbackReason();
  }

  /** The store's own list (kept in this instance: what it ignored before failing is still reported). */
  @Override
  public List<String> ignored() {
    try {
      return store.ignored();
    } catch (StateException e) {
      return List.of();
    }
  }

  @Override
  public int forged() {
    try {
      return store.forged();
    } catch (StateException e) {
      return 0;
    }
  }

  private <T> T read(Supplier<T> fromStore, Supplier<T> fromMemory) {
    if (failure.get() == null) {
      try {
        return fromStore.get();
      } catch (StateException e) {
        fail(e);
      }
    }
    return fromMemory.get();
  }

  private void write(Runnable toStore, Runnable toMemory) {
    toMemory.run();
    if (failure.get() == null) {
      try {
        toStore.run();
      } catch (StateException e) {
        fail(e);
      }
    }
  }

  private void fail(StateException e) {
    String reason = "shared state " + store.describe() + " failed (" + e.getMessage()
        + "): this invocation uses per-instance memory";
    if (failure.compareAndSet(null, reason)) {
      onFallback.accept(reason);
    }
  }

  @Override
  public Claim claimDelivery(String deliveryId, String contentHash, Instant now) {
    Claim local = memory.claimDelivery(deliveryId, contentHash, now);
    return read(() -> store.claimDelivery(deliveryId, contentHash, now), () -> local);
  }

  @Override
  public void finishDelivery(String deliveryId, String contentHash, boolean handled, Instant now) {
    write(() -> store.finishDelivery(deliveryId, contentHash, handled, now),
        () -> memory.finishDelivery(deliveryId, contentHash, handled, now));
  }

  @Override
  public AlertTurn alertTurn(String fingerprint, Instant now, Duration window) {
    return read(() -> store.alertTurn(fingerprint, now, window), () -> memory.alertTurn(fingerprint, now, window));
  }

  @Override
  public void alertDone(AlertTurn turn, boolean delivered, Instant now) {
    write(() -> store.alertDone(turn, delivered, now), () -> memory.alertDone(turn, delivered, now));
  }

  @Override
  public void alerted(String fingerprint, Instant now) {
    write(() -> store.alerted(fingerprint, now), () -> memory.alerted(fingerprint, now));
  }

  @Override
  public Optional<Pause> restoresPaused(String role, Instant now, FlapRule rule) {
    return read(() -> store.restoresPaused(role, now, rule), () -> memory.restoresPaused(role, now, rule));
  }

  @Override
  public Pause.Outcome restored(String role, Instant now, Set<String> actors, FlapRule rule) {
    Pause.Outcome local = memory.restored(role, now, actors, rule);
    return read(() -> store.restored(role, now, actors, rule), () -> local);
  }

  @Override
  public void approve(String driftFingerprint, Approval approval) {
    write(() -> store.approve(driftFingerprint, approval), () -> memory.approve(driftFingerprint, approval));
  }

  @Override
  public Optional<Approval> approval(String driftFingerprint) {
    return read(() -> store.approval(driftFingerprint), () -> memory.approval(driftFingerprint));
  }

  @Override
  public void delivered(Collection<DeliveredEvent> events, Instant now) {
    write(() -> store.delivered(events, now), () -> memory.delivered(events, now));
  }

  @Override
  public Set<String> deliveredIds(Collection<String> eventIds) {
    return read(() -> store.deliveredIds(eventIds), () -> memory.deliveredIds(eventIds));
  }

  @Override
  public Optional<DeliveredEvent> lastDelivery() {
    return read(store::lastDelivery, memory::lastDelivery);
  }

  @Override
  public boolean firstDeafnessReport(String eventId, Instant now) {
    boolean local = memory.firstDeafnessReport(eventId, now);
    return read(() -> store.firstDeafnessReport(eventId, now), () -> local);
  }

  /** True while the store answers in this invocation. */
  @Override
  public boolean durable() {
    return failure.get() == null;
  }

  @Override
  public String describe() {
    return store.describe();
  }
}
