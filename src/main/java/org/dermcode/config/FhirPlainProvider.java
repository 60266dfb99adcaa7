package org.dermcode.config;

/** Marks a HAPI plain provider (operations not tied to one resource provider) for registration. */
public interface FhirPlainProvider {}
