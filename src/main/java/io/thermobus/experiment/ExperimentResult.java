package io.thermobus.experiment;

import java.util.List;

/**
 * An experiment's answer: its {@code id} (derived from the scenario, so the same scenario has
 * the same id), the scenario's name, each controller's analytics side by side, and the traces.
 */
public record ExperimentResult(String id, String scenario, List<ControllerResult> results, Traces traces) {}
