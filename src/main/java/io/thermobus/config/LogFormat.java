package io.thermobus.config;

/** Readable lines, or one JSON object per line for log collectors. */
public enum LogFormat { TEXT, JSON }
