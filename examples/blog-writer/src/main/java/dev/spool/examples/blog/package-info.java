/**
 * The blog-writer example: a workflow that researches a topic, outlines a post with structured
 * model output, writes its sections in parallel with streamed tokens, edits it and returns it in
 * Markdown. Start with {@link dev.spool.examples.blog.BlogWriter}.
 */
package dev.spool.examples.blog;
