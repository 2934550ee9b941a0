package org.optline.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.optline.campaign.CompiledContent;
import org.optline.campaign.ContentEngine;

/**
 * Per-message rendering cost: a 5 KB template with 10 merge fields and 10 links,
 * compiled and sanitised once, rendered per recipient (HTML, text, subject) with the recipient's
 * own unsubscribe and preferences links. The reference in the same run is a plain
 * {@code String.replace} of the same ten fields, the cheapest personalisation there is.
 * Run with {@code bash bench/render.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RenderBenchmark {

    private CompiledContent compiled;
    private String rawHtml;
    private int n;

    @Setup
    public void setUp() {
        StringBuilder html = new StringBuilder("<style>.cta { color: #ffffff; background-color: #0055aa }</style>"
                + "<h1>Hello {{name|there}}</h1><p>From {{city}}, {{country}}; your plan: {{plan}}.</p>");
        for (int i = 0; i < 10; i++) {
            html.append("<p>Paragraph ").append(i).append(" for {{first}} {{last}}: lorem ipsum dolor sit amet, consectetur ")
                    .append("adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim ")
                    .append("veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. ")
                    .append("<a class=\"cta\" href=\"https://shop.example/item/").append(i).append("?ref=mail\">Item ").append(i)
                    .append("</a></p>");
        }
        html.append("<p>{{company}} · {{zip}} · <a href=\"{{unsubscribe_url}}\">Unsubscribe</a> · ")
                .append("<a href=\"{{preferences_url}}\">Preferences</a></p>");
        rawHtml = html.toString();
        compiled = new ContentEngine().compile(new ContentEngine.Source("{{first}}, news for {{city}}", rawHtml, null));
    }

    private Map<String, String> values() {
        int i = n++;
        Map<String, String> v = new HashMap<>();
        v.put("name", "Person " + i);
        v.put("first", "Ann");
        v.put("last", "Smith" + i);
        v.put("city", "Berlin");
        v.put("country", "DE");
        v.put("plan", "gold");
        v.put("company", "Shoehaus GmbH");
        v.put("zip", "10115");
        v.put("unsubscribe_url", "https://optline.example/s/unsubscribe/QQ" + i + ".sig");
        v.put("preferences_url", "https://optline.example/s/preferences/PP" + i + ".sig");
        return v;
    }

    @Benchmark
    public CompiledContent.RenderedContent optline() {
        return compiled.render(values());
    }

    @Benchmark
    public String reference() {
        String out = rawHtml;
        for (Map.Entry<String, String> e : values().entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return out;
    }
}
