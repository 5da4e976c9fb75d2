package io.thermobus.bus;

import java.util.List;

/**
 * Introspection of the whole bus at one moment (each figure is read without stopping
 * publishers, so they may be a few events apart).
 *
 * @param subscriptions   live and tombstoned subscriptions, by id: all of them, or one page
 * @param live            live subscriptions, on every page
 * @param tombstoned      tombstoned subscriptions not yet swept, on every page
 * @param more            whether subscriptions with ids beyond this page exist
 * @param sweeps          sweeps run so far
 * @param published       events published so far (= head seq)
 * @param retained        events retained now
 * @param oldestSeq       oldest retained seq (head + 1 when nothing is retained)
 * @param laggedMarkers   lagged markers delivered so far
 * @param publishRate     events per second over the retained part of the last 10 s
 */
public record BusSnapshot(List<SubscriptionInfo> subscriptions, long live, long tombstoned, boolean more, long sweeps, long published, long retained,
                          long oldestSeq, long laggedMarkers, double publishRate) {
}
