package io.github.sparkroleguard.state;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that forgets its eldest entries past a capacity, so per-instance memory stays bounded. */
final class Bounded<K, V> extends LinkedHashMap<K, V> {
  private static final long serialVersionUID = 1L;
  private final int capacity;

  Bounded(int capacity, boolean accessOrder) {
    super(16, 0.75f, accessOrder);
    this.capacity = capacity;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
