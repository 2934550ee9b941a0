package org.optline.campaign;

/** How long what a client writes may be (platform's {@code TextFields} holds the checks). */
final class ContentLimits {

    /** A subject is one header line: RFC 5322 allows 998 characters. */
    static final int MAX_SUBJECT = 998;
    static final int MAX_PREHEADER = 500;
    /** HTML, text part and template, each: far above any real message, small enough to compile and store at once. */
    static final int MAX_CONTENT = 500_000;
    /** Names of campaigns and templates, and the sender's name. */
    static final int MAX_NAME = 200;

    private ContentLimits() {}
}
