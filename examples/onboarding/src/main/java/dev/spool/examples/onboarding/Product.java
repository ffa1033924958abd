package dev.spool.examples.onboarding;

/**
 * A product the company sells.
 *
 * @param name its name
 * @param summary what it is, in a phrase
 * @param price its entry price as the site states it, or empty
 */
public record Product(String name, String summary, String price) {}
