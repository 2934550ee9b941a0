/**
 * The segment language's syntax tree, parser and printer. Published to other modules as the
 * {@code language} interface: a {@link org.optline.segment.ConditionProvider} reads the
 * conditions it answers from the tree and reports mistakes as a
 * {@link org.optline.segment.language.SegmentSyntaxException}.
 */
@NamedInterface("language")
package org.optline.segment.language;

import org.springframework.modulith.NamedInterface;
