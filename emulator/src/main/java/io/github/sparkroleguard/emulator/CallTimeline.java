package io.github.sparkroleguard.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * When each call reached the emulator and when its answer left, for every service it speaks
 * (RAM, Resource Management, ActionTrail, OSS, ...), so a test can count the sequential rounds a
 * guard invocation took: calls that overlap in time went out together, a call that starts after
 * another ended waited for it. With latency added to every call (Faults), the count is the number
 * of round trips the invocation paid for.
 */
public final class CallTimeline {
  /** One call: its service ("ram", "resourcemanager", "actiontrail", "oss", ...), action, start and end (ns). */
  public static final class Call {
    public final String service;
    public final String action;
    public final long start;
    public final long end;

    Call(String service, String action, long start, long end) {
      this.service = service;
      this.action = action;
      this.start = start;
      this.end = end;
    }

    @Override
    public String toString() {
      return service + ":" + action;
    }
  }

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile long since = Long.MIN_VALUE;

  /** Records a call; one that started before the last {@link #clear} belongs to what came before. */
  void add(String service, String action, long start, long end) {
    if (start - since >= 0 || since == Long.MIN_VALUE) {
      calls.add(new Call(service, action, start, end));
    }
  }

  public List<Call> calls() {
    List<Call> out = new ArrayList<>(calls);
    out.sort(Comparator.comparingLong(c -> c.start));
    return out;
  }

  /** Forgets every call, and any still under way (its answer may not have left yet). */
  public void clear() {
    since = System.nanoTime();
    calls.clear();
  }

  /** The longest chain of calls each starting after the one before it ended: the sequential rounds. */
  public int rounds() {
    return rounds(calls());
  }

  /** The sequential rounds of the calls to some services only, e.g. RAM and Resource Management. */
  public int rounds(java.util.function.Predicate<Call> which) {
    return rounds(calls().stream().filter(which).collect(java.util.stream.Collectors.toList()));
  }

  /** The sequential rounds of calls (sorted by start): longest chain of calls, each after the previous ended. */
  public static int rounds(List<Call> sorted) {
    int[] depth = new int[sorted.size()];
    int best = 0;
    for (int i = 0; i < sorted.size(); i++) {
      depth[i] = 1;
      for (int j = 0; j < i; j++) {
        if (sorted.get(j).end <= sorted.get(i).start) {
          depth[i] = Math.max(depth[i], depth[j] + 1);
        }
      }
      best = Math.max(best, depth[i]);
    }
    return best;
  }
}
