package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.event.SelfIdentity;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.rm.ResourceManagerPort;
import io.github.sparkroleguard.rm.RmRole;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Tells the guard's own writes by what cannot be borrowed: the access keys this instance signed
 * with (FC rotates its STS keys) and its role's id, looked up once through Resource Management's
 * GetRole and only when a record carries the guard's role name but none of its keys. A failed
 * lookup leaves such a record to be inspected, which is harmless (invariant 5: convergence).
 */
final class SelfRecognition {
  private final String roleName;
  private final ResourceManagerPort rm;
  private final DecisionLog log;
  private final Map<String, Boolean> ownKeys = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 16;
    }
  });
  private volatile String roleId = "";

  /** @param rm null: keys only (no role id can be learned) */
  SelfRecognition(String roleName, ResourceManagerPort rm, DecisionLog log) {
    this.roleName = roleName;
    this.rm = rm;
    this.log = log;
  }

  /** The identity to classify these records with; remembers the current key. */
  SelfIdentity identify(List<TrailRecord> records, String accessKeyId) {
    if (accessKeyId != null && !accessKeyId.isEmpty()) {
      ownKeys.put(accessKeyId, Boolean.TRUE);
    }
    SelfIdentity self;
    synchronized (ownKeys) {
      self = new SelfIdentity(roleName, new LinkedHashSet<>(ownKeys.keySet()), roleId);
    }
    SelfIdentity probe = self;
    if (rm != null && records.stream().anyMatch(r -> probe.needsRoleId(r.actor()))) {
      try {
        roleId = rm.getRole(roleName).map(RmRole::roleId).orElse("");
        self = self.withRoleId(roleId);
      } catch (CloudCallException e) {
        log.line("self").put("role", roleName).put("error", e.code()).write();
      }
    }
    return self;
  }
}
