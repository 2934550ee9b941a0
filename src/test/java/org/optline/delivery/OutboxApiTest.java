package org.optline.delivery;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.optline.platform.Clients;
import org.optline.platform.TransactionalMail;
import org.optline.test.Fixtures;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/** The capture outbox: messages composed exactly as sent, each client seeing only its own. */
@OptlineTest
class OutboxApiTest {

    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Outbox outbox;

    @Test
    void capturedMessagesAreWholeRfc5322TextsAndStayWithTheirClient() throws Exception {
        var mine = Fixtures.client(clients, "Outbox Mine");
        var theirs = Fixtures.client(clients, "Outbox Theirs");
        outbox.send(new TransactionalMail.Message(mine.client().id(), "test", "Mine\r\nBcc: evil@x.de", "reader@mine.de",
                "Hello\r\nBcc: evil@x.de", "Plain text body", "<p>HTML body</p>"));
        outbox.send(new TransactionalMail.Message(theirs.client().id(), "test", "Theirs", "reader@theirs.de", "Other", "x", null));
        mvc.perform(get("/api/v1/outbox").header(HttpHeaders.AUTHORIZATION, "Bearer " + mine.adminApiKey().secret()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].recipient").value("reader@mine.de"))
                .andExpect(jsonPath("$.items[0].envelopeFrom").value("bounces@bounces.optline.local"))
                .andExpect(jsonPath("$.items[0].subject").value("Hello Bcc: evil@x.de"))
                .andExpect(jsonPath("$.items[0].raw", containsString("Message-ID: <")))
                .andExpect(jsonPath("$.items[0].raw", containsString("MIME-Version: 1.0")))
                .andExpect(jsonPath("$.items[0].raw", containsString("multipart/alternative")))
                .andExpect(jsonPath("$.items[0].raw", containsString("Subject: Hello Bcc: evil@x.de")))
                .andExpect(jsonPath("$.items[0].raw", Matchers.not(containsString("\r\nBcc:"))));
    }
}
