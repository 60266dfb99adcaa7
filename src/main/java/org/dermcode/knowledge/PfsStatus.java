package org.dermcode.knowledge;

/**
 * A PFS status indicator with what it means (CMS's PFS relative value file documentation, read from
 * {@code rules/pfs-status.csv}): whether Medicare pays the code under the fee schedule (or, as for
 * drugs with status E, under another one), and a plain sentence of its meaning.
 */
public record PfsStatus(String code, boolean medicarePays, String meaning) {}
