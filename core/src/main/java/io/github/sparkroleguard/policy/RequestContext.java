package io.github.sparkroleguard.policy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request brings besides its action and resource: the values of condition keys such as
 * {@code acs:PrincipalARN}. The evaluator decides a Condition only on keys given here; a key the
 * context does not carry leaves the statement CONDITIONAL (never guessed). Keys are matched
 * ignoring case [inferred: Alibaba's documentation spells keys one way and says nothing of case].
 */
public final class RequestContext {
  /** No key known: every Condition stays undecided, as before the evaluator knew operators. */
  public static final RequestContext EMPTY = new RequestContext(Map.of());
  /** The principal making the request, as Alibaba's control-policy examples match it. */
  public static final String PRINCIPAL_ARN = "acs:PrincipalARN";

  private final Map<String, String> values;

  private RequestContext(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static RequestContext of(Map<String, String> values) {
    Map<String, String> lower = new LinkedHashMap<>();
    values.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v, k)));
    return new RequestContext(lower);
  }

  /** A request made by this principal (its ARN as RAM reports it). */
  public static RequestContext principal(String principalArn) {
    return of(Map.of(PRINCIPAL_ARN, principalArn));
  }

  Optional<String> value(String key) {
    return Optional.ofNullable(values.get(key.toLowerCase(Locale.ROOT)));
  }
}
