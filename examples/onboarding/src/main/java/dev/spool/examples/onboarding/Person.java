package dev.spool.examples.onboarding;

/** Someone who works at the company, and their title. */
public record Person(String name, String title) {}
