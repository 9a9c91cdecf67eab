package io.github.sparkroleguard.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded memo from a document's text to what parsing it yields, so that a document is parsed
 * once however many steps look at it (the detector, the inspector, the planner, the executor,
 * the semantic diff, coverage): the pinned documents once per instance, a live one once per
 * read. Least recently used entries go first; failures are not remembered. Thread-safe.
 */
final class Memo<V> {
  private final Map<String, V> entries;

  Memo(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }

  V get(String key, Function<String, V> compute) {
    synchronized (entries) {
      V known = entries.get(key);
      if (known != null) {
        return known;
      }
    }
    V value = compute.apply(key);
    synchronized (entries) {
      entries.put(key, value);
    }
    return value;
  }
}
