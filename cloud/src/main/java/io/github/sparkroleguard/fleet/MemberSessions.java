package io.github.sparkroleguard.fleet;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.auth.STSAssumeRoleSessionCredentialsProvider;
import com.aliyuncs.profile.IClientProfile;
import io.github.sparkroleguard.config.Accounts;
import io.github.sparkroleguard.config.MemberAccount;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.RateGate;
import java.util.Map;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.function.Function;

/**
 * One STS session per member account, from the V1 core's
 * {@code STSAssumeRoleSessionCredentialsProvider}: AssumeRole into the account's member role,
 * signed with the function's own credentials; the provider caches the session and assumes the
 * role again shortly before it expires. Sessions live as long as the FC instance, at most
 * {@link #MAX_SESSIONS} of them (the least recently used is dropped and assumed again when next
 * needed), so a directory of any size holds bounded memory.
 */
public final class MemberSessions {
  /** The session name ActionTrail records in members for the guard's own writes. */
  static final String SESSION_NAME = "spark-role-guard";
  /** Sessions kept at most: a directory's accounts fit (a session is a few hundred bytes). */
  static final int MAX_SESSIONS = 2_000;

  private final IAcsClient stsBase;
  private final CredentialsHolder central;
  private final Accounts settings;
  private final Function<CredentialsHolder, IClientProfile> profiles;
  private final RateGate stsGate;
  private final Map<String, CredentialsHolder> sessions;

  /**
   * @param stsBase the client AssumeRole is sent with (signed with the central credentials)
   * @param profiles builds a client profile (the JDK transport, timeouts) for a credentials provider
   */
  public MemberSessions(IAcsClient stsBase, CredentialsHolder central, Accounts settings,
      Function<CredentialsHolder, IClientProfile> profiles, RateGate stsGate) {
    this(stsBase, central, settings, profiles, stsGate, MAX_SESSIONS);
  }

  MemberSessions(IAcsClient stsBase, CredentialsHolder central, Accounts settings,
      Function<CredentialsHolder, IClientProfile> profiles, RateGate stsGate, int capacity) {
    this.sessions = Collections.synchronizedMap(new LinkedHashMap<String, CredentialsHolder>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CredentialsHolder> eldest) {
        return size() > capacity;
      }
    });
    this.stsBase = stsBase;
    this.central = central;
    this.settings = settings;
    this.profiles = profiles;
    this.stsGate = stsGate;
  }

  /** The account's credentials: each call returns the cached session or assumes the role again. */
  public CredentialsHolder credentials(MemberAccount account) {
    synchronized (sessions) {
      return sessions.computeIfAbsent(account.id(), id -> session(account));
    }
  }

  /** Sessions kept now. */
  int size() {
    return sessions.size();
  }

  /** A new session provider: nothing is sent until the credentials are first asked for. */
  private CredentialsHolder session(MemberAccount account) {
    STSAssumeRoleSessionCredentialsProvider p = new STSAssumeRoleSessionCredentialsProvider(central,
        account.roleArn(), profiles.apply(central))
        .withRoleSessionName(SESSION_NAME)
        .withRoleSessionDurationSeconds(settings.sessionSeconds())
        .withSTSClient(StsClient.forAccount(stsBase, settings.stsEndpoint(), account.externalId(), stsGate));
    return CredentialsHolder.from(p);
  }
}
