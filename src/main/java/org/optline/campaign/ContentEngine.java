package org.optline.campaign;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.ArrayList;
import java.util.List;
import org.optline.campaign.render.CssInliner;
import org.optline.campaign.render.EmailHtmlPolicy;
import org.optline.campaign.render.HtmlToText;
import org.optline.campaign.render.MergeTags;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/**
 * Compiles a message's content once: merge tags checked and rewritten (defaults with
 * {@code {{name|there}}}, no unescaped output), the HTML sanitised for email, the text part
 * generated from the HTML when none is given, and all three compiled with JMustache; values in
 * the HTML part are escaped by {@link HtmlEscaper}. Errors name the part and the line.
 */
@Service
public class ContentEngine {

    private static final Mustache.Compiler HTML = Mustache.compiler().withEscaper(HtmlEscaper.INSTANCE).defaultValue("")
            .withLoader(name -> {
                throw new MustacheException("partials are not supported");
            });
    private static final Mustache.Compiler PLAIN = HTML.escapeHTML(false);

    /** What a client writes. {@code text} may be null: it is then generated from the HTML. */
    public record Source(String subject, String html, String text) {}

    public CompiledContent compile(Source source) {
        if (source.subject() == null || source.subject().isBlank()) {
            throw ValidationException.of("subject", "is required");
        }
        String html = EmailHtmlPolicy.sanitize(CssInliner.inline(MergeTags.rewriteHtml("html", source.html())));
        String text = source.text() == null || source.text().isBlank() ? HtmlToText.convert(html)
                : MergeTags.rewrite("text", source.text());
        List<String> names = new ArrayList<>(MergeTags.names(source.subject()));
        for (String n : MergeTags.names(source.html())) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        String subject = MergeTags.rewrite("subject", source.subject());
        return new CompiledContent(compile(PLAIN, "subject", subject), compile(HTML, "html", html), compile(PLAIN, "text", text),
                subject, html, text, List.copyOf(names));
    }

    /**
     * Whether the HTML, once checked, inlined and sanitised as {@link #compile} does it, still
     * has the merge tag {@code name}: one inside a comment, or in an element or attribute the
     * sanitiser drops, does not count.
     */
    public boolean keepsMergeTag(String html, String name) {
        return MergeTags.names(EmailHtmlPolicy.sanitize(CssInliner.inline(MergeTags.rewriteHtml("html", html)))).contains(name);
    }

    /**
     * The HTML a client may send, as it is stored: merge tags checked and kept as written (defaults
     * as escaped text, comments gone), style blocks inlined, sanitised. What the editor shows
     * afterwards is what is compiled and sent.
     */
    public String sanitize(String html) {
        return EmailHtmlPolicy.sanitize(CssInliner.inline(MergeTags.plainDefaults("html", html)));
    }

    /** A readable plain-text version of an HTML message. */
    public String textFromHtml(String html) {
        return HtmlToText.convert(html);
    }

    private static Template compile(Mustache.Compiler compiler, String field, String source) {
        try {
            return compiler.compile(source);
        } catch (MustacheException e) {
            throw ValidationException.of(field, e.getMessage());
        } catch (RuntimeException e) {
            // JMustache's parser can fail with an index error on malformed tags; MergeTags refuses
            // the ones known, and anything it misses must still be a validation error, not a 500.
            throw ValidationException.of(field, "the merge tags cannot be read; check that every {{ has a matching }}");
        }
    }
}
