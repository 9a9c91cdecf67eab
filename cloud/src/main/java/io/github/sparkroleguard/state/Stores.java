package io.github.sparkroleguard.state;

import io.github.sparkroleguard.config.StateSettings;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Builds the memory a configuration asks for: per-instance, or OSS with a fallback to it. */
public final class Stores {
  private Stores() {}

  /**
   * @param keys the credentials of each call (the function role's, refreshed every invocation)
   * @param onFallback told once per invocation when the OSS store failed and memory is used
   */
  public static GuardState build(StateSettings settings, Supplier<StoreKeys> keys, Clock clock, Consumer<String> onFallback) {
    if (!settings.oss()) {
      return new MemoryState();
    }
    OssClient client = new OssClient(settings.endpoint().host(), settings.endpoint().https(), settings.bucket(),
        settings.region(), keys, clock, StoreFacts.TIMEOUT_MILLIS, StoreFacts.DEADLINE_MILLIS);
    return new FallbackState(new OssState(client, settings.bucket(), settings.prefix(), settings.transientPrefix(),
        settings.secret()), onFallback,
        new OssProbe(client, settings.transientPrefix()));
  }
}
