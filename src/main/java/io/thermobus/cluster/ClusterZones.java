package io.thermobus.cluster;

import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;

/**
 * Zones created and deleted at run time in a cluster: defined in and removed from the cluster map
 * itself, on any node, so that the zone's owner adopts it and every node lists it, or every node
 * forgets it. Only a clustered node has one; a lone node's zone routes host their zones themselves.
 */
public interface ClusterZones {

  /**
   * Defines {@code spec} unless the cluster knows the zone: true once it is in the cluster map (and
   * its backup) and in this node's record of created zones, so that it survives a restart of every
   * node; its owner then hosts it. False for a zone the cluster knows.
   */
  Future<Boolean> define(ZoneSpec spec);

  /**
   * Removes {@code zone} from the cluster map and this node's record of created zones: true once
   * no node hosts it any more (its owner stopped it, heater off), false for a zone the cluster does
   * not know; fails when a node still hosts it after the wait.
   */
  Future<Boolean> undefine(String zone);
}
