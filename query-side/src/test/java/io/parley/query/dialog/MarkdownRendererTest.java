package io.parley.query.dialog;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** body_html must be safe whatever the body: nothing executable survives the rendering. */
class MarkdownRendererTest {

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)\\s*=\\s*\"([^\"]*)\"");
    private static final Set<String> TAGS = Set.of("p", "a", "img", "em", "strong", "code", "pre", "h1", "h2", "h3",
                                                   "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr", "br");
    private static final Set<String> ATTRIBUTES = Set.of("href", "src", "alt", "title", "class", "start", "rel");

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click]( javascript:alert(1) )",
            "[click](&#106;avascript:alert(1))",
            "[click](&#x6A;avascript&#58;alert(1))",
            "[click](vbscript:msgbox(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![pic](javascript:alert(1))",
            "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
            "[[inner](javascript:alert(1))](https://example.org)",
            "[outer [inner](https://example.org)](javascript:alert(1))",
            "<javascript:alert(1)>",
            "[ref][1]\n\n[1]: javascript:alert(1)",
            "[x](https://example.org \"a\\\" onmouseover=\\\"alert(1)\")",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "`<script>alert(1)</script>`",
            "```\n<script>alert(1)</script>\n```",
            "<div onclick=\"alert(1)\">**bold**</div>",
            "**<b onmouseover=alert(1)>x</b>**",
            "[x](java\tscript:alert(1))"
    })
    void nothingExecutableSurvives(String body) {
        String html = renderer.render(body);
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script").doesNotContain("<iframe").doesNotContain("<svg")
                         .doesNotContain("<div");
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            assertThat(TAGS).as("tag in " + html).contains(tag.group(2).toLowerCase(Locale.ROOT));
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            while (attribute.find()) {
                String name = attribute.group(1).toLowerCase(Locale.ROOT);
                assertThat(ATTRIBUTES).as("attribute in " + html).contains(name);
                String value = attribute.group(2).replaceAll("\\s", "").toLowerCase(Locale.ROOT);
                assertThat(value).as("URL in " + html).doesNotStartWith("javascript:").doesNotStartWith("data:")
                                 .doesNotStartWith("vbscript:");
            }
            // Every attribute is name="value": nothing left outside the quotes.
            assertThat(tag.group(3).replaceAll(ATTRIBUTE.pattern(), "").trim()).as("stray text in " + html)
                                                                            .isIn("", "/");
        }
    }

    @Test
    void ordinaryMarkdownStillRenders() {
        assertThat(renderer.render("#Hello")).isEqualTo("<p>#Hello</p>\n");
        assertThat(renderer.render("# Hello")).isEqualTo("<h1>Hello</h1>\n");
        assertThat(renderer.render("**bold** and [a link](https://example.org)"))
                .isEqualTo("<p><strong>bold</strong> and <a rel=\"nofollow\" href=\"https://example.org\">a link</a></p>\n");
        assertThat(renderer.render("mail [me](mailto:me@example.org)")).contains("href=\"mailto:me@example.org\"");
        assertThat(renderer.render("1 < 2 & 3 > 2")).isEqualTo("<p>1 &lt; 2 &amp; 3 &gt; 2</p>\n");
    }

    @Test
    void aPlainLineRendersAsTheParserRendersIt() {
        HtmlRenderer html = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
        Parser parser = Parser.builder().build();
        String alphabet = "aZ\u00e9\u044f\u4e2d0 9 .,?!:;'-+()/%@*_[]<>&\"#`~\\|=\n\t\u00a0";
        SplittableRandom random = new SplittableRandom(3);
        int plain = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String fast = MarkdownRenderer.plainParagraph(text.toString());
            if (fast != null) {
                plain++;
                assertThat(fast).as(text.toString()).isEqualTo(html.render(parser.parse(text.toString())));
            }
        }
        assertThat(plain).isGreaterThan(1_000);
        assertThat(MarkdownRenderer.plainParagraph("See you at 10:30, ok? Don't be late (please)!"))
                .isEqualTo("<p>See you at 10:30, ok? Don't be late (please)!</p>\n");
        assertThat(MarkdownRenderer.plainParagraph("1. not plain")).isNull();
        assertThat(MarkdownRenderer.plainParagraph("a *b*")).isNull();
    }
}
