package org.optline.site.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.platform.CreatedClient;
import org.optline.site.PolicyVersion;
import org.optline.site.PrivacyPolicies;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/**
 * The policy's pages: the version in force for anyone, every version with its changes marked in
 * words, one version in full, 404 for a version that is not there; markup in a policy never runs;
 * the operator's form publishes, and a refused form keeps what was typed.
 */
@OptlineTest
class PrivacyPagesTest {

    @Autowired MockMvc mvc;
    @Autowired PrivacyPolicies policies;
    @Autowired Clients clients;

    @Test
    void thePolicyInForceIsOpenToVisitorsWithItsNumberAndDay() throws Exception {
        PolicyVersion current = policies.current();
        MockHttpServletResponse page = page(null, "/privacy");
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("<span id=\"policy-version\">" + current.version() + "</span>",
                PolicyView.day(current.publishedAt()), "href=\"/privacy/versions\"", "id=\"policy-title\"");
    }

    @Test
    void theShippedPolicyReadsAsAPageWithItsTitleOnTop() throws Exception {
        String page = page(null, "/privacy/versions/1").getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("<h1 id=\"policy-title\">Privacy policy</h1>", "<h2>Permission only</h2>",
                "<strong>90 days</strong>", "<a href=\"/contact\">contact form</a>", "<a href=\"/abuse\">report it</a>");
    }

    @Test
    void markupInAPolicyIsShownAsTextAndNeverRuns() throws Exception {
        policies.publish(Fixtures.operator(), "# Policy with markup " + System.nanoTime() + "\n\n<script>alert(1)</script>\n\n"
                + "[click](javascript:alert(2)) and [the site](https://example.org)", false, "<b>Bold</b> summary");
        String page = page(null, "/privacy").getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "<a href=\"https://example.org\">the site</a>")
                .doesNotContain("<script>alert", "javascript:");
        assertThat(page(null, "/").getContentAsString(StandardCharsets.UTF_8)).contains("&lt;b&gt;Bold&lt;/b&gt; summary")
                .doesNotContain("<b>Bold</b>");
    }

    @Test
    void theVersionsPageMarksWhatChangedInWords() throws Exception {
        // Other tests in this context publish versions of their own: start from a known text.
        String base = policies.publish(Fixtures.operator(), "# Privacy policy\n\n## Security\n\nKept safe, "
                + System.nanoTime() + ".", false, null).text();
        PolicyVersion v = policies.publish(Fixtures.operator(), base.replace("## Security", "## Keeping data safe")
                + "\n\nAdded at " + System.nanoTime() + ".", true, "Security renamed");
        String page = page(null, "/privacy/versions").getContentAsString(StandardCharsets.UTF_8);
        String article = page.substring(page.indexOf("id=\"version-" + v.version() + "\""), page.indexOf("id=\"version-" + (v.version() - 1) + "\""));
        assertThat(article).contains("Material change", "Security renamed", "Changes from version " + (v.version() - 1) + ":",
                "<span class=\"visually-hidden\">Added: </span><span>## Keeping data safe</span></ins>",
                "<span class=\"visually-hidden\">Removed: </span><span>## Security</span></del>", "At line ");
        assertThat(page).contains("id=\"version-1\"", "The first published version.");
    }

    @Test
    void anOlderVersionSaysItIsNoLongerInForce() throws Exception {
        policies.publish(Fixtures.operator(), "Superseding " + System.nanoTime(), false, null);
        String page = page(null, "/privacy/versions/1").getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("This version is no longer in force", "read version " + policies.current().version(),
                "href=\"/privacy/versions#version-1\"");
    }

    @Test
    void aVersionThatIsNotThereIsTheNotFoundPage() throws Exception {
        for (String n : new String[] {"999999", "0", "abc", "-1", "99999999999"}) {
            assertThat(page(null, "/privacy/versions/" + n).getStatus()).as(n).isEqualTo(404);
        }
    }

    @Test
    void theOperatorsFormPublishesAndARefusedOneKeepsWhatWasTyped() throws Exception {
        MockHttpSession operator = logIn(Fixtures.OPERATOR_EMAIL, Fixtures.OPERATOR_PASSWORD);
        PolicyVersion current = policies.current();
        String form = page(operator, "/operator/policies").getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains(HtmlUtils.htmlEscape(current.text()).substring(0, 40), "Publish version " + (current.version() + 1),
                "href=\"/operator/policies\"");

        MockHttpServletResponse refused = mvc.perform(post("/operator/policies").session(operator).with(csrf())
                .param("text", current.text()).param("summary", "Typed summary").param("material", "true")).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("Policy text is the same as the current version&#39;s.",
                "value=\"Typed summary\"", "checked=\"checked\"");

        String text = current.text() + "\n\nFrom the form " + System.nanoTime() + ".";
        MockHttpServletResponse published = mvc.perform(post("/operator/policies").session(operator).with(csrf())
                .param("text", text).param("summary", "From the form")).andReturn().getResponse();
        assertThat(published.getRedirectedUrl()).isEqualTo("/operator/policies?published=" + (current.version() + 1));
        PolicyVersion v = policies.current();
        assertThat(v.text()).isEqualTo(text);
        assertThat(v.material()).isFalse();
        assertThat(v.publishedByLabel()).isEqualTo(Fixtures.OPERATOR_EMAIL);
        assertThat(v.publishedBy()).isNotNull();
        assertThat(page(operator, published.getRedirectedUrl()).getContentAsString(StandardCharsets.UTF_8))
                .contains("id=\"policy-published\"", "href=\"/privacy/versions#version-" + v.version() + "\"");
    }

    @Test
    void aClientsUsersDoNotReachTheOperatorsPage() throws Exception {
        CreatedClient client = Fixtures.client(clients, "Policy pages client");
        MockHttpSession admin = logIn(client.admin().email(), client.generatedAdminPassword());
        assertThat(page(admin, "/operator/policies").getStatus()).isEqualTo(403);
        int before = policies.current().version();
        assertThat(mvc.perform(post("/operator/policies").session(admin).with(csrf()).param("text", "# Ours")
                .param("material", "false")).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(policies.current().version()).isEqualTo(before);
    }

    private MockHttpServletResponse page(MockHttpSession session, String path) throws Exception {
        var request = get(path);
        if (session != null) {
            request.session(session);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private MockHttpSession logIn(String user, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(user).password(password))
                .andReturn().getRequest().getSession(false);
    }
}
