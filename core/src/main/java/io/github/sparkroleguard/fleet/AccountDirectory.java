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
 * {@link #REFRESH}. A listed account's settings win over discovery's defaults. When
 * {@code ListAccounts} fails, the listed accounts and the last discovery (this instance's, else
 * the one kept in the shared store) are still protected, and the listing says so (issue 22): a
 * directory that does not answer never stops the accounts the guard already knows.
 */
public final class AccountDirectory {
  static final Duration REFRESH = Duration.ofMinutes(10);
  /** After a failed discovery, how long the fallback is used before ListAccounts is asked again. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

  /** Lists a Resource Directory's members: account id to display name. */
  public interface Members {
    Map<String, String> list();
  }

  /** The accounts to protect now, and whether discovery answered. */
  public static final class Listing {
    private final List<MemberAccount> accounts;
    private final String fallback;
    private final String error;

    Listing(List<MemberAccount> accounts, String fallback, String error) {
      this.accounts = List.copyOf(accounts);
      this.fallback = fallback;
      this.error = error;
    }

    public List<MemberAccount> accounts() {
      return accounts;
    }

    /** Empty when discovery answered (or is off); else what was used: "last", "stored" or "listed". */
    public String fallback() {
      return fallback;
    }

    /** Why discovery failed (and any stored discovery was ignored); empty when it answered. */
    public String error() {
      return error;
    }

    public boolean failed() {
      return !fallback.isEmpty();
    }
  }

  private final Accounts settings;
  private final List<RoleBaseline> defaultRoles;
  private final Members members;
  private final DiscoveryMemory memory;
  private final Clock clock;
  private Listing cached;
  private Instant readAt;
  private Map<String, String> lastFound;

  /** @param members null when discovery is off */
  public AccountDirectory(Accounts settings, List<RoleBaseline> defaultRoles, Members members, Clock clock) {
    this(settings, defaultRoles, members, DiscoveryMemory.NONE, clock);
  }

  /** @param memory where the last discovery is kept beyond this instance ({@link DiscoveryMemory#NONE}: nowhere) */
  public AccountDirectory(Accounts settings, List<RoleBaseline> defaultRoles, Members members, DiscoveryMemory memory,
      Clock clock) {
    this.settings = settings;
    this.defaultRoles = List.copyOf(defaultRoles);
    this.members = members;
    this.memory = memory;
    this.clock = clock;
  }

  /** The accounts to protect (see {@link #read}). */
  public List<MemberAccount> accounts() {
    return read().accounts();
  }

  /** The accounts to protect now; never throws for a failed discovery (the listing says it failed). */
  public synchronized Listing read() {
    if (!settings.discover() || members == null) {
      return new Listing(settings.listed(), "", "");
    }
    Instant now = clock.instant();
    if (cached != null && now.isBefore(readAt.plus(cached.failed() ? RETRY_AFTER_FAILURE : REFRESH))) {
      return cached;
    }
    readAt = now;
    try {
      Map<String, String> found = members.list();
      lastFound = found;
      cached = new Listing(merge(found), "", "");
      memory.save(found, now);
      return cached;
    } catch (RuntimeException e) {
      String error = "ListAccounts failed: " + e.getMessage();
      if (lastFound != null) {
        cached = new Listing(merge(lastFound), "last", error);
        return cached;
      }
      try {
        Map<String, String> stored = memory.load().orElse(null);
        cached = stored == null ? new Listing(settings.listed(), "listed", error) : new Listing(merge(stored), "stored", error);
      } catch (RuntimeException bad) {
        cached = new Listing(settings.listed(), "listed", error + "; stored discovery ignored: " + bad.getMessage());
      }
      return cached;
    }
  }

  private List<MemberAccount> merge(Map<String, String> found) {
    Map<String, MemberAccount> all = new LinkedHashMap<>();
    settings.listed().forEach(a -> all.put(a.id(), a));
    found.forEach((id, name) -> {
      if (!all.containsKey(id) && !settings.exclude().contains(id)) {
        all.put(id, MemberAccount.discovered(id, name, settings.memberRole(), settings.externalId(), defaultRoles));
      }
    });
    return new ArrayList<>(all.values());
  }
}
