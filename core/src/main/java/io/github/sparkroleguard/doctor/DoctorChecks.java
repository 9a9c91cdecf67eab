package io.github.sparkroleguard.doctor;

import java.util.List;

/**
 * The doctor's checks, in the order they run and are reported. One line per check: add yours
 * here (and nowhere else) with the collaborators it needs from the {@link DoctorContext}.
 */
public final class DoctorChecks {
  private DoctorChecks() {}

  public static List<DoctorCheck> standard(DoctorContext c) {
    return List.of(
        new ProtectedRolesCheck(c.config(), c.ram(), c.resourceManager()),
        new OwnPermissionsCheck(c.config(), c.ram(), c.accountId()),
        new DefaultRoleTrustCheck(c.config(), c.ram()),
        new SystemPolicyCheck(c.ram()),
        new ServiceLinkedRoleCheck(c.ram(), c.resourceManager()),
        new ActionTrailCheck(c.trail(), c.clock()),
        new EventBridgeRulesCheck(c.config().eventBridge(), c.eventBridge()),
        new EventBridgeServiceRolesCheck(c.ram()),
        new AlertChannelsCheck(c.config(), c.alerts(), c.clock(), c.sendTest()),
        new ControlPolicyCheck(c.config(), c.controlPolicies(), c.accountId()),
        new SharedStateCheck(c.config(), c.state().orElse(new io.github.sparkroleguard.state.MemoryState()), c.clock()),
        new StateWritersCheck(c.config(), c.state().flatMap(io.github.sparkroleguard.state.GuardState::probe), c.accountId()),
        AotCacheCheck.current());
  }
}
