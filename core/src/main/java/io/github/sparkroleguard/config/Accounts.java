package io.github.sparkroleguard.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts one central guard protects (issue 16): listed members, optionally every member
 * that Resource Directory lists, the role assumed in each, and how many are scanned at once.
 * {@link #NONE} (no {@code accounts:} key) is today's single-account guard.
 */
public final class Accounts {
  public static final Accounts NONE = new Accounts(List.of(), false, Defaults.MEMBER_ROLE, "", Set.of(),
      Defaults.ACCOUNT_CONCURRENCY, Defaults.SESSION_SECONDS, Defaults.STS_QPS,
      Endpoint.parse(Defaults.STS_ENDPOINT, "fleet.sts.endpoint"));

  private final List<MemberAccount> listed;
  private final boolean discover;
  private final String memberRole;
  private final String externalId;
  private final Set<String> exclude;
  private final int concurrency;
  private final int sessionSeconds;
  private final int stsQps;
  private final Endpoint stsEndpoint;

  Accounts(List<MemberAccount> listed, boolean discover, String memberRole, String externalId, Set<String> exclude,
      int concurrency, int sessionSeconds, int stsQps, Endpoint stsEndpoint) {
    this.listed = List.copyOf(listed);
    this.discover = discover;
    this.memberRole = memberRole;
    this.externalId = externalId;
    this.exclude = Set.copyOf(exclude);
    this.concurrency = concurrency;
    this.sessionSeconds = sessionSeconds;
    this.stsQps = stsQps;
    this.stsEndpoint = stsEndpoint;
  }

  /** True when the guard protects member accounts rather than its own. */
  public boolean enabled() {
    return !listed.isEmpty() || discover;
  }

  public List<MemberAccount> listed() {
    return listed;
  }

  /** Also protect every member Resource Directory's ListAccounts returns. */
  public boolean discover() {
    return discover;
  }

  /** The role assumed in accounts that do not name one (and in discovered accounts). */
  public String memberRole() {
    return memberRole;
  }

  public String externalId() {
    return externalId;
  }

  /** Account ids discovery leaves out. */
  public Set<String> exclude() {
    return exclude;
  }

  /** Accounts scanned at once. */
  public int concurrency() {
    return concurrency;
  }

  /** STS session length asked for; sessions are cached and refreshed before they expire. */
  public int sessionSeconds() {
    return sessionSeconds;
  }

  /** AssumeRole calls per second at most (STS's quota is far higher [inferred, older FAQ: ~100]). */
  public int stsQps() {
    return stsQps;
  }

  public Endpoint stsEndpoint() {
    return stsEndpoint;
  }

  /** The listed account with this id. */
  public Optional<MemberAccount> listed(String id) {
    return listed.stream().filter(a -> a.id().equals(id)).findFirst();
  }
}
