/**
 * The onboarding example: a workflow that crawls a company's website, extracts facts from every
 * page with one model call each (hundreds of calls, paced under the provider's limits), and merges
 * them into a profile it publishes as it grows. Start with {@link
 * dev.spool.examples.onboarding.Onboarding}.
 */
package dev.spool.examples.onboarding;
