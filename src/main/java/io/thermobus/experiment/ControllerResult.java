package io.thermobus.experiment;

import io.thermobus.analytics.Analytics;
import io.thermobus.control.ControlSettings;

/** One controller's figures in an experiment, with the settings it ran with. */
public record ControllerResult(String controller, ControlSettings settings, Analytics analytics) {}
