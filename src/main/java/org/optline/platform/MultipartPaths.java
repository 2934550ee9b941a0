package org.optline.platform;

import java.util.List;

/**
 * Paths where a module takes multipart bodies (file uploads, or forms that mail clients post as
 * multipart), and the most bytes one such request may carry. Declared as beans; everywhere else a
 * multipart body is refused before it is read, so nobody can make a node spool large files to
 * disk through a page that expects none.
 */
public record MultipartPaths(List<String> patterns, long maxBytes) {}
