package io.github.sparkroleguard.fleet;

import io.github.sparkroleguard.config.Accounts;
import io.github.sparkroleguard.config.MemberAccount;
import io.github.sparkroleguard.config.RoleBaseline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounts a central guard protects: those the configuration lists, plus (with
 * {@code fleet.discover}) every member Resource Directory lists, re-read at most every
 * {@link #REFRESH}. A listed account's settings win over discovery's defaults.
 */
public final class AccountDirectory {
  static final Duration REFRESH = Duration.ofMinutes(10);

  /** Lists a Resource Directory's members: account id to display name. */
  public interface Members {
    Map<String, String> list();
  }

  private final Accounts settings;
  private final List<RoleBaseline> defaultRoles;
  private final Members members;
  private final Clock clock;
  private List<MemberAccount> cached;
  private Instant readAt;

  /** @param members null when discovery is off */
  public AccountDirectory(Accounts settings, List<RoleBaseline> defaultRoles, Members members, Clock clock) {
    this.settings = settings;
    this.defaultRoles = List.copyOf(defaultRoles);
    this.members = members;
    this.clock = clock;
  }

  public synchronized List<MemberAccount> accounts() {
    if (!settings.discover() || members == null) {
      return settings.listed();
    }
    Instant now = clock.instant();
    if (cached == null || !now.isBefore(readAt.plus(REFRESH))) {
      Map<String, MemberAccount> all = new LinkedHashMap<>();
      settings.listed().forEach(a -> all.put(a.id(), a));
      members.list().forEach((id, name) -> {
        if (!all.containsKey(id) && !settings.exclude().contains(id)) {
          all.put(id, MemberAccount.discovered(id, name, settings.memberRole(), settings.externalId(), defaultRoles));
        }
      });
      cached = List.copyOf(new ArrayList<>(all.values()));
      readAt = now;
    }
    return cached;
  }
}
